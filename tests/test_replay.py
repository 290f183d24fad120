"""Replay: the typed steps (synthetic sessions), the terminal walk and its keys, the spoken
replay's WAVs, bad input through the CLI, and one end-to-end over a real `voice-coach run`."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from conftest import timed_words

from voice_coach.errors import BadInputError
from voice_coach.feedback import PHASE_TITLES
from voice_coach.report import open_session
from voice_coach.report.replay import (
    ReplayOptions,
    ReplayStep,
    StepVoice,
    TerminalReplay,
    parse_phase,
    read_key,
    replay,
    replay_plan,
    replay_steps,
)
from voice_coach.tts import SpeakOptions, wav_seconds

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "voice_coach" / "data" / "sample_answer.flac"
MISSING_Q = "(not said) expected before: "


@pytest.fixture(autouse=True)
def _no_real_history(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICE_COACH_DB", str(tmp_path / "history.sqlite3"))


# -- synthetic sessions --------------------------------------------------------------------

SENTENCES = [  # phase, text, start, end
    ("other", "Okay, let me start.", 0.0, 1.5),
    ("clarify_goal", "A member opens the app and scrolls.", 2.0, 5.0),
    ("clarify_goal", "They want something new quickly.", 5.2, 7.8),
    ("metrics", "The metric is the share of visits that lead to a play.", 8.0, 12.0),
    ("design", "A small ranker reorders the top row.", 12.5, 15.0),
    ("validation", "I would run an A/B test on one percent.", 15.5, 19.0),
    ("validation", "And roll back if plays drop.", 19.2, 21.0),
    ("other", "That's my answer.", 21.5, 22.5),
]


def flag(fid: str, quote: str, start: float, advice: str | None = None, prompted=False) -> dict:
    return {"id": fid, "severity": "high", "evidence": {"quote": quote, "start_s": start},
            "advice": advice or f"Advice for {fid}.", "prompted": prompted}


def make_session(sentences=SENTENCES, flags=None, **extra) -> dict:
    return {
        "schema_version": 1, "kind": "run", "created": "2026-01-02T10:00:00+0000",
        "prompt": {"id": "homepage-recommendations", "text": "Improve the homepage.",
                   "system": "discovery"},
        "audio": "audio.wav", "model": "tiny.en",
        "words": timed_words(sentences),
        "sentences": [{"text": t, "phase": p, "start_s": a, "end_s": b}
                      for p, t, a, b in sentences],
        "flags": flags if flags is not None else [
            flag("no_guardrail", SENTENCES[3][1], 8.0),
            flag("no_tradeoff", MISSING_Q + SENTENCES[5][1], 15.5),
            flag("late_framing", "somewhere", 10.0),  # inside a step, not a sentence start
            flag("no_member_effect", "(not said)", 40.0),  # after the answer: not placed
        ],
        "strengths": ["You named the member."],
        "metrics": {"duration_s": 23.0, "words": 50, "wpm": 130.0, "filler_per_min": 0.0,
                    "fillers": 0, "long_pauses": 0, "phase_durations_s": {},
                    "time_to_member_goal_s": 2.0, "timing_estimated": False},
        **extra,
    }


def write_session(d: Path, session: dict, audio_s: float | None = 23.0) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "session.json").write_text(json.dumps(session), encoding="utf-8")
    if audio_s is not None:
        t = np.arange(int(audio_s * 16000)) / 16000
        pcm = (0.2 * np.sin(2 * np.pi * 220 * t) * 32767).astype(np.int16).tobytes()
        with wave.open(str(d / "audio.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(pcm)
    return d


# -- the steps -----------------------------------------------------------------------------

def test_steps_are_runs_of_one_phase_in_order():
    steps = replay_plan(make_session()).steps
    assert [s.phase for s in steps] == ["other", "clarify_goal", "metrics", "design",
                                        "validation", "other"]
    assert all(isinstance(s, ReplayStep) for s in steps)
    goal = steps[1]
    assert len(goal.sentences) == 2
    assert (goal.start_s, goal.end_s) == (2.0, 7.8)
    assert goal.span == "00:02–00:08" and goal.title == "Member and goal"
    assert [s.index for s in steps] == list(range(len(steps)))


def test_flags_are_placed_in_their_step():
    plan = replay_plan(make_session())
    by_phase = {s.phase: [f.id for f in s.flags] for s in plan.steps if s.flags}
    assert by_phase == {"metrics": ["no_guardrail", "late_framing"],
                        "validation": ["no_tradeoff"]}
    assert [f.id for f in plan.unplaced] == ["no_member_effect"]


def test_phase_filter_and_flags_only():
    s = make_session()
    assert [st.phase for st in replay_steps(s, phase="metrics")] == ["metrics"]
    assert [st.phase for st in replay_steps(s, flags_only=True)] == ["metrics", "validation"]
    assert list(replay_steps(s, phase="design", flags_only=True)) == []
    assert len(list(replay_steps(s, phase="other"))) == 2


def test_parse_phase_accepts_ids_and_titles():
    assert parse_phase("metrics") == "metrics"
    assert parse_phase("Trade-offs") == "tradeoffs"
    assert parse_phase("failure-modes") == "failure_modes"
    assert parse_phase("member and goal") == "clarify_goal"
    with pytest.raises(BadInputError) as e:
        parse_phase("architecture")
    assert "valid phases: clarify_goal, metrics" in e.value.message
    assert "\n" not in e.value.message


def test_a_step_never_crosses_a_follow_up_turn():
    sents = [("design", "The design is a ranker.", 0.0, 3.0),
             ("design", "It runs overnight.", 3.2, 6.0),
             ("design", "If it fails we fall back.", 10.0, 13.0)]
    turns = [{"question": "Q1", "audio": {"start_s": 0.0, "end_s": 6.5}},
             {"question": "What happens when it fails?", "audio": {"start_s": 9.0,
                                                                    "end_s": 14.0}}]
    steps = replay_plan(make_session(sents, flags=[], turns=turns)).steps
    assert [len(s.sentences) for s in steps] == [2, 1]
    assert steps[0].question is None
    assert steps[1].question == "What happens when it fails?"


def test_non_interactive_output_lists_every_step_and_unplaced(tmp_path):
    d = write_session(tmp_path / "s", make_session())
    out = io.StringIO()
    assert replay(ReplayOptions(session=d), stdin=io.StringIO(), stdout=out) == 0
    text = out.getvalue()
    headers = re.findall(r"^\[(\d+)/(\d+)\] (.+?)  (\d\d:\d\d)–(\d\d:\d\d)$", text, re.M)
    assert [h[2] for h in headers] == ["Other", "Member and goal", "Metrics", "Design",
                                       "Validation", "Other"]
    assert "⚑ no_tradeoff (expected here, not said): Advice for no_tradeoff." in text
    assert text.index("Not placed in the answer:") > text.index("[6/6]")
    assert "no_member_effect" in text.split("Not placed in the answer:")[1]
    assert "n/Enter next" not in text  # no key prompt when not a terminal


def test_flags_only_lists_unplaced_at_the_end(tmp_path):
    d = write_session(tmp_path / "s", make_session())
    out = io.StringIO()
    replay(ReplayOptions(session=d, flags_only=True), stdin=io.StringIO(), stdout=out)
    text = out.getvalue()
    assert re.findall(r"^\[\d+/\d+\] (\S+)", text, re.M) == ["Metrics", "Validation"]
    assert "Not placed in the answer:" in text


def test_missing_phase_says_so(tmp_path):
    d = write_session(tmp_path / "s", make_session())
    out = io.StringIO()
    replay(ReplayOptions(session=d, phase="tradeoffs"), stdin=io.StringIO(), stdout=out)
    assert "No Trade-offs part in this answer." in out.getvalue()


# -- interactive keys ------------------------------------------------------------------------

def test_keys_next_previous_repeat_quit():
    steps = replay_plan(make_session()).steps
    keys = iter(["n", "\r", "p", "r", "x", "\x1b[C", "q"])
    out = io.StringIO()
    TerminalReplay(steps, out, interactive=True, key_reader=lambda: next(keys)).run()
    shown = [int(m) for m in re.findall(r"^\[(\d+)/6\]", out.getvalue(), re.M)]
    # 1, n->2, Enter->3, p->2, r->2 again, unknown key shows nothing, right arrow->3, q
    assert shown == [1, 2, 3, 2, 2, 3]


def test_walk_ends_after_the_last_step():
    steps = replay_plan(make_session()).steps
    out = io.StringIO()
    TerminalReplay(steps, out, interactive=True, key_reader=lambda: "n").run()
    assert len(re.findall(r"^\[\d+/6\]", out.getvalue(), re.M)) == 6


def test_read_key_uses_raw_mode_and_restores_the_terminal():
    termios = pytest.importorskip("termios")
    import threading
    import time

    master, slave = os.openpty()

    def press(data: bytes) -> None:  # typed once the key reader waits in raw mode
        def later() -> None:
            time.sleep(0.2)
            os.write(master, data)
        threading.Thread(target=later, daemon=True).start()

    try:
        before = termios.tcgetattr(slave)
        os.write(master, b"p")  # typed ahead, before the reader waits: kept
        assert read_key(slave) == "p"
        press(b"n")
        assert read_key(slave) == "n"
        press(b"\x1b[D")
        assert read_key(slave) == "\x1b[D"
        press(b"\x03")
        with pytest.raises(KeyboardInterrupt):
            read_key(slave)
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_keys_through_a_real_terminal(tmp_path):
    """The CLI on a pseudo-terminal: raw-mode keys move through the steps."""
    pytest.importorskip("termios")
    import select
    import time

    d = write_session(tmp_path / "s", make_session(), audio_s=None)
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "voice_coach", "replay", str(d)],
                            stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    buf = b""

    def wait_for_prompt(n: int) -> None:
        nonlocal buf
        deadline = time.monotonic() + 30
        while buf.count(b"q quit") < n and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    buf += os.read(master, 65536)
                except OSError:
                    return
        assert buf.count(b"q quit") >= n, buf.decode(errors="replace")[-500:]

    try:
        for n, key in enumerate([b"n", b"\r", b"p", b"r", b"\x1b[C", b"q"], 1):
            wait_for_prompt(n)
            os.write(master, key)
        assert proc.wait(timeout=30) == 0
        while select.select([master], [], [], 0.2)[0]:
            try:
                buf += os.read(master, 65536)
            except OSError:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    text = buf.decode(errors="replace")
    assert re.findall(r"\[(\d+)/6\]", text) == ["1", "2", "3", "2", "2", "3"]
    assert "Traceback" not in text


# -- spoken replay -------------------------------------------------------------------------

def test_speak_without_a_device_writes_step_wavs(tmp_path):
    d = write_session(tmp_path / "s", make_session())
    out = io.StringIO()
    replay(ReplayOptions(session=d, speak=True, voice="espeak", flags_only=True),
           stdin=io.StringIO(), stdout=out, device_check=lambda _dev: False)
    folder = d / "replay"
    assert f"No audio output device: the replay audio is in {folder}" in out.getvalue()
    names = sorted(p.name for p in folder.glob("*.wav"))
    assert names == ["03-metrics-answer.wav", "03-metrics-note.wav",
                     "05-validation-answer.wav", "05-validation-note.wav"]
    assert abs(wav_seconds(folder / "03-metrics-answer.wav") - 4.0) < 0.1
    assert abs(wav_seconds(folder / "05-validation-answer.wav") - 5.5) < 0.1
    assert wav_seconds(folder / "03-metrics-note.wav") > 1.0
    assert (folder / "replay.m3u").read_text().split("\n")[1:5] == names[:2] + names[2:]


def test_speak_plays_when_a_device_exists(tmp_path):
    d = write_session(tmp_path / "s", make_session())
    _, session = open_session(d)
    played: list[str] = []
    with StepVoice(d, session, SpeakOptions(engine="espeak"), device_check=lambda _d: True,
                   player=lambda p, _dev: played.append(p.name) or True) as voice:
        voice.voice(replay_plan(session).steps[2])
    assert played == ["03-metrics-answer.wav", "03-metrics-note.wav"]
    assert not (d / "replay").exists()  # played, not left in the session folder


def test_device_lost_mid_replay_keeps_the_audio_on_disk(tmp_path):
    d = write_session(tmp_path / "s", make_session())
    _, session = open_session(d)
    steps = replay_plan(session).steps
    with StepVoice(d, session, SpeakOptions(engine="espeak"), device_check=lambda _d: True,
                   player=lambda _p, _dev: False) as voice:
        voice.voice(steps[2])
        voice.voice(steps[2])  # repeated: listed once
        voice.voice(steps[3])
    assert voice.out_dir == d / "replay"
    assert (d / "replay" / "replay.m3u").read_text().split() == [
        "#EXTM3U", "03-metrics-answer.wav", "03-metrics-note.wav", "04-design-answer.wav",
        "04-design-note.wav"]


def test_out_audio_needs_speak(tmp_path):
    d = write_session(tmp_path / "s", make_session(), audio_s=None)
    with pytest.raises(BadInputError, match="add --speak"):
        replay(ReplayOptions(session=d, out_audio=tmp_path / "o"), stdin=io.StringIO(),
               stdout=io.StringIO())


def test_speak_needs_the_session_audio(tmp_path):
    d = write_session(tmp_path / "s", make_session(), audio_s=None)
    with pytest.raises(BadInputError, match=r"no audio\.wav"):
        replay(ReplayOptions(session=d, speak=True, voice="espeak"), stdin=io.StringIO(),
               stdout=io.StringIO(), device_check=lambda _d: False)


# -- bad input through the CLI ---------------------------------------------------------------

def vc(*args: str, env_extra: dict | None = None, timeout: float = 300):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "voice_coach", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def one_line_error(proc, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout[-500:], proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("voice-coach: "), proc.stderr
    return lines[0]


def test_folder_without_session_json(tmp_path):
    (tmp_path / "empty").mkdir()
    line = one_line_error(vc("replay", str(tmp_path / "empty")))
    assert "no session here" in line


def test_truncated_session_json(tmp_path):
    d = write_session(tmp_path / "s", make_session(), audio_s=None)
    raw = (d / "session.json").read_bytes()
    (d / "session.json").write_bytes(raw[: len(raw) // 2])
    for cmd in (["replay", str(d)], ["export", str(d), "--vtt", str(tmp_path / "a.vtt")],
                ["report", str(d), "--html", str(tmp_path / "a.html")]):
        line = one_line_error(vc(*cmd))
        assert "malformed or truncated" in line
    assert not (tmp_path / "a.vtt").exists()


def test_damaged_entries_and_bad_phase_are_one_line(tmp_path):
    s = make_session()
    del s["sentences"][2]["start_s"]
    d = write_session(tmp_path / "s", s, audio_s=None)
    assert "sentence 2 lacks" in one_line_error(vc("replay", str(d)))
    newer = make_session(schema_version=99)
    d2 = write_session(tmp_path / "new", newer, audio_s=None)
    assert "newer" in one_line_error(vc("replay", str(d2)))
    d3 = write_session(tmp_path / "ok", make_session(), audio_s=None)
    assert "valid phases:" in one_line_error(vc("replay", str(d3), "--phase", "nope"))


# -- end to end over a real recording --------------------------------------------------------

def _blocks(text: str) -> list[tuple[str, str]]:
    """(phase title, block text) per step of a replay's output."""
    parts = re.split(r"^(?=\[\d+/\d+\] )", text, flags=re.M)
    out = []
    for p in parts:
        m = re.match(r"\[\d+/\d+\] (.+?)  \d\d:\d\d–\d\d:\d\d", p)
        if m:
            out.append((m.group(1), p))
    return out


@pytest.fixture(scope="module")
def real_session(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    db = tmp / "history.sqlite3"
    out = tmp / "session"
    proc = vc("run", str(SAMPLE), "--out", str(out), "--no-speak",
              "--prompt", "homepage-recommendations", env_extra={"VOICE_COACH_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    return out, db


@pytest.mark.slow
def test_end_to_end_replay_of_a_real_run(real_session, tmp_path):
    out, db = real_session
    session = json.loads((out / "session.json").read_text())
    proc = vc("replay", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    blocks = _blocks(proc.stdout)
    # every phase run appears, in the order spoken
    runs: list[str] = []
    for s in session["sentences"]:
        if not runs or runs[-1] != s["phase"]:
            runs.append(s["phase"])
    assert [t for t, _ in blocks] == [PHASE_TITLES[p] for p in runs]
    # each flag is shown in the step holding the sentence its evidence points at
    assert session["flags"]
    plan = replay_plan(session)
    for f in session["flags"]:
        owner = [i for i, st in enumerate(plan.steps)
                 if any(abs(x.start_s - f["evidence"]["start_s"]) < 0.05 for x in st.sentences)]
        assert len(owner) == 1, f
        assert f"⚑ {f['id']} (" in blocks[owner[0]][1]
        if f["evidence"]["quote"].startswith("(not said)"):
            assert "expected here" in blocks[owner[0]][1]
    # the run was recorded in the history named by VOICE_COACH_DB
    from voice_coach.report.history import load_sessions

    rows = load_sessions(db)
    assert [r.path for r in rows] == [str(out.resolve())]
    assert rows[0].n_flags == len(session["flags"])


@pytest.mark.slow
def test_end_to_end_phase_and_flags_only(real_session):
    out, _ = real_session
    session = json.loads((out / "session.json").read_text())
    proc = vc("replay", str(out), "--phase", "metrics")
    assert proc.returncode == 0, proc.stderr
    assert {t for t, _ in _blocks(proc.stdout)} <= {"Metrics"}
    if any(s["phase"] == "metrics" for s in session["sentences"]):
        assert _blocks(proc.stdout)
    proc = vc("replay", str(out), "--flags-only")
    assert proc.returncode == 0, proc.stderr
    blocks = _blocks(proc.stdout)
    assert blocks and all("⚑" in b for _, b in blocks)


@pytest.mark.slow
def test_end_to_end_spoken_replay_writes_step_wavs(real_session, tmp_path):
    out, _ = real_session
    session = json.loads((out / "session.json").read_text())
    folder = tmp_path / "replay audio"
    proc = vc("replay", str(out), "--speak", "--voice", "espeak", "--out-audio", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert str(folder) in proc.stdout
    steps = replay_plan(session).steps
    for st in steps:
        stem = f"{st.index + 1:02d}-{st.phase}"
        answer, note = folder / f"{stem}-answer.wav", folder / f"{stem}-note.wav"
        assert abs(wav_seconds(answer) - (st.end_s - st.start_s)) <= 0.1, stem
        with wave.open(str(answer)) as w:
            assert (w.getframerate(), w.getnchannels()) == (16000, 1)
        assert note.stat().st_size > 44 and wav_seconds(note) > 0.5
    listed = (folder / "replay.m3u").read_text().splitlines()[1:]
    assert len(listed) == 2 * len(steps)


@pytest.mark.slow
def test_end_to_end_export_of_a_real_run(real_session, tmp_path):
    out, _ = real_session
    vtt = tmp_path / "answer.vtt"
    proc = vc("export", str(out), "--vtt", str(vtt), "--srt", str(tmp_path / "answer.srt"))
    assert proc.returncode == 0, proc.stderr
    text = vtt.read_text(encoding="utf-8")
    session = json.loads((out / "session.json").read_text())
    # each phase heard in the answer labels its cues (which phases the recognizer's words
    # support can differ between CPUs; the labels must follow them)
    assert text.startswith("WEBVTT") and "⚑ " in text
    for phase in {s["phase"] for s in session["sentences"]}:
        assert f"[{PHASE_TITLES[phase]}]" in text, phase
