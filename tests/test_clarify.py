"""Clarifying questions: the QUESTION outcome on synthetic evidence (pure), question
detection, topic matching on lemmas (spaCy), the [clarifications] loader's validation, the
replies' order, and the opening flags over a practice-like transcript with the coach's replies
as the interviewer's lines."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from voice_coach.errors import BadInputError
from voice_coach.live.clarify import Clarifier, load_clarify_options
from voice_coach.live.commands import CommandOptions, match_command
from voice_coach.live.turntaking import (
    AnswerEvidence,
    Outcome,
    TurnOptions,
    decide,
    evidence_from_words,
    is_question,
)
from voice_coach.prompts import (
    MAX_CLARIFICATION_WORDS,
    PROJECT_PROMPTS,
    TOPICS_FILE,
    Prompt,
    load_prompt_file,
    load_prompts,
)
from voice_coach.values import Word

OPT = TurnOptions()
ASKED = AnswerEvidence(words=9, last_complete=True, question="Are we focusing on mobile?")
STATED = AnswerEvidence(words=9, last_complete=True)  # "I'll assume returning members."
MID = AnswerEvidence(words=80, last_complete=True, phases=frozenset({"metrics", "design"}))


def first(ev: AnswerEvidence, outcome: Outcome, **kw) -> float:
    """The shortest pause (0.1 s steps, up to 30 s) with this outcome."""
    for i in range(301):
        if decide(ev, i / 10, OPT, **kw).outcome is outcome:
            return i / 10
    return float("inf")


def test_a_question_gets_its_reply_after_about_1_2_s():
    assert first(ASKED, Outcome.QUESTION) == pytest.approx(OPT.question_silence_s)
    assert first(ASKED, Outcome.END) == float("inf")  # a question never ends the answer


def test_a_thinking_pause_after_a_statement_gets_no_reply():
    for ev in (STATED, MID):
        assert first(ev, Outcome.QUESTION) == float("inf")
        assert first(ev, Outcome.END) >= OPT.complete_silence_s


def test_no_reply_while_speaking_or_transcribing():
    assert first(ASKED, Outcome.QUESTION, speaking=True) == float("inf")
    assert first(ASKED, Outcome.QUESTION, transcribing=True) == float("inf")


def test_a_closed_answer_ending_on_a_question_still_ends():
    closed = AnswerEvidence(words=120, last_complete=True, closing=True,
                            phases=frozenset({"metrics", "validation"}), question="Questions?")
    assert first(closed, Outcome.END) == pytest.approx(OPT.close_silence_s)


@pytest.mark.parametrize("text", [
    "Are we focusing on mobile or the TV app?", "Can I assume returning members",
    "should I focus on one market", "What about kids?", "Do we have a deadline",
    "Is it global."])
def test_questions_are_recognised(text):
    assert is_question(text, OPT)


@pytest.mark.parametrize("text", [
    "What I'd do first is cut the rows.", "I'll assume returning members on TVs.",
    "So the metric is plays per visit.", "Whatever we do, we measure it."])
def test_statements_with_question_words_are_not_questions(text):
    assert not is_question(text, OPT)


@pytest.mark.parametrize("text", [
    "So what's the success metric?", "How would I measure this?", "What do we build first?",
    "Okay so, which members?"])
def test_questions_put_to_oneself_get_no_reply(text):
    # answering them would give away what the candidate is about to say
    assert not is_question(text, OPT)


def words(text: str, speaker: str = "", t0: float = 0.0) -> list[Word]:
    return [Word(w, t0 + i * 0.3, t0 + i * 0.3 + 0.25, speaker=speaker)
            for i, w in enumerate(text.split())]


def test_evidence_names_the_question_until_the_coach_replies():
    asked = words("The member scrolls. Are we focusing on mobile or the TV app?")
    ev = evidence_from_words(asked, OPT)
    assert ev.question == "Are we focusing on mobile or the TV app?"
    replied = asked + words("Focus on the TV app.", "Interviewer", 10.0)
    ev = evidence_from_words(replied, OPT)
    assert ev.question == "" and ev.words == len(asked)  # the reply is not the answer


def test_a_closer_the_recognizer_imagines_after_a_question_does_not_hide_it():
    ev = evidence_from_words(words("Which devices should I consider? Thank"), OPT)
    assert ev.question == "Which devices should I consider?"


def test_a_question_still_being_asked_waits():
    ev = evidence_from_words(words("Are we focusing on mobile or"), OPT)
    assert ev.question == ""
    assert first(ev, Outcome.QUESTION) == float("inf")


def test_spoken_commands_win_over_questions():
    # a command is an event of its own, never words of the answer, so it is never a question
    assert match_command("Can you repeat the question?", CommandOptions()) == "repeat"


# -- topics and replies (spaCy) -------------------------------------------------------------

HOME = Prompt("home", "Home", "Improve the homepage.", clarifications={
    "platform": "Focus on the TV app.", "timeline": "One quarter."})


@pytest.fixture(scope="module")
def clarifier(analyzer):
    return Clarifier(HOME, analyzer.nlp, load_clarify_options(PROJECT_PROMPTS))


@pytest.mark.parametrize("question,topic", [
    ("Are we focusing on mobile or the TV app?", "platform"),
    ("Which devices should I consider?", "platform"),  # lemma: devices -> device
    ("Is this for all countries?", "market"),  # countries -> country
    ("Who are the users here?", "members"),
    ("How do we measure it?", "success"),
    ("How does the homepage work today?", "current_system"),
    ("Are there budget constraints?", "constraints"),
    ("How long do I have?", "timeline"),
    ("Can I assume we have the data?", None),
])
def test_questions_match_topics_on_lemmas(clarifier, question, topic):
    assert clarifier.matcher.topic(question) == topic


def test_replies_come_from_the_prompt_then_generic_then_enough_once(clarifier):
    r = clarifier.reply("Are we focusing on mobile or the TV app?", 0)
    assert (r.topic, r.text) == ("platform", "Focus on the TV app.")
    r = clarifier.reply("Is this for all countries?", 1)  # a topic this prompt has no answer to
    assert r.topic == "generic" and "assumption" in r.text
    assert clarifier.reply("Do we have a deadline?", 2).text == "One quarter."
    enough = clarifier.reply("What about kids?", 3)
    assert enough.topic == "enough" and "assumptions" in enough.text
    assert enough.text.startswith("That's three questions")
    assert clarifier.reply("And the budget?", 4) is None


def test_the_reminder_says_how_many_questions_were_answered(analyzer):
    opts = replace(load_clarify_options(PROJECT_PROMPTS), max_questions=2)
    r = Clarifier(HOME, analyzer.nlp, opts).reply("What about kids?", 2)
    assert r is not None and r.text.startswith("That's two questions"), r


# -- the loader ------------------------------------------------------------------------------

def test_every_shipped_prompt_answers_short_questions_on_known_topics():
    prompts = load_prompts(PROJECT_PROMPTS)
    assert prompts and all(len(p.clarifications) >= 5 for p in prompts)
    for p in prompts:
        for topic, answer in p.clarifications.items():
            assert 0 < len(answer.split()) <= MAX_CLARIFICATION_WORDS, (p.id, topic)
    opts = load_clarify_options(PROJECT_PROMPTS)
    assert opts.generic and opts.enough and "platform" in opts.topics


def prompt_dir(tmp_path: Path, clarifications: str) -> Path:
    d = tmp_path / "prompts"
    d.mkdir()
    shutil.copy(PROJECT_PROMPTS / TOPICS_FILE, d / TOPICS_FILE)
    src = (PROJECT_PROMPTS / "tv-search.toml").read_text(encoding="utf-8")
    src = src[: src.index("[clarifications]")]
    (d / "tv-search.toml").write_text(src + "[clarifications]\n" + clarifications,
                                      encoding="utf-8")
    return d / "tv-search.toml"


@pytest.mark.parametrize("table,says", [
    ('platfrom = "TVs only."\n', "unknown topic 'platfrom'"),
    ('platform = "  "\n', "platform has an empty answer"),
    ('timeline = "' + "word " * 30 + '"\n', "timeline is 30 words"),
    ('timeline = 3\n', "timeline has an empty answer"),
])
def test_bad_clarifications_are_one_clear_error_naming_the_file(tmp_path, table, says):
    path = prompt_dir(tmp_path, table)
    with pytest.raises(BadInputError) as e:
        load_prompt_file(path)
    assert str(path) in e.value.message and says in e.value.message


def test_a_bad_generic_reply_table_is_a_clear_error(tmp_path):
    (tmp_path / "generic_probes.toml").write_text('[clarifications]\ngeneric = []\n')
    with pytest.raises(BadInputError, match=r"generic_probes\.toml"):
        load_clarify_options(tmp_path)
    (tmp_path / "generic_probes.toml").write_text(
        '[clarifications]\ngeneric = ["Your call."]\nenough = "That was {count} questions."\n')
    with pytest.raises(BadInputError, match=r"only \{n\}"):
        load_clarify_options(tmp_path)


# -- the opening flags with the coach's replies in the transcript ----------------------------

GOAL = ("Members on TVs scroll for minutes and leave, so the success metric is the share of "
        "visits that lead to a play, and the guardrail is cancellations.")


def dialogue(*turns: tuple[str, str]) -> list[Word]:
    out: list[Word] = []
    for speaker, text in turns:
        out += words(text, speaker, out[-1].end_s + 0.5 if out else 0.0)
    return out


def test_five_questions_and_no_assumption_raise_both_flags(analyzer):
    qs = ["Are we focusing on mobile?", "Is it global?", "Do we have a deadline?",
          "What about kids?", "Should I worry about cost?"]
    turns: list[tuple[str, str]] = []
    for q in qs:
        turns += [("", q), ("Interviewer", "Your call. State your assumption and go on.")]
    ids = {f.id for f in analyzer.analyze(dialogue(*turns, ("", GOAL))).flags}
    assert {"no_assumption", "too_many_questions"} <= ids


def test_a_question_then_an_assumption_is_credited_and_the_reply_is_not(analyzer):
    a = analyzer.analyze(dialogue(
        ("", "Are we focusing on mobile or the TV app?"),
        ("Interviewer", "Focus on the TV app; that's where most browsing happens."),
        ("", "Okay, I'll assume returning members on TVs. " + GOAL)))
    ids = {f.id for f in a.flags}
    assert not ids & {"no_assumption", "too_many_questions"}
    said = [s for s in a.sentences if s.speaker == "Interviewer"]
    assert said and all(s.phase == "other" for s in said)


# -- the listener: replies, then the reminder once, then none ---------------------------------

def test_after_three_replies_the_coach_says_once_to_go_on_then_replies_no_more(
        tmp_path, analyzer):
    from voice_coach.audio.recorder import WavRecorder
    from voice_coach.audio.vad import Endpointer
    from voice_coach.live.clarify import INTERVIEWER
    from voice_coach.live.engine import Listener, ListenOptions, _Turn
    from voice_coach.ui import Status

    class Worker:  # everything said is transcribed: nothing pending
        idle = True

        class events:  # stands for a queue
            @staticmethod
            def empty() -> bool:
                return True

    said: list[str] = []

    class Coach:
        def reply(self, text, name, mic):
            said.append(text)
            return None  # no WAV (as when synthesis fails): the reply still counts

    with WavRecorder(tmp_path / "audio.wav") as rec:
        listener = Listener(rec, Worker(), ListenOptions(), Status(quiet=True))  # type: ignore[arg-type]
        listener.clarifier = Clarifier(HOME, analyzer.nlp, load_clarify_options(PROJECT_PROMPTS))
        listener.coach = Coach()  # type: ignore[assignment]
        t = _Turn(Endpointer(), 0.0)
        t.answer_started = True
        asks = ["Are we on the TV app?", "Is it global?", "Do we have a deadline?",
                "What about kids?", "Should I worry about cost?"]
        for i, q in enumerate(asks):
            t.words += words(q, t0=10.0 * i)
            t.evidence_dirty = True
            assert not listener._end_decision(t, 1.0)  # not yet: the reply waits 1.2 s
            assert not listener._end_decision(t, 1.5)  # replied (or, at the end, not)
            assert not listener._end_decision(t, 5.0)  # replied once, not again
        assert [x["topic"] for x in t.exchanges] == ["platform", "generic", "timeline",
                                                     "enough"]
        assert said[-1] == listener.clarifier.opt.enough_text()
        # the replies are the interviewer's words in the answer; the fifth question is
        # answer like any other: the usual thinking pause ends it
        assert sum(w.speaker == INTERVIEWER for w in t.words) == \
            sum(len(s.split()) for s in said)
        assert not listener._end_decision(t, 10.0)
        assert listener._end_decision(t, 14.5)


def test_recover_puts_the_coachs_replies_back_as_the_interviewers_lines():
    from voice_coach.live.clarify import INTERVIEWER, with_replies

    heard = words("Are we focusing on mobile?") + words("Focus on the TV app.", t0=5.0) + \
        words("I'll assume TVs.", t0=9.0)  # the recognizer heard the coach's voice too
    x = {"reply": "Focus on the TV app.", "reply_start_s": 5.0, "reply_end_s": 7.0}
    out = with_replies(heard, [x])
    assert [w.text for w in out] == [w.text for w in heard]  # in time order
    assert [w.speaker == INTERVIEWER for w in out] == \
        [False] * 5 + [True] * 5 + [False] * 3
    assert with_replies(heard, []) == heard
