"""Spoken commands and end phrases, recognised in transcribed utterances."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from voice_coach.values import Word

_NON_WORD = re.compile(r"[^a-z' ]+")


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'")
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class CommandOptions:
    end_phrases: tuple[str, ...] = ("i'm done", "i am done", "that's my answer",
                                    "that is my answer", "end of answer", "end of my answer")
    commands: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        "repeat": ("repeat the question", "can you repeat the question",
                   "could you repeat the question", "repeat that question",
                   "say the question again"),
        "pause": ("pause", "pause please", "hold on pause"),
        "resume": ("resume", "resume please", "continue", "i'm back"),
        "skip": ("skip", "skip this question", "skip the question", "next question"),
    })
    max_command_words: int = 6  # a command is a short utterance of its own


def match_command(text: str, opt: CommandOptions) -> str | None:
    """The command an utterance is, if it is one (short, and made of a command phrase)."""
    norm = normalise(text)
    words = norm.split()
    if not words or len(words) > opt.max_command_words:
        return None
    for name, phrases in opt.commands.items():
        for p in phrases:
            if norm == p or (p in norm and len(words) <= len(p.split()) + 3):
                return name
    return None


def _ends_with_phrase(tail: list[str], phrase: list[str], max_extra: int) -> int | None:
    """How many trailing words hold ``phrase`` in order with at most ``max_extra`` other words
    among them (the recognizer inserts words: "that's it, my answer"); None if they don't."""
    if not tail or tail[-1] != phrase[-1]:
        return None
    j = len(phrase) - 1
    extra = 0
    for n, w in enumerate(reversed(tail), 1):
        if j >= 0 and w == phrase[j]:
            j -= 1
            if j < 0:
                return n
        else:
            extra += 1
            if extra > max_extra:
                return None
    return None


def strip_end_phrase(words: list[Word], opt: CommandOptions, max_extra: int = 1
                     ) -> tuple[list[Word], bool]:
    """If the utterance ends with an end phrase, return it without the phrase and True."""
    norm = [x for x in (normalise(w.text) for w in words)]
    # keep indices of non-empty words so the cut maps back onto ``words``
    idx = [i for i, x in enumerate(norm) if x]
    flat: list[str] = []
    owner: list[int] = []
    for i in idx:
        for piece in norm[i].split():
            flat.append(piece)
            owner.append(i)
    # tiny.en often appends a closer it imagines ("That's my answer. Thank you.")
    trailing = 0
    while trailing < 2 and len(flat) - trailing > 0 and flat[-1 - trailing] in HALLUCINATED_CLOSERS:
        trailing += 1
    for cut_tail in range(trailing + 1):
        body = flat[: len(flat) - cut_tail] if cut_tail else flat
        for phrase in sorted(opt.end_phrases, key=len, reverse=True):
            n = _ends_with_phrase(body, phrase.split(), max_extra)
            if n is not None:
                cut = owner[len(body) - n]
                return words[:cut], True
    return words, False


HALLUCINATED_CLOSERS = {"thank", "thanks", "you", "bye", "okay", "so", "and"}
