"""The interviewer's replies to clarifying questions during practice.

Rules as data: the topics and their words are shared (``prompts/clarification_topics.toml``),
each prompt answers them from its own facts (``[clarifications]`` in its TOML), and a question
on no topic the prompt answers gets a generic reply (``[clarifications]`` in
``prompts/generic_probes.toml``). A question is matched to a topic on lemmas with spaCy, so
"Are we focusing on the devices?" matches "device" and "focus", not only the exact strings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomllib

from voice_coach.errors import BadInputError
from voice_coach.prompts import Prompt, load_topics, prompts_dir
from voice_coach.values import Word

log = logging.getLogger(__name__)

INTERVIEWER = "Interviewer"  # the speaker of the coach's replies in the transcript
GENERIC_REPLIES = ("Your call. State your assumption and go on.",)
# "{n}" is the number of questions answered (ClarifyOptions.max_questions), spelled out
ENOUGH_REPLY = "That's {n} questions. Time to state your assumptions and go on."
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")


@dataclass(frozen=True)
class ClarifyOptions:
    max_questions: int = 3  # answered per answer; the next one gets ``enough`` once, then none
    generic: tuple[str, ...] = GENERIC_REPLIES  # used in turn
    enough: str = ENOUGH_REPLY  # may hold "{n}": max_questions, spelled out
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> words

    def enough_text(self) -> str:
        n = self.max_questions
        return self.enough.replace("{n}", NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS)
                                   else str(n))


@dataclass(frozen=True)
class Reply:
    """What the coach says to one question: ``topic`` is a topic name, "generic" (no topic
    the prompt answers) or "enough" (time to state assumptions)."""

    topic: str
    text: str


def load_clarify_options(directory: Path | None = None) -> ClarifyOptions:
    """Topic words and the generic replies, from the prompt folder."""
    d = directory or prompts_dir()
    topics = load_topics(d)
    path = d / "generic_probes.toml"
    if not path.is_file():
        return ClarifyOptions(topics=topics)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"{path}: not valid TOML ({exc}); fix or remove it.") from None
    table = data.get("clarifications", {})
    generic = table.get("generic", list(GENERIC_REPLIES))
    generic = [generic] if isinstance(generic, str) else generic
    enough = table.get("enough", ENOUGH_REPLY)
    if not isinstance(generic, list) or not generic or \
            not all(isinstance(g, str) and g.strip() for g in generic) or \
            not isinstance(enough, str) or not enough.strip():
        raise BadInputError(f"{path}: [clarifications] needs generic = [replies] and "
                            "enough = \"...\", none of them empty")
    if "{" in enough.replace("{n}", "") or "}" in enough.replace("{n}", ""):
        raise BadInputError(f"{path}: [clarifications] enough may hold only {{n}} (the number "
                            f"of questions answered), got {enough!r}")
    return ClarifyOptions(generic=tuple(generic), enough=enough, topics=topics)


class TopicMatcher:
    """Which topic a question is about: spaCy's PhraseMatcher on lemmas (lower case, so "TV"
    and "tv" are one word). The topic with the most matched words wins; ties go to the one
    listed first."""

    def __init__(self, nlp: Any, topics: dict[str, tuple[str, ...]]) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.order = list(topics)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        for name, words in topics.items():
            self.matcher.add(name, list(nlp.pipe(w.lower() for w in words)))

    def topic(self, question: str) -> str | None:
        if not self.order:
            return None
        doc = self.nlp(question.lower())
        score: dict[str, int] = {}
        for match_id, start, end in self.matcher(doc):
            name = self.nlp.vocab.strings[match_id]
            score[name] = score.get(name, 0) + (end - start)
        if not score:
            return None
        return max(score, key=lambda n: (score[n], -self.order.index(n)))


class Clarifier:
    """Replies to the clarifying questions of one prompt."""

    def __init__(self, prompt: Prompt, nlp: Any, options: ClarifyOptions | None = None) -> None:
        self.prompt = prompt
        self.opt = options if options is not None else load_clarify_options()
        self.matcher = TopicMatcher(nlp, self.opt.topics)
        self._generic = 0

    def reply(self, question: str, answered: int) -> Reply | None:
        """The reply to a question after ``answered`` earlier replies in this answer: an
        answer from the prompt's table, a generic one, the reminder to state assumptions
        (once), or None (no more questions answered in this answer)."""
        if answered > self.opt.max_questions:
            return None
        if answered == self.opt.max_questions:
            return Reply("enough", self.opt.enough_text())
        topic = self.matcher.topic(question)
        log.info("question %r: topic %s", question, topic)
        if topic is not None and topic in self.prompt.clarifications:
            return Reply(topic, self.prompt.clarifications[topic])
        text = self.opt.generic[self._generic % len(self.opt.generic)]
        self._generic += 1
        return Reply("generic", text)


def reply_words(text: str, start_s: float, end_s: float) -> list[Word]:
    """A reply as the interviewer's words, spread over the time it was spoken."""
    said = text.split()
    step = (end_s - start_s) / max(1, len(said))
    return [Word(w, round(start_s + i * step, 3), round(start_s + (i + 1) * step, 3),
                 speaker=INTERVIEWER) for i, w in enumerate(said)]


def with_replies(words: list[Word], exchanges: list[dict[str, Any]]) -> list[Word]:
    """A practice recording transcribed afresh (``recover``) with the coach's replies put
    back as the interviewer's lines: what the recognizer heard while a reply played into the
    recording is the coach's voice, not the candidate's."""
    spans = [(float(x["reply_start_s"]), float(x["reply_end_s"])) for x in exchanges]
    out = [w for w in words if not any(a - 0.05 <= w.start_s < b for a, b in spans)]
    for x, (a, b) in zip(exchanges, spans, strict=True):
        out += reply_words(str(x["reply"]), a, b)
    return sorted(out, key=lambda w: w.start_s)
