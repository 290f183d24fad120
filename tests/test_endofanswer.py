"""Knowing when the candidate is done, through the simulated microphone (the capture path a
person uses, whisper tiny.en and the analyzer): a thinking pause mid-answer is not cut, a
finished answer ends within about a second, and speech after a premature end joins the
answer. Times are on the session clock (the recording), so the simulated microphone's speed
does not change them."""

from __future__ import annotations

import json
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from conftest import compose_speech

from voice_coach.live.engine import ListenOptions
from voice_coach.live.interview import InterviewOptions
from voice_coach.live.practice import PracticeOptions, practice
from voice_coach.tts import SpeakOptions
from voice_coach.ui import Status

PROMPT = "homepage-recommendations"
DATA_PROMPTS = Path(__file__).parent / "data" / "prompts"
pytestmark = [pytest.mark.slow, pytest.mark.realtime]

MEMBER = ("Let me start with the member. A member opens Netflix on the TV, scrolls for "
          "minutes, and gives up without watching anything.")
METRIC = ("The success metric is the share of visits that lead to a play, and the guardrail "
          "is that cancellations must not go up.")
DESIGN = ("For the first version I would only change the top row on TV in one market. "
          "If the ranker fails, we fall back to the current row.")
VALIDATE = ("To validate it, I would run an experiment on one percent of members and roll "
            "back if plays drop.")
# a short finished answer, and what a candidate who was not finished says next
SHORT = ["A member on the TV scrolls for minutes and gives up.", 0.8,
         "The success metric is the share of visits that lead to a play.", 0.8, VALIDATE]
GOES_ON = ["One more thing: the row must render in under two hundred milliseconds on old "
           "televisions.", 1.0, "That's my answer.", 4.0]


@pytest.fixture(autouse=True)
def test_prompts(monkeypatch):
    monkeypatch.setenv("VOICE_COACH_PROMPTS", str(DATA_PROMPTS))


def run(tmp_path: Path, wav: Path, transcriber, speed: float = 6.0, play: bool = False,
        **listen):
    opt = PracticeOptions(prompt_id=PROMPT, out_dir=tmp_path / "s", simulate_mic=(wav,),
                          # (a fast coach: the feedback played into the room takes less time)
                          speed=speed, play=play, speak=SpeakOptions(engine="espeak",
                                                                     rate_wpm=330),
                          interview=InterviewOptions(follow_ups=0),
                          listen=ListenOptions(**listen))
    return practice(opt, Status(quiet=True), transcriber=transcriber)


def text_of(words) -> str:
    return " ".join(w.text for w in words).lower()


def test_a_thinking_pause_after_a_complete_sentence_is_not_cut(tmp_path, transcriber):
    wav = compose_speech([MEMBER, 1.0, METRIC, 6.0, DESIGN, 1.2, VALIDATE, 12.0],
                         tmp_path / "a.wav")
    res = run(tmp_path, wav, transcriber)
    turn = res.turns[-1]
    text = text_of(turn.words)
    assert turn.end_reason == "silence"
    # what came after the 6 s pause is in the answer (several words, any one may be misheard)
    after = ["first", "version", "top", "row", "ranker", "fall", "experiment", "percent"]
    assert sum(w in text for w in after) >= 5, text
    # and it ended on the close (at 6x the recognizer's lag is six times longer on the
    # session clock, so the time it took is measured at real time below)
    assert turn.end_why.startswith("close"), turn.end_why
    assert turn.resumed == 0


def test_a_finished_answer_ends_within_the_target(tmp_path, transcriber):
    """At real time, as a person would answer: the last word to the end decision, and on to
    the feedback being ready."""
    wav = compose_speech([*SHORT, 6.0], tmp_path / "f.wav")
    res = run(tmp_path, wav, transcriber, speed=1.0)
    turn = res.turns[-1]
    assert turn.end_reason == "silence" and turn.end_why.startswith("close"), turn.end_why
    s = json.loads((res.session_dir / "session.json").read_text())
    t = s["timing"]
    # the target is 1.5 s median last word -> feedback (bench); one run on a shared machine
    # gets some slack: the pause needed is 1 s, the recognizer's last utterance may add
    assert t["last_word_to_end_decision_s"] <= 2.0, t
    assert t["last_word_to_feedback_s"] <= 3.0, t
    assert t["last_word_to_feedback_s"] == pytest.approx(
        t["last_word_to_end_decision_s"] + t["end_of_answer_to_feedback_s"], abs=0.01)


def test_the_feedback_is_made_during_the_pause_that_ends_the_answer(tmp_path, transcriber):
    """An answer that stops on a complete sentence which is not a close waits the mid-answer
    pause (10 s); the feedback's speech is made during its last second, so at the decision
    it is there (the same text: the session says so)."""
    wav = compose_speech([MEMBER, 1.0, METRIC, 12.0], tmp_path / "m.wav")
    res = run(tmp_path, wav, transcriber)
    turn = res.turns[-1]
    assert turn.end_why == "complete, mid-answer", turn.end_why
    t = json.loads((res.session_dir / "session.json").read_text())["timing"]
    assert t["speech_made_ahead"] == 1.0, t
    assert res.feedback_wav is not None and res.feedback_wav.name == "feedback.wav"
    assert not list(res.session_dir.glob(".ahead-*"))


def test_the_old_fixed_rule_cuts_the_same_answer_at_the_pause(tmp_path, transcriber):
    """The measurement is meaningful: the 3 s rule ends this answer at its thinking pause."""
    wav = compose_speech([MEMBER, 1.0, METRIC, 6.0, DESIGN, 2.0], tmp_path / "a.wav")
    # at 2x: the fixed rule also waits for the recognizer, whose lag on a loaded machine is
    # seconds of the clock at 6x (enough to outlast the pause)
    res = run(tmp_path, wav, transcriber, speed=2.0, end_silence_s=3.0, resume_window_s=0.0)
    text = text_of(res.turns[-1].words)
    assert "ranker" not in text and "market" not in text


def test_speech_after_a_premature_end_joins_the_answer(tmp_path, transcriber):
    # the answer sounds finished (it closes on validation), the coach decides after ~1 s,
    # and the candidate goes on 2.5 s after the last word, while the feedback is prepared.
    # At real time: faster, the recognizer's lag would stretch past the 2.5 s on the clock.
    wav = compose_speech([*SHORT, 2.5, *GOES_ON],
                         tmp_path / "p.wav")
    res = run(tmp_path, wav, transcriber, speed=1.0)
    assert len(res.turns) == 1
    turn = res.turns[0]
    assert turn.resumed == 1
    assert turn.end_reason == "end_phrase"
    text = text_of(turn.words)
    # the part after the premature end is in the answer, and in the analysis
    assert sum(w in text for w in ["render", "milliseconds", "old", "televisions",
                                   "hundred"]) >= 3, text
    analyzed = " ".join(s.text for s in res.analysis.sentences).lower()
    assert "milliseconds" in analyzed or "render" in analyzed
    s = json.loads((res.session_dir / "session.json").read_text())
    assert s["end_reason"] == "end_phrase"


class Room:
    """The coach's voice reaches the simulated microphone, as from a laptop's speakers: the
    played WAV is mixed into the microphone's stream at half its level. Stands in for the
    output device (no sound hardware needed); everything after the capture callback is the
    real path."""

    def __init__(self, monkeypatch):
        import voice_coach.live.engine as engine
        import voice_coach.live.practice as practice_mod
        from voice_coach.live.capture import SimulatedInputStream

        self.streams: list[SimulatedInputStream] = []
        self.played: list[str] = []
        self.stopped: list[str] = []

        def factory(path, speed):
            def make(**kw):
                st = SimulatedInputStream(path, speed=speed, **kw)
                self.streams.append(st)
                return st
            return make

        monkeypatch.setattr(practice_mod, "simulated_factory", factory)
        monkeypatch.setattr(engine, "start_wav", lambda path, device=None: self.play(path))

    def play(self, path: Path):
        from voice_coach.live.capture import _decode_at

        room = self

        class Playback:
            def __init__(self, stream):
                self.stream = stream

            def wait(self) -> bool:
                while self.stream is not None and self.stream.room_s > 0 and \
                        not self.stream.hold.is_set() and self.stream._thread.is_alive():
                    time.sleep(0.01)
                return True

            def stop(self) -> None:
                room.stopped.append(path.name)
                if self.stream is not None:
                    self.stream.quiet_room()

        self.played.append(path.name)
        stream = self.streams[-1] if self.streams and self.streams[-1]._thread else None
        if stream is not None and not stream.hold.is_set():
            pcm = _decode_at(path, int(stream.samplerate), 1)
            stream.hear((pcm.astype(np.float32) * 0.5).astype(np.int16))
        return Playback(stream)


def test_the_coach_heard_from_the_speaker_is_not_taken_for_the_candidate(
        tmp_path, transcriber, monkeypatch):
    room = Room(monkeypatch)
    wav = compose_speech([*SHORT, 1.0], tmp_path / "e.wav")
    # the file ends 1 s after the last word; the room is then quiet but for the coach
    res = run(tmp_path, wav, transcriber, speed=4.0, play=True)
    turn = res.turns[0]
    assert "feedback.wav" in room.played and res.played
    assert room.stopped == []  # the coach was not interrupted by its own voice
    assert turn.resumed == 0 and turn.end_reason == "silence"
    with wave.open(str(res.session_dir / "audio.wav")) as w:
        assert w.getnframes() / 16000 > turn.end_clock_s + 1.0  # the mic heard the feedback


def test_the_candidate_talking_over_the_feedback_stops_it_and_joins_the_answer(
        tmp_path, transcriber, monkeypatch):
    room = Room(monkeypatch)
    wav = compose_speech([*SHORT, 3.0, *GOES_ON],
                         tmp_path / "b.wav")
    res = run(tmp_path, wav, transcriber, speed=2.0, play=True)
    turn = res.turns[0]
    # the feedback started ~1.3 s after the last word and the candidate spoke over it
    assert room.stopped == ["feedback.wav"]
    assert turn.resumed == 1 and turn.end_reason == "end_phrase"
    text = text_of(turn.words)
    assert sum(w in text for w in ["render", "milliseconds", "old", "televisions",
                                   "hundred"]) >= 3, text
    assert "went well" not in text and "fix" not in text  # none of the coach's words
