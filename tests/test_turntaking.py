"""The end-of-answer decision on synthetic evidence (pure: no models), the completeness and
close checks on hand-made tokens, evidence from real parses (spaCy, no recognizer), and the
echo-aware detector on synthetic signals."""

from __future__ import annotations

import numpy as np
import pytest

from voice_coach.audio.echo import EchoAwareDetector, EchoOptions
from voice_coach.live.turntaking import (
    AnswerEvidence,
    Outcome,
    Token,
    TurnOptions,
    decide,
    evidence_from_sentences,
    evidence_from_words,
    sentence_complete,
)
from voice_coach.values import Word

OPT = TurnOptions()
PHASES = frozenset({"clarify_goal", "metrics", "design", "validation"})
CLOSED = AnswerEvidence(words=120, last_complete=True, closing=True, phases=PHASES)
MID = AnswerEvidence(words=80, last_complete=True, closing=False, phases=PHASES)
OPEN = AnswerEvidence(words=80, last_complete=False, closing=False, phases=PHASES, why="'and'")
EARLY = AnswerEvidence(words=8, last_complete=True, closing=True, phases=frozenset())


def end_at(ev: AnswerEvidence, opt: TurnOptions = OPT, **kw) -> float:
    """The shortest pause (0.1 s steps, up to 30 s) that ends the answer."""
    for i in range(301):
        if decide(ev, i / 10, opt, **kw).outcome is Outcome.END:
            return i / 10
    return float("inf")


def test_a_closed_answer_ends_after_about_a_second():
    assert end_at(CLOSED) == pytest.approx(1.0)


@pytest.mark.parametrize("pause_s", [2, 4, 6, 8])
def test_thinking_pauses_after_a_complete_sentence_mid_answer_never_end_it(pause_s):
    assert decide(MID, pause_s, OPT).outcome is Outcome.LISTEN
    assert end_at(MID) >= 10.0


def test_an_unfinished_sentence_or_an_early_answer_waits_longest():
    assert end_at(OPEN) > end_at(MID) > end_at(CLOSED)
    assert end_at(EARLY) >= 10.0  # a "that's it" after eight words is not a finished answer
    assert "unfinished" in decide(OPEN, 1.0, OPT).why


def test_a_close_needs_some_answer_before_it():
    thin = AnswerEvidence(words=40, last_complete=True, closing=True,
                          phases=frozenset({"validation"}))
    assert end_at(thin) >= 10.0


def test_nothing_ends_while_speaking_or_while_the_last_words_are_being_transcribed():
    assert end_at(CLOSED, speaking=True) == float("inf")
    assert end_at(CLOSED, transcribing=True) == float("inf")  # they may be an end phrase


def test_the_fixed_rule_ignores_the_evidence():
    fixed = TurnOptions(fixed_silence_s=3.0)
    assert end_at(MID, fixed) == end_at(CLOSED, fixed) == end_at(OPEN, fixed) == 3.0


def tok(text: str) -> list[Token]:
    """Tokens with hand-set tags: WORD/POS/DEP."""
    out = []
    for piece in text.split():
        word, pos, dep = ([*piece.split("/"), "", ""])[:3]
        out.append(Token(word, pos, dep))
    return out


@pytest.mark.parametrize("text, tokens, complete", [
    ("We would test it on one percent.", "We/PRON would/AUX test/VERB it/PRON on/ADP "
     "one/NUM percent/NOUN ./PUNCT", True),
    ("The metric is plays per visit and", "The/DET metric/NOUN is/AUX plays/NOUN "
     "per/ADP visit/NOUN and/CCONJ", False),
    ("So the design is, um", "So/ADV the/DET design/NOUN is/AUX ,/PUNCT um/INTJ", False),
    ("If plays drop we roll back.", "If/SCONJ plays/NOUN drop/VERB we/PRON roll/VERB "
     "back/ADP/prt ./PUNCT", True),
    ("and then the...", "and/CCONJ then/ADV the/DET .../PUNCT", False),
    ("We cache it in the", "We/PRON cache/VERB it/PRON in/ADP the/DET", False),
    ("The ranker.", "The/DET ranker/NOUN ./PUNCT", False),  # a fragment: no verb
])
def test_sentence_completeness(text, tokens, complete):
    ok, why = sentence_complete(text, tok(tokens), OPT)
    assert ok is complete, why


def test_evidence_close_by_phase_and_by_phrase():
    body = [("The member wants a show fast.", "clarify_goal", tok("The member/NOUN wants/VERB "
                                                                  "a show fast/ADV ./PUNCT")),
            ("The metric is plays.", "metrics", tok("The metric is/AUX plays/NOUN ./PUNCT"))]
    validation = ("We would run an experiment.", "validation",
                  tok("We would run/VERB an experiment/NOUN ./PUNCT"))
    ev = evidence_from_sentences([*body, validation], 60, OPT)
    assert ev.closing and ev.last_complete and ev.phases == {"clarify_goal", "metrics",
                                                              "validation"}
    thats_it = ("That's it.", "other", tok("That/PRON 's/AUX it/PRON ./PUNCT"))
    ev = evidence_from_sentences([*body, thats_it], 60, OPT)
    assert ev.closing and "that's it" in ev.why
    # a short word after the close keeps it
    ev = evidence_from_sentences([*body, validation, ("Yeah.", "other", tok("Yeah/INTJ ./PUNCT"))],
                                 60, OPT)
    assert ev.closing
    # validation named mid-answer, then an unfinished sentence: no close
    unfinished = ("And the cache", "design", tok("And/CCONJ the/DET cache/NOUN"))
    ev = evidence_from_sentences([*body, validation, unfinished], 60, OPT)
    assert not ev.closing and not ev.last_complete


def test_evidence_without_a_parser_uses_punctuation_and_phrases():
    def words(text: str) -> list[Word]:
        return [Word(w, i * 0.3, i * 0.3 + 0.2) for i, w in enumerate(text.split())]

    ev = evidence_from_words(words("The member wants a show. So the next part is and"), OPT)
    assert not ev.last_complete
    ev = evidence_from_words(words("word " * 40 + "We roll back. That's it."), OPT)
    assert ev.last_complete and ev.closing and ev.phases is None
    assert end_at(ev) == OPT.close_silence_s


@pytest.mark.parametrize("text, closing", [
    ("Let me start with the member. A member opens Netflix on the TV and scrolls for minutes. "
     "The success metric is the share of visits that lead to a play. The design is a small "
     "ranker over the existing candidates. To validate it, I would run an experiment on one "
     "percent of members and roll back if plays drop.", True),
    ("Let me start with the member. A member opens Netflix on the TV and scrolls for minutes. "
     "The success metric is the share of visits that lead to a play. The design is a small "
     "ranker over the existing candidates.", False),
    ("Let me start with the member. A member opens Netflix on the TV and scrolls for minutes. "
     "The success metric is the share of visits that lead to a play. The design is a small "
     "ranker over the", False),
])
def test_evidence_from_a_real_parse(analyzer, text, closing):
    from voice_coach.analysis.incremental import IncrementalParse
    from voice_coach.analysis.repair import words_from_text
    from voice_coach.live.turntaking import evidence_from_parse

    p = IncrementalParse(analyzer)
    p.feed(words_from_text(text))
    ev = evidence_from_parse(p, OPT)
    assert ev.closing is closing, ev
    assert ev.last_complete is not text.endswith("the")


# -- the echo-aware detector ------------------------------------------------------------

RATE = 16000
FRAME = 480  # 30 ms


class LoudDetector:
    """Stands in for webrtcvad: anything loud is speech (so only the echo logic decides)."""

    def is_speech(self, frame: bytes) -> bool:
        x = np.frombuffer(frame, dtype=np.int16).astype(np.float32)
        return float(np.sqrt(np.mean(x * x))) > 300


def voice(seconds: float, amp: float, hz: float = 180.0, seed: int = 0) -> np.ndarray:
    """Speech-like: a tone in syllables (4 per second) with some noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    env = (np.sin(2 * np.pi * 2 * t) > -0.3).astype(np.float32)
    x = np.sin(2 * np.pi * hz * t) + 0.2 * rng.standard_normal(len(t))
    return (amp * env * x).astype(np.float32)


def frames_speech(mic: np.ndarray, det: EchoAwareDetector) -> list[bool]:
    pcm = np.clip(mic, -32768, 32767).astype(np.int16).tobytes()
    return [det.is_speech(pcm[i:i + FRAME * 2]) for i in range(0, len(pcm) - FRAME * 2 + 1,
                                                                 FRAME * 2)]


def room(coach: np.ndarray, delay_s: float, gain: float) -> np.ndarray:
    d = int(delay_s * RATE)
    return np.concatenate([np.zeros(d, np.float32), coach * gain])[: len(coach)]


def test_the_coach_heard_through_the_room_is_not_the_candidate():
    coach = voice(4.0, 8000)
    det = EchoAwareDetector(LoudDetector(), EchoOptions())
    det.play(coach.astype(np.int16).tobytes(), start_frame=0)
    speech = frames_speech(room(coach, 0.15, 0.5), det)
    assert sum(speech) == 0
    # a plain detector would have taken it for speech
    assert sum(LoudDetector().is_speech(f) for f in [
        room(coach, 0.15, 0.5)[i:i + FRAME].astype(np.int16).tobytes()
        for i in range(0, len(coach) - FRAME, FRAME)]) > 30


def test_the_candidate_talking_over_the_coach_is_heard():
    coach = voice(4.0, 8000)
    cand = np.zeros_like(coach)
    cand[int(2.0 * RATE):] = voice(2.0, 9000, hz=120, seed=1)
    det = EchoAwareDetector(LoudDetector(), EchoOptions())
    det.play(coach.astype(np.int16).tobytes(), start_frame=0)
    speech = frames_speech(room(coach, 0.15, 0.5) + cand, det)
    before, after = speech[: int(2.0 / 0.03)], speech[int(2.0 / 0.03):]
    assert sum(before) == 0
    assert sum(after) >= 0.3 * len(after)  # the syllables of the candidate


def test_after_the_reference_ends_the_detector_is_plain_again():
    det = EchoAwareDetector(LoudDetector(), EchoOptions())
    det.play(voice(0.6, 8000).astype(np.int16).tobytes(), start_frame=0)
    later = voice(3.0, 6000, seed=2)
    later[: int(1.5 * RATE)] = 0
    speech = frames_speech(later, det)
    assert any(speech[int(1.6 / 0.03):])


# -- the feedback's speech made during the pause (tts.SpeechAhead, a fake engine) ----------

class FakeEngine:
    """Writes the text into the "WAV" and counts calls; ``gate`` holds a call until set."""

    def __init__(self, fail: bool = False) -> None:
        import threading

        self.calls: list[str] = []
        self.fail = fail
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, text, path, opt):
        from voice_coach.tts import SpeechFailed

        self.calls.append(text)
        self.gate.wait(5)
        if self.fail:
            raise SpeechFailed("no voice")
        path.write_text(text)
        return path, "fake"


def ahead(tmp_path, engine):
    from voice_coach.tts import SpeakOptions, SpeechAhead

    return SpeechAhead(SpeakOptions(), tmp_path, synthesize=engine)


def test_speech_made_ahead_is_used_for_the_very_same_text_only(tmp_path):
    engine = FakeEngine()
    a = ahead(tmp_path, engine)
    a.start("Here is my feedback.")
    a.start("Here is my feedback.")  # the same text again: nothing new is made
    out = tmp_path / "feedback.wav"
    assert a.take("Here is my feedback.", out) == (out, "fake")
    assert out.read_text() == "Here is my feedback." and engine.calls == ["Here is my feedback."]
    # the candidate went on and the feedback changed: not handed over, the caller makes it
    a.start("Here is my feedback.")
    assert a.take("Here is my new feedback.", tmp_path / "other.wav") is None
    a.close()
    assert not list(tmp_path.glob(".ahead-*"))  # nothing left behind in the session


def test_speech_still_being_made_is_waited_for_and_a_failure_is_no_speech(tmp_path):
    import threading

    engine = FakeEngine()
    engine.gate.clear()
    a = ahead(tmp_path, engine)
    a.start("Well done.")
    threading.Timer(0.2, engine.gate.set).start()
    assert a.take("Well done.", tmp_path / "f.wav") is not None  # waited for it
    a.close()
    failing = ahead(tmp_path, FakeEngine(fail=True))
    failing.start("Well done.")
    assert failing.take("Well done.", tmp_path / "g.wav") is None  # made again, as before
    failing.close()
