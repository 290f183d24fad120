"""Turn-taking: is a pause the end of the answer, or the candidate thinking?

A fixed silence rule cannot be right: people stop for 4-8 s between parts of a system-design
answer, and a finished answer should get its feedback within about a second. So the silence
that ends an answer depends on what has been said:

- the last sentence is complete (not "... and", "um", a half sentence), and
- the answer has reached its close (validation, a summary, "that's it"): ~1 s of silence;
- a complete sentence mid-answer: a thinking pause, ~10 s;
- an unfinished sentence, or an answer that has not got anywhere yet: longer still.

Spoken end phrases end it at once (engine.py, via commands.py). When the guess is wrong and
the candidate goes on speaking, the engine resumes the same answer (nothing is lost).

Everything here is pure: ``evidence_from_*`` turns a transcript into an ``AnswerEvidence``
value, and ``decide`` turns (evidence, silence, what is still being transcribed) into a
``Decision``. The engine calls them; tests drive them with synthetic values.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voice_coach.values import CANDIDATE, Word

if TYPE_CHECKING:
    from voice_coach.analysis.incremental import IncrementalParse


class Outcome(enum.Enum):
    """What a pause means. The decision is one value so a new outcome (a question waiting
    for the coach's reply) is one more member and one more rule in ``decide``."""

    LISTEN = "listen"  # still speaking, or a thinking pause: keep listening
    END = "end"  # the answer is over
    QUESTION = "question"  # a question to the interviewer, waiting for its reply


@dataclass(frozen=True)
class TurnOptions:
    """Thresholds of the end-of-answer decision (seconds of silence after the last word)."""

    close_silence_s: float = 1.0  # complete last sentence, answer at its close
    complete_silence_s: float = 10.0  # complete sentence mid-answer: a thinking pause
    open_silence_s: float = 14.0  # the last sentence is unfinished ("and", "um", half)
    early_silence_s: float = 14.0  # the answer has not got anywhere yet
    fixed_silence_s: float | None = None  # the old rule: this much silence ends any answer
    min_answer_words: int = 30  # fewer words: the answer has not got anywhere
    min_answer_phases: int = 2  # phases other than "other" covered before a close counts
    closing_phases: tuple[str, ...] = ("validation",)
    # a sentence ending on one of these is unfinished (the speaker will go on)
    continuation_words: tuple[str, ...] = (
        "and", "so", "but", "or", "because", "cause", "um", "uh", "erm", "er", "hmm", "like",
        "the", "a", "an", "to", "of", "with", "which", "that", "then", "if", "when", "for",
        "in", "on", "at", "by", "from", "into", "as", "than", "also", "plus", "is", "are",
        "was", "were", "be", "will", "would", "could", "should", "can", "we", "i", "my",
        "our", "their", "your", "its", "this", "these", "those", "whether", "while",
        "where", "how", "what", "who", "why", "since", "until", "unless", "although",
        "though", "whereas", "first", "second", "next", "basically", "actually", "okay",
        "well", "mean", "know")
    # a last "sentence" made only of these ("So yeah.", "Thank you.") leaves the judgement to
    # the sentence before it
    tail_words: tuple[str, ...] = ("yeah", "yes", "so", "thanks", "thank", "you", "right",
                                   "yep")
    # part-of-speech tags that cannot close a sentence (spaCy's universal tags)
    open_tags: tuple[str, ...] = ("DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART")
    # phrases that close an answer ("that's it", a summary), normalised lower case
    close_phrases: tuple[str, ...] = (
        "that's it", "that is it", "that's all", "that is all", "to sum up", "in summary",
        "to summarize", "to summarise", "in short", "so overall", "overall", "to recap",
        "that's how i would", "that is how i would", "that's what i would",
        "that is what i would", "that's my approach", "that is my approach",
        "that's the plan", "that is the plan", "and that's", "so that's")
    # a last sentence that asks the interviewer something gets a reply after this much
    # silence (a question mark, or one of ``question_openings``)
    question_silence_s: float = 1.2
    # openings of a question to the interviewer, normalised lower case; "what" alone is
    # not one ("what I'd do first is ..." is a statement)
    question_openings: tuple[str, ...] = (
        "can i assume", "could i assume", "may i assume", "should i", "shall i", "can i",
        "are we", "do we", "does it", "is it", "is this", "is there", "are there",
        "what about", "how about", "would it", "do you want", "do you", "which platform",
        "which market", "which members", "what's the timeline", "what is the timeline",
        "is the focus", "are you", "should we", "can we assume")


@dataclass(frozen=True)
class AnswerEvidence:
    """What the transcript so far says about whether the answer is over."""

    words: int = 0
    last_complete: bool = False  # the last sentence is whole and does not trail off
    closing: bool = False  # the answer has reached its close
    phases: frozenset[str] | None = None  # phases covered so far (not "other"); None: unknown
    question: str = ""  # the last sentence, when it asks the interviewer something
    why: str = ""  # a few words for the log and the session: what the evidence was


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    silence_needed_s: float  # the silence this evidence asks for (inf: wait on)
    why: str  # "close", "complete mid-answer", "unfinished: 'and'", "transcribing", ...


def silence_needed(ev: AnswerEvidence, opt: TurnOptions) -> tuple[float, str]:
    """How long a pause has to be to end an answer with this evidence, and why."""
    if opt.fixed_silence_s is not None:
        return opt.fixed_silence_s, "fixed rule"
    if ev.words < opt.min_answer_words:
        return opt.early_silence_s, f"early ({ev.words} words)"
    if not ev.last_complete:
        return opt.open_silence_s, f"unfinished{': ' + ev.why if ev.why else ''}"
    if ev.closing and (ev.phases is None or len(ev.phases) >= opt.min_answer_phases):
        return opt.close_silence_s, f"close{': ' + ev.why if ev.why else ''}"
    return opt.complete_silence_s, "complete, mid-answer"


def decide(ev: AnswerEvidence, silence_s: float, opt: TurnOptions, *,
           speaking: bool = False, transcribing: bool = False) -> Decision:
    """The decision at one moment of a pause.

    ``speaking``: an utterance is under way; ``transcribing``: words of a closed utterance
    are not in ``ev`` yet, so the evidence is stale: wait for them (the recognizer is well
    under real time, so this is a moment; on a loaded machine at 8x it can be seconds of
    the clock, and those words may be an end phrase)."""
    need, why = silence_needed(ev, opt)
    if speaking:
        return Decision(Outcome.LISTEN, need, "speaking")
    if transcribing:
        return Decision(Outcome.LISTEN, need, "transcribing")
    if ev.question and opt.question_silence_s < need:
        # a question waits for its reply, not for the end of the answer
        return Decision(Outcome.QUESTION if silence_s >= opt.question_silence_s
                        else Outcome.LISTEN, opt.question_silence_s, "question")
    return Decision(Outcome.END if silence_s >= need else Outcome.LISTEN, need, why)


# -- evidence from a transcript ----------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9']+")
_TRAILING_OFF = ("...", "…", "-", "—", ",", ";", ":")


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower().replace("’", "'")))


@dataclass(frozen=True)
class Token:
    """One token of the last sentence: its text, universal part of speech ('' unknown) and
    dependency label ('' unknown)."""

    text: str
    pos: str = ""
    dep: str = ""


def sentence_complete(raw_text: str, tokens: Sequence[Token], opt: TurnOptions
                      ) -> tuple[bool, str]:
    """Is this (last) sentence whole? False, with the reason, when it trails off ("...",
    a comma), ends on a word that needs more ("and", "um", "the", "to"), or ends on a
    part of speech that cannot close a sentence."""
    text = raw_text.rstrip()
    if not text:
        return False, "empty"
    if text.endswith(_TRAILING_OFF):
        return False, f"trails off '{text[-3:].strip()}'"
    words = [t for t in tokens if _TOKEN.search(t.text.lower())]
    if not words:
        return False, "no words"
    last = words[-1]
    lw = _norm(last.text)
    if lw in opt.continuation_words:
        return False, f"ends on '{lw}'"
    # "we roll back" ends on a particle tagged ADP: a verb's particle closes a sentence
    if last.pos in opt.open_tags and last.dep not in ("prt", "compound:prt"):
        return False, f"ends on {last.pos.lower()} '{lw}'"
    if any(t.pos for t in words) and not any(t.pos in ("VERB", "AUX") for t in words) \
            and len(words) <= 3:
        return False, "a fragment without a verb"
    return True, ""


def is_question(text: str, opt: TurnOptions) -> bool:
    """Does this sentence ask the interviewer something: a question mark, or an opening
    such as "can I assume", "are we", "what about"."""
    norm = _norm(text)
    if any(norm == p or norm.startswith(p + " ") for p in opt.question_openings):
        return True
    if not text.rstrip().endswith("?"):
        return False
    return not _asks_self(norm)


_WH = ("what", "how", "why", "which", "where", "when", "who")
_TRANSITIONS = ("so", "now", "okay so", "ok so", "alright so", "and", "and so", "then")


def _asks_self(norm: str) -> bool:
    """A question the candidate puts to themselves to move on ("So what's the success
    metric?", "How would I measure this?", "What do we build first?"): answering it would
    give away what they are about to say. A wh-question after a transition word, or one with
    the speaker as its subject, is asked of oneself."""
    words = [w.split("'")[0] for w in norm.split()]  # "what's" -> "what"
    for t in _TRANSITIONS:
        tw = t.split()
        if words[:len(tw)] == tw and len(words) > len(tw) and words[len(tw)] in _WH:
            return True
    # "how would I measure it", "what do we build": the speaker plans aloud; "which devices
    # should I consider", "can we assume" ask the interviewer for advice or a fact
    return bool(words) and words[0] in _WH and any(
        a in ("would", "do", "does", "will", "d") and b in ("i", "we")
        for a, b in itertools.pairwise(words[1:6]))


def closes_answer(text: str, phase: str, opt: TurnOptions) -> str:
    """Why this sentence closes an answer ('' when it does not): its phase (validation) or
    a closing phrase (a summary, "that's it")."""
    norm = f" {_norm(text)} "
    for p in opt.close_phrases:
        if f" {p} " in norm:
            return f"'{p}'"
    if phase in opt.closing_phases:
        return phase
    return ""


def _is_tail(tokens: Sequence[Token], opt: TurnOptions) -> bool:
    words = [_norm(t.text) for t in tokens if _TOKEN.search(t.text.lower())]
    return 0 < len(words) <= 3 and all(w in opt.tail_words for w in words)


def evidence_from_sentences(sentences: Sequence[tuple[str, str, Sequence[Token]]],
                            n_words: int, opt: TurnOptions) -> AnswerEvidence:
    """Evidence from the answer's sentences so far, each (text, phase, tokens), in order."""
    if not sentences:
        return AnswerEvidence(words=n_words, why="nothing said")
    phases = frozenset(p for _, p, _ in sentences if p != "other")
    last = len(sentences) - 1
    if last > 0 and _is_tail(sentences[last][2], opt):
        # "So yeah." / "Thank you." after the last real sentence: judge that one
        last -= 1
    text, phase, tokens = sentences[last]
    complete, why = sentence_complete(text, tokens, opt)
    closing = closes_answer(text, phase, opt) if complete else ""
    # a question waits for its reply only once it is whole ("are we focusing on mobile
    # or ..." is still being asked); a tail after it ("Thank", which tiny.en may imagine
    # in the pause) does not hide it
    asked = complete and is_question(text, opt)
    return AnswerEvidence(words=n_words, last_complete=complete, closing=bool(closing),
                          phases=phases, why=closing or why,
                          question=text.strip() if asked else "")


def evidence_from_words(words: Sequence[Word], opt: TurnOptions) -> AnswerEvidence:
    """Evidence without a parser: sentences split on the recognizer's punctuation, no
    phases (so no close by phase; a closing phrase still counts)."""
    sentences: list[tuple[str, str, list[Token]]] = []
    cur: list[Word] = []
    replied = bool(words) and words[-1].speaker != CANDIDATE
    words = [w for w in words if w.speaker == CANDIDATE]  # the coach's replies are not evidence
    for w in words:
        cur.append(w)
        if w.text.rstrip().endswith((".", "?", "!")):
            sentences.append((" ".join(x.text for x in cur), "other",
                              [Token(x.text) for x in cur]))
            cur = []
    if cur:
        sentences.append((" ".join(x.text for x in cur), "other", [Token(x.text) for x in cur]))
    ev = evidence_from_sentences(sentences, len(words), opt)
    # phases unknown without the analyzer; a question the coach has replied to is not one
    return dataclasses.replace(ev, phases=None, question="" if replied else ev.question)


def evidence_from_parse(parse: IncrementalParse, opt: TurnOptions) -> AnswerEvidence:
    """Evidence from the answer as parsed while listening: spaCy's sentences, parts of speech
    and the analyzer's phases. Costs one parse of the open tail, which the analysis at the
    end then reuses (the snapshot is cached until more words arrive)."""
    words, infos = parse.snapshot()
    phases = parse.analyzer.phases(infos)
    sentences = [(s.span.text, p, [Token(t.text, t.pos_, t.dep_) for t in s.span])
                 for s, p in zip(infos, phases, strict=True) if s.speaker == CANDIDATE]
    ev = evidence_from_sentences(sentences, sum(w.speaker == CANDIDATE for w in words), opt)
    # the coach's reply (another speaker) came after the question: it is answered
    replied = bool(infos) and infos[-1].speaker != CANDIDATE
    return dataclasses.replace(ev, question="") if replied else ev
