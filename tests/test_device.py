"""`voice-coach practice` on a real sound device: no --simulate-mic, real PortAudio streams, a
user-space PulseAudio server whose null sink is the room (tests/pulse.py). The coach's voice
reaches the microphone as in a room; the candidate's answer is played into the same room once
the coach has finished asking. Skipped, with the reason, where PulseAudio cannot be started."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest
from conftest import assert_heard, compose_speech
from pulse import RATE_HZ, PulseServer, PulseUnavailable

from voice_coach.live.capture import CaptureOptions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.realtime]
# short questions and answers: every second here is a second of real-time audio
PROMPTS = Path(__file__).parent / "data" / "device_prompts"
PROMPT = "room"
ANSWER = ["The member on a TV scrolls for minutes and gives up.", 0.8,
          "The metric is plays per visit, and the guardrail is cancellations.", 0.8,
          "If the ranker fails, we fall back to the current row.", 0.8, "That's my answer.", 0.5]
ANSWER_TERMS = ("member", "metric", "guardrail", "ranker", "fall back", "current row")
# the answer to the coach's follow-up probe (the first answer has gaps to probe)
SECOND = ["We would run an experiment on members and roll back if plays drop.", 0.6,
          "I'm done.", 0.5]
SECOND_TERMS = ("experiment", "members", "roll back", "plays", "drop")  # "5%": no number
# PortAudio's and ALSA's own text: never in place of a sentence of ours
RAW_AUDIO_TEXT = ("Traceback", "PaErrorCode", "Expression '", "ALSA lib", "pa_linux_alsa")


@pytest.fixture
def room(tmp_path):
    server = PulseServer(tmp_path / "pulse")
    try:
        server.start()
    except PulseUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory) -> Path:
    return compose_speech(ANSWER, tmp_path_factory.mktemp("device") / "answer.wav")


@pytest.fixture(scope="module")
def second_wav(tmp_path_factory) -> Path:
    return compose_speech(SECOND, tmp_path_factory.mktemp("device") / "second.wav")


def start_practice(room: PulseServer, out: Path, follow_ups: int = 0) -> subprocess.Popen[str]:
    # a crash in the C audio libraries while Python runs shows its stack in stderr
    env = {**room.env, "PYTHONPATH": str(ROOT), "VOICE_COACH_PROMPTS": str(PROMPTS),
           "PYTHONFAULTHANDLER": "1"}
    return subprocess.Popen([sys.executable, "-m", "voice_coach", "practice", "--prompt", PROMPT,
                             "--follow-ups", str(follow_ups), "--voice", "espeak",
                             # the coach near espeak-ng's fastest (its usual pace is 165):
                             # every second it speaks is a second of the test
                             "--rate", "450", "--out", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_listening(room: PulseServer, proc: subprocess.Popen[str], timeout_s: float = 90
                         ) -> None:
    """Wait for the coach to finish asking: it played something (the question), then a
    recording stream is open and nothing plays."""
    deadline = time.monotonic() + timeout_s
    spoke = False
    while time.monotonic() < deadline and proc.poll() is None:
        playing, recording = room.streams("sink-inputs"), room.streams("source-outputs")
        spoke = spoke or playing > 0
        if spoke and recording and not playing:
            return
        time.sleep(0.05)
    proc.kill()
    _, err = proc.communicate()
    raise AssertionError(f"practice never listened after asking: {err[-2000:]}")


def only_in(question: str, answers: list) -> set[str]:
    """The question's words (4 letters or more) that no answer says: heard in an answer, they
    are the coach's echo."""
    said = {w for part in answers if isinstance(part, str) for w in words(part)}
    return {w for w in words(question) if len(w) >= 4} - said


def words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() or ch == "'" else " " for ch in text.lower()).split()


def play_into_room(room: PulseServer, wav: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["paplay", str(wav)], env=room.env, stderr=subprocess.DEVNULL)


def test_echo_tail_on_this_device_is_inside_the_default_gate(room):
    """The gate's default tail (CaptureOptions.echo_tail_s) covers what this device measures:
    how long after the coach's playback returns the microphone still hears it."""
    proc = subprocess.run([sys.executable, str(Path(__file__).parent / "pulse.py")],
                          env=room.env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    print(f"echo tail measured: {got['tail_s'] * 1000:.0f} ms at {got['rate_hz']} Hz "
          f"(max of {got['trials']} trials)")
    assert got["rate_hz"] == RATE_HZ
    assert got["tail_s"] < CaptureOptions().echo_tail_s


def test_doctor_names_the_devices_practice_will_use(room):
    proc = subprocess.run([sys.executable, "-m", "voice_coach", "doctor"],
                          env={**room.env, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=120)
    lines = {line[7:].split(":")[0]: line for line in proc.stdout.splitlines()}  # "[ok  ] "
    assert "practice records from" in lines["audio input"], proc.stdout
    assert "'room.monitor'" in lines["audio input"] and f"{RATE_HZ} Hz" in lines["audio input"]
    assert "the coach speaks on" in lines["audio output"] and "'room'" in lines["audio output"]


def test_practice_through_a_real_sound_device(room, answer_wav, second_wav, tmp_path):
    out = tmp_path / "s"
    t0 = time.monotonic()
    proc = start_practice(room, out, follow_ups=1)
    for wav in (answer_wav, second_wav):  # the question, then the follow-up probe
        wait_until_listening(room, proc)
        play_into_room(room, wav).wait(timeout=60)  # the candidate answers right away
    # the coach analyzes and speaks the feedback into the room
    feedback_played = False
    while proc.poll() is None:
        feedback_played = feedback_played or room.streams("sink-inputs") > 0
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    print(f"device practice took {time.monotonic() - t0:.1f} s; capture {s_capture(out)}")
    assert proc.returncode == 0, stderr
    assert not [raw for raw in RAW_AUDIO_TEXT if raw in stderr], stderr
    assert feedback_played and "could not play" not in stderr
    assert f"Spoken feedback: {out}" not in stdout  # printed when it was not played
    s = json.loads((out / "session.json").read_text())
    first, probe = s["turns"]
    # (shown when the test fails: where each answer was heard, to tell words never captured
    # from words misheard; a full run once heard the probe's answer only from its middle)
    for t in (first, probe):
        print(t["audio"], t["end_reason"], [(x["text"], x["start_s"]) for x in t["words"]])
    # the coach's question and probe, played into the room the microphone listens to, are not
    # part of the answers (every word only they say); the answers are, with a stated
    # tolerance for the recognizer: 4 of 6 terms, then 3 of 5
    echo = only_in(first["question"], ANSWER + SECOND) | only_in(probe["question"],
                                                                  ANSWER + SECOND)
    assert len(echo) >= 4
    heard = {w for t in s["turns"] for x in t["words"] for w in words(x["text"])}
    assert not heard & echo, heard & echo
    assert_heard(" ".join(x["text"] for x in first["words"]), ANSWER_TERMS, at_least=4)
    assert_heard(" ".join(x["text"] for x in probe["words"]), SECOND_TERMS, at_least=3)
    assert first["end_reason"] == "end_phrase" and probe["end_reason"] == "end_phrase"
    assert not {"answer", "done"} & heard  # the end phrases are not analyzed
    # captured at the device's own rate, recorded at 16 kHz
    assert s["capture"]["device_rate_hz"] == RATE_HZ
    with wave.open(str(out / "audio.wav")) as w:
        assert w.getframerate() == 16000
        assert w.getnframes() / 16000 >= wav_seconds(answer_wav) + wav_seconds(second_wav) - 2
    for name in ("audio.wav", "prompt.wav", "followup-1.wav", "feedback.wav", "feedback.txt",
                 "transcript.md"):
        assert (out / name).is_file(), name


def test_sound_server_stopped_mid_answer(room, answer_wav, tmp_path):
    out = tmp_path / "s"
    proc = start_practice(room, out)
    wait_until_listening(room, proc)
    player = play_into_room(room, answer_wav)
    # stop the server once the first sentence is recorded (~4 s of the answer)
    audio = out / "audio.wav"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and \
            (not audio.exists() or audio.stat().st_size < 44 + 32000 * 5):
        time.sleep(0.05)
    room.stop()
    player.wait(timeout=10)
    try:
        stdout, stderr = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 0, stderr
    lost = [line for line in stderr.splitlines() if "microphone" in line]
    assert len(lost) == 1 and "microphone was lost" in lost[0], stderr
    assert not [raw for raw in RAW_AUDIO_TEXT if raw in stderr], stderr
    assert "could not play the spoken feedback" in stderr  # the output went with the server
    s = json.loads((out / "session.json").read_text())
    assert s["end_reason"] == "device_lost"
    text = " ".join(w["text"] for w in s["words"]).lower()
    # what was said before the server stopped is analyzed and saved: the first sentence
    assert_heard(text, ("member", "tv", "scrolls", "minutes", "gives up"), at_least=3)
    assert s["sentences"] and (out / "feedback.txt").is_file()
    assert "Answer ended by device_lost" in stdout


def s_capture(out: Path) -> object:
    try:
        return json.loads((out / "session.json").read_text()).get("capture")
    except (OSError, ValueError):
        return None


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()

