"""Each command end to end through the real CLI (a child process, as a user runs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from voice_coach.audio.io import write_wav_atomic
from voice_coach.session import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def vc(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: float = 300):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "voice_coach", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=timeout, env=env, input=stdin)


def assert_clean_failure(proc, code: int = 2):
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("voice-coach: ")


@pytest.fixture(scope="module")
def run_session(tmp_path_factory, spoken_answer):
    out = tmp_path_factory.mktemp("run") / "session one"  # a space in the path
    proc = vc("run", str(spoken_answer), "--out", str(out), "--no-speak",
              "--prompt", "homepage-recommendations")
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_run_writes_the_session_contract(run_session):
    out, proc = run_session
    s = json.loads((out / "session.json").read_text())
    assert s["schema_version"] == SCHEMA_VERSION
    assert s["prompt"]["id"] == "homepage-recommendations" and s["prompt"]["text"]
    assert Path(s["audio"]).is_file()
    with wave.open(s["audio"]) as w:
        assert (w.getframerate(), w.getnchannels()) == (16000, 1)
    assert s["model"] == "tiny.en"
    assert s["words"] and {"text", "start_s", "end_s"} <= set(s["words"][0])
    assert s["sentences"] and {"text", "phase", "start_s", "end_s"} <= set(s["sentences"][0])
    for f in s["flags"]:
        assert {"id", "severity", "evidence", "advice"} <= set(f)
        assert {"quote", "start_s"} <= set(f["evidence"])
    assert isinstance(s["strengths"], list)
    m = s["metrics"]
    for k in ("duration_s", "words", "wpm", "filler_per_min", "long_pauses",
              "phase_durations_s", "time_to_member_goal_s"):
        assert k in m
    assert 25 < m["duration_s"] < 60
    for name in ("transcript.md", "feedback.txt", "feedback.wav"):
        assert (out / name).is_file()
    assert "Session written to" in proc.stdout


def test_spoken_feedback_is_real_speech_under_45s(run_session):
    from voice_coach.tts import wav_seconds

    out, _ = run_session
    seconds = wav_seconds(out / "feedback.wav")
    assert 5 < seconds < 45


def test_run_strong_answer_has_few_flags(run_session):
    out, _ = run_session
    s = json.loads((out / "session.json").read_text())
    ids = {f["id"] for f in s["flags"]}
    # the synthesized answer covers member, metric+guardrail, scope, constraints, trade-off,
    # failure mode and validation
    assert not ids & {"no_member_goal", "no_validation", "architecture_before_goal"}, ids


def test_run_mp3_stereo_44k(tmp_path, spoken_answer):
    mp3 = tmp_path / "answer é.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(spoken_answer), "-ac", "2",
                    "-ar", "44100", str(mp3)], check=True)
    proc = vc("run", str(mp3), "--out", str(tmp_path / "s"), "--no-speak")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "s" / "session.json").read_text())["words"]


def test_analyze_json(tmp_path):
    t = tmp_path / "t.txt"
    t.write_text("The member wants to find a show fast. I would build a cache.")
    proc = vc("analyze", str(t), "--json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert set(d) == {"sentences", "flags", "strengths", "metrics", "claims"}
    assert any(f["id"] == "no_validation" for f in d["flags"])


def test_prompts_lists_library():
    proc = vc("prompts")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) >= 12


def test_doctor_reports_components():
    proc = vc("doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for part in ("whisper model", "spaCy model", "espeak-ng", "audio input", "audio output"):
        assert part in proc.stdout


def test_demo_prints_transcript_and_feedback(tmp_path):
    proc = vc("demo", "--out", str(tmp_path / "demo"))
    assert proc.returncode == 0, proc.stderr
    assert "What went well" in proc.stdout and "## " in proc.stdout
    # no speakers here: it says where the spoken feedback is and carries on
    assert "feedback.wav" in proc.stdout


# -- bad input: one line, exit 2, no traceback, no session left behind -----------------

def _bad_inputs(tmp: Path) -> dict[str, Path]:
    text = tmp / "notes.wav"
    text.write_text("these are my notes, not audio\n" * 20)
    empty = tmp / "empty.wav"
    empty.write_bytes(b"")
    silent = tmp / "silent.wav"
    write_wav_atomic(silent, b"\x00\x00" * 16000 * 4)
    truncated = tmp / "truncated.wav"
    truncated.write_bytes(silent.read_bytes()[:30])
    return {"missing": tmp / "nope.wav", "text": text, "empty": empty, "truncated": truncated,
            "silence": silent}


@pytest.mark.parametrize("case", ["missing", "text", "empty", "truncated", "silence"])
def test_bad_input(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    proc = vc("run", str(path), "--out", str(out), "--no-speak")
    assert_clean_failure(proc, 2)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
    if case == "silence":
        assert "no speech detected" in proc.stderr


def test_analyze_bad_inputs(tmp_path):
    assert_clean_failure(vc("analyze", str(tmp_path / "missing.txt")))
    empty = tmp_path / "e.txt"
    empty.write_text("  \n")
    assert_clean_failure(vc("analyze", str(empty)))
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert_clean_failure(vc("analyze", str(binary)))


def test_unknown_prompt(tmp_path, spoken_answer):
    proc = vc("run", str(spoken_answer), "--prompt", "nope", "--out", str(tmp_path / "o"))
    assert_clean_failure(proc, 2)
    assert "voice-coach prompts" in proc.stderr
