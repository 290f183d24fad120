"""Repair the usual mishearings of interview terms, word by word, keeping timestamps."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from voice_coach.analysis.rules import RepairRule
from voice_coach.transcripts import default_labels, end_typed_lines
from voice_coach.values import CANDIDATE, Word

_PUNCT = re.compile(r"^[\"'(\[]+|[\"'.,!?;:)\]]+$")


def _bare(text: str) -> str:
    return _PUNCT.sub("", text).lower()


def _context_forbids(bare: list[str], i: int, n: int, rule: RepairRule) -> bool:
    """Is a word of the rule's "unless" context (e.g. money words for "cash") near the match?"""
    if not rule.unless_near:
        return False
    near = bare[max(0, i - rule.window):i] + bare[i + n:i + n + rule.window]
    return any(w.startswith(rule.unless_near) for w in near)


def _context_missing(bare: list[str], heard: list[str], i: int, rule: RepairRule) -> bool:
    """Does a rule that applies only after its context (a cost, for "except" -> "accept")
    lack it, or lack the pause before the words (the word before ends a clause)?"""
    if not rule.only_after:
        return False
    paused = i == 0 or bool(re.search(r"[.,;:!?]$", heard[i - 1]))
    before = bare[max(0, i - rule.window):i]
    return not (paused and any(w.startswith(rule.only_after) for w in before))


def context_window(rules: Sequence[RepairRule]) -> int:
    """How many words either side a repair decision may look at."""
    return max((r.window for r in rules if r.unless_near or r.only_after), default=0)


def repair_words(words: Sequence[Word], rules: Sequence[RepairRule],
                 origins: list[int] | None = None, before: Sequence[Word] = ()) -> list[Word]:
    """Replace heard word sequences; a merged word spans the times of what it replaced and
    keeps the trailing punctuation of the last word it replaced. ``origins``, if given, gets
    for each output word the index of the first input word it came from. ``before``: words
    said just before (already repaired), seen only as context ("cash" near "pay")."""
    by_first: dict[str, list[RepairRule]] = {}
    for r in sorted(rules, key=lambda r: -len(r.words)):
        by_first.setdefault(r.words[0], []).append(r)
    out: list[Word] = []
    i = 0
    bare = [_bare(w.text) for w in words]
    ctx = [_bare(w.text) for w in before]
    heard = [w.text for w in before] + [w.text for w in words]
    while i < len(words):
        for rule in by_first.get(bare[i], ()):
            n = len(rule.words)
            if tuple(bare[i:i + n]) == rule.words and \
                    not _context_forbids(ctx + bare, len(ctx) + i, n, rule) and \
                    not _context_missing(ctx + bare, heard, len(ctx) + i, rule):
                span = words[i:i + n]
                tail = re.search(r"[.,!?;:]+$", span[-1].text)
                pieces = list(rule.to)
                if tail:
                    pieces[-1] += tail.group(0)
                # spread the span's time over the replacement words
                t0, t1 = span[0].start_s, span[-1].end_s
                step = (t1 - t0) / len(pieces)
                prob = min(w.prob for w in span)
                for k, p in enumerate(pieces):
                    out.append(Word(p, round(t0 + k * step, 3),
                                    round(t0 + (k + 1) * step, 3), prob, span[0].speaker))
                    if origins is not None:
                        origins.append(i)
                i += n
                break
        else:
            out.append(words[i])
            if origins is not None:
                origins.append(i)
            i += 1
    return out


# A numbered notes item read aloud ("4) Constraints: ..." is heard "Four constraints, ...";
# "2) Success:" as "To success,", "3) V1:" as "Free V1."): the number words, with the
# homophones the voices are heard as, that may open such an item.
SPOKEN_LIST_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", **{str(n): str(n) for n in range(1, 11)}}
# Homophones count only with a full stop after the heading: "For testing, I'd A/B test the
# menu" and "To scale, we shard" are no list items.
SPOKEN_LIST_HOMOPHONES = {"won": "1", "to": "2", "too": "2", "free": "3", "tree": "3",
                          "for": "4"}


def spoken_list_items(words: Sequence[Word], headings: frozenset[str],
                      before: Sequence[Word] = ()) -> list[Word]:
    """Numbered notes items read aloud, written back as typed ("Four constraints. Billing
    must ..." -> "4) Constraints: Billing must ..."), so the heading heads its item as it
    does in typed notes. Applies only at a sentence start, to a number word then a one-word
    heading (``headings``, lower case) with a pause after it ("." or ","), and more after
    that: "For scale we shard" and "Two metrics matter here" stay. Word for word, so times
    and word indices are kept."""
    out = list(words)
    prev = before[-1].text if before else ""
    for i in range(len(out) - 2):
        num, head = _bare(out[i].text), out[i + 1].text
        at_start = (i == 0 and (not prev or prev[-1] in ".?!")) or \
            (i > 0 and out[i - 1].text[-1:] in (".", "?", "!"))
        number = SPOKEN_LIST_NUMBERS.get(num) or \
            (SPOKEN_LIST_HOMOPHONES.get(num) if head.endswith(".") else None)
        if not at_start or number is None or head[-1:] not in (".", ",") or \
                _bare(head) not in headings or out[i].text[-1:] in (".", ",", "?", "!"):
            continue
        out[i] = dataclasses.replace(out[i], text=number + ")")
        word = _bare(head)
        out[i + 1] = dataclasses.replace(out[i + 1], text=word[:1].upper() + word[1:] + ":")
        nxt = out[i + 2]
        out[i + 2] = dataclasses.replace(nxt, text=nxt.text[:1].upper() + nxt.text[1:])
    return out


def join_heard_pauses(words: Sequence[Word], joiners: frozenset[str]) -> list[Word]:
    """Heard words with a full stop before a word that opens no sentence (``joiners``, lower
    case: "because", "like") read as a comma: the recognizer writes a full stop wherever the
    speaker paused. Word for word, so times and word indices are kept. (Analysis while
    listening commits a sentence only once two more follow it, so the word after a committed
    full stop has always been seen here.)"""
    out = list(words)
    for i in range(1, len(out)):
        prev, w = out[i - 1], out[i]
        if prev.text.endswith(".") and _bare(w.text) in joiners and \
                prev.speaker == w.speaker and not prev.text.endswith(".."):
            out[i - 1] = dataclasses.replace(prev, text=prev.text[:-1] + ",")
            out[i] = dataclasses.replace(w, text=w.text[:1].lower() + w.text[1:])
    return out


@lru_cache(maxsize=1)
def _roles() -> tuple[frozenset[str], frozenset[str]]:
    """(candidate roles, interviewer roles): the role labels of text transcripts
    (voice_coach/data/transcript_labels.toml), one list for both readers of labels."""
    labels = default_labels()
    return labels.candidate_roles, labels.interviewer_roles


def turn_roles() -> frozenset[str]:
    """Every role label of a text transcript ("candidate", "interviewer", ...), lower case."""
    candidate_roles, interviewer_roles = _roles()
    return candidate_roles | interviewer_roles


@lru_cache(maxsize=1)
def _spoken_forms() -> list[tuple[tuple[str, ...], str]]:
    """(heard words, speaker) of each spoken role label, longest first."""
    labels = default_labels()
    forms = [(f, CANDIDATE) for f in labels.spoken_candidate] + \
        [(f, "Interviewer") for f in labels.spoken_interviewer]
    return sorted(forms, key=lambda f: -len(f[0]))


# words that make a role word a person spoken of, not a label ("the candidate should ...")
_NOT_A_LABEL_AFTER = frozenset({
    "the", "a", "an", "each", "every", "our", "my", "your", "their", "his", "her", "this",
    "that", "one", "any", "no", "another", "other", "good", "strong", "weak", "best", "as"})
MIN_SPOKEN_LABELS = 3  # fewer role words than this is an answer that mentions a role


def spoken_turns(words: Sequence[Word]) -> list[Word]:
    """The turns of a transcript that was read aloud by one voice ("Interviewer: ...
    Candidate: ..."), as words with their speaker: a recording of the labels is recognized
    as ordinary words ("How would you fix it candidate? Sure, first ..."), and without this
    the interviewer's questions and facts would be read as the candidate's claims.

    Applies only when both roles' labels are heard, at least ``MIN_SPOKEN_LABELS`` in all
    (an answer that mentions "the interviewer" once is left as it is). The label words are
    dropped; a sentence end heard on a label moves to the word before it. Words before the
    first label belong to the other role. Returns ``words`` unchanged otherwise."""
    forms = _spoken_forms()
    bare = [_bare(w.text) for w in words]
    found: list[tuple[int, int, str]] = []  # (first word, length, speaker)
    i = 0
    while i < len(words):
        for form, speaker in forms:
            n = len(form)
            if tuple(bare[i:i + n]) != form:
                continue
            before_ends = i == 0 or bool(re.search(r"[.?!]$", words[i - 1].text))
            if n == 1 and i > 0 and (bare[i - 1] in _NOT_A_LABEL_AFTER or
                                     bare[i - 1].endswith("'s")):
                continue
            if n > 1 and not (before_ends or re.search(r"[.,?!:;]$", words[i + n - 1].text)):
                continue
            found.append((i, n, speaker))
            i += n - 1
            break
        i += 1
    if len(found) < MIN_SPOKEN_LABELS or {s for _i, _n, s in found} != {CANDIDATE, "Interviewer"}:
        return list(words)
    starts = {i: (n, s) for i, n, s in found}
    speaker = "Interviewer" if found[0][2] == CANDIDATE else CANDIDATE
    out: list[Word] = []
    turns = [0]  # where each turn starts in ``out``
    i = 0
    while i < len(words):
        if i in starts:
            n, speaker = starts[i]
            end = re.search(r"[.?!]+$", words[i + n - 1].text)
            if end and out and not re.search(r"[.?!,;:]$", out[-1].text):
                out[-1] = dataclasses.replace(out[-1], text=out[-1].text + end.group(0))
            turns.append(len(out))
            i += n
            continue
        out.append(dataclasses.replace(words[i], speaker=speaker))
        i += 1
    return _answers_after_questions(out, turns)


MIN_LOST_ANSWER_WORDS = 8  # what follows the interviewer's last question, to be an answer


def _answers_after_questions(words: list[Word], turns: list[int]) -> list[Word]:
    """A candidate label the recognizer did not hear ("Interviewer: ... how would you know it
    worked? I'd mainly want to make sure hours streamed don't go down ..."): the interviewer
    asks, then stops. In an interviewer's turn, what follows its last question, with no
    question in it and long enough to be an answer, is the candidate's."""
    out = list(words)
    for a, b in pairwise([*turns, len(out)]):
        if a >= b or out[a].speaker == CANDIDATE:
            continue
        last_q = max((k for k in range(a, b) if out[k].text.endswith("?")), default=None)
        if last_q is not None and b - (last_q + 1) >= MIN_LOST_ANSWER_WORDS:
            for k in range(last_q + 1, b):
                out[k] = dataclasses.replace(out[k], speaker=CANDIDATE)
    return out


def words_from_text(text: str, wpm: float = 150.0) -> list[Word]:
    """Words of a text transcript with times estimated at a speaking pace of ``wpm``. In a
    dialogue (turn labels of both sides), the interviewer's words carry their speaker: they
    are context, never the candidate's. The labels stay in the words (they are in the text)."""
    step = 60.0 / wpm
    # (typed notes end an item at its line break: the break becomes the full stop it stands for)
    toks = end_typed_lines(text.splitlines()).split()
    candidate_roles, interviewer_roles = _roles()
    # "Interviewer: ... Candidate: ...": a role label (only role names: an ordinary "Note:"
    # in an answer is no turn) at the start of the text or after a sentence end
    labels = [i for i, tok in enumerate(toks) if tok.endswith(":") and
              tok[:-1].lower() in candidate_roles | interviewer_roles and
              (i == 0 or toks[i - 1][-1] in ".?!\"'")]
    roles = {toks[i][:-1].lower() in candidate_roles for i in labels}
    speaker, turn_at = CANDIDATE, set(labels) if roles == {True, False} else set()
    out = []
    for i, tok in enumerate(toks):
        if i in turn_at:
            role = tok[:-1]
            speaker = CANDIDATE if role.lower() in candidate_roles else role.capitalize()
        out.append(Word(tok, round(i * step, 3), round((i + 1) * step - 0.05, 3), 1.0, speaker))
    return out
