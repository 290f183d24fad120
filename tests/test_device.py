"""`voice-coach practice` on a real sound device: no --simulate-mic, real PortAudio streams, a
user-space PulseAudio server whose null sink is the room (tests/pulse.py). The coach's voice
reaches the microphone as in a room; the candidate's answer is played into the same room once
the coach has finished asking. Skipped, with the reason, where PulseAudio cannot be started."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest
from conftest import assert_heard, compose_speech, heard_terms
from pulse import RATE_HZ, PulseServer, PulseUnavailable

from voice_coach.live.capture import CaptureOptions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
PROMPTS = Path(__file__).parent / "data" / "prompts"
PROMPT = "homepage-recommendations"
# words of the coach's question ("You're a PM at Netflix. How would you improve the homepage so
# members find something to watch faster?") that the answers below never say: heard in the
# answer, they are the coach's echo
PROMPT_ONLY = ("netflix", "homepage", "improve", "faster", "watch")
ANSWER = ["The member on a TV scrolls for minutes and gives up.", 1.0,
          "The metric is the share of visits that lead to a play, and the guardrail is "
          "cancellations.", 1.0,
          "If the ranker fails, we fall back to the current row.", 1.0, "That's my answer.", 0.5]
ANSWER_TERMS = ("member", "metric", "guardrail", "ranker", "fall back", "current row")
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


def start_practice(room: PulseServer, out: Path) -> subprocess.Popen[str]:
    env = {**room.env, "PYTHONPATH": str(ROOT), "VOICE_COACH_PROMPTS": str(PROMPTS)}
    return subprocess.Popen([sys.executable, "-m", "voice_coach", "practice", "--prompt", PROMPT,
                             "--follow-ups", "0", "--voice", "espeak", "--out", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_listening(room: PulseServer, proc: subprocess.Popen[str], timeout_s: float = 90
                         ) -> tuple[float, int]:
    """Wait for the coach to finish asking: a recording stream is open and nothing plays.
    Returns the time and how many playbacks (the coach speaking) were seen before."""
    deadline = time.monotonic() + timeout_s
    spoke = 0
    while time.monotonic() < deadline and proc.poll() is None:
        playing, recording = room.streams("sink-inputs"), room.streams("source-outputs")
        spoke = max(spoke, playing)
        if recording and not playing:
            return time.monotonic(), spoke
        time.sleep(0.05)
    proc.kill()
    _, err = proc.communicate()
    raise AssertionError(f"practice never listened: {err[-2000:]}")


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


def test_practice_through_a_real_sound_device(room, answer_wav, tmp_path):
    out = tmp_path / "s"
    t0 = time.monotonic()
    proc = start_practice(room, out)
    _, coach_spoke = wait_until_listening(room, proc)
    assert coach_spoke, "the coach's question was never played to the device"
    player = play_into_room(room, answer_wav)  # the candidate answers right away
    player.wait(timeout=60)
    # the answer is over: the coach analyzes and speaks the feedback into the room
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
    text = " ".join(w["text"] for w in s["words"]).lower()
    # the coach's question, played into the room the microphone listens to, is not part of
    # the answer; the answer is (4 of its 6 terms: a stated tolerance for the recognizer)
    assert heard_terms(text, PROMPT_ONLY) == [], text
    assert_heard(text, ANSWER_TERMS, at_least=4)
    assert s["end_reason"] == "end_phrase" and "my answer" not in text
    # captured at the device's own rate, recorded at 16 kHz
    assert s["capture"]["device_rate_hz"] == RATE_HZ
    with wave.open(str(out / "audio.wav")) as w:
        assert w.getframerate() == 16000
        assert w.getnframes() / 16000 >= wav_seconds(answer_wav) - 1.0
    for name in ("audio.wav", "prompt.wav", "feedback.wav", "feedback.txt", "transcript.md"):
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


if os.environ.get("VOICE_COACH_DEVICE_TESTS") == "0":  # an escape hatch for odd hosts
    pytestmark = [pytest.mark.slow, pytest.mark.skip(reason="VOICE_COACH_DEVICE_TESTS=0")]
