"""History: the SQLite file (never the real home), idempotent recording, flag trends, JSON,
the plot, and failures that stay one line (or, for the recording hook, one warning)."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from voice_coach.cli import main
from voice_coach.errors import MissingComponentError
from voice_coach.report.history import (
    NOT_RAISED,
    PROMPTED,
    RAISED,
    classify,
    default_db_path,
    flag_trends,
    load_sessions,
    plot_history,
    record_quietly,
    record_session,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test has its own database, data home and HOME: nothing reaches the real one."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("VOICE_COACH_DB", str(tmp_path / "db" / "history.sqlite3"))
    return tmp_path / "db" / "history.sqlite3"


def flag(fid: str, prompted: bool = False) -> dict:
    return {"id": fid, "severity": "high", "evidence": {"quote": "q", "start_s": 1.0},
            "advice": "a", "prompted": prompted}


def make_session(flags: list[dict], created: str, prompt: str = "homepage-recommendations",
                 wpm: float = 150.0) -> dict:
    return {
        "schema_version": 1, "kind": "run", "created": created,
        "prompt": {"id": prompt, "text": "t", "system": "discovery"},
        "words": [{"text": "Hi.", "start_s": 0.0, "end_s": 0.5}],
        "sentences": [{"text": "Hi.", "phase": "other", "start_s": 0.0, "end_s": 0.5}],
        "flags": flags, "strengths": [],
        "metrics": {"duration_s": 95.0, "words": 240, "wpm": wpm, "filler_per_min": 2.5},
    }


def write_session(d: Path, session: dict) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "session.json").write_text(json.dumps(session), encoding="utf-8")
    return d


# three sessions: no_guardrail fires in 1 and 2, not in 3; no_tradeoff in all three;
# no_scope only in 3; no_validation raised, then absent, then only when asked
THREE = [
    ([flag("no_guardrail"), flag("no_tradeoff"), flag("no_validation")],
     "2026-03-01T09:00:00+0000"),
    ([flag("no_guardrail"), flag("no_tradeoff")], "2026-03-02T09:00:00+0100"),
    ([flag("no_tradeoff"), flag("no_scope"), flag("no_validation", prompted=True)],
     "2026-03-03T09:00:00-0500"),
]


@pytest.fixture
def three(tmp_path, isolated) -> list[Path]:
    dirs = []
    # recorded out of order: the history sorts by creation time, not by recording
    for i in (2, 0, 1):
        flags, created = THREE[i]
        d = write_session(tmp_path / "sessions" / f"s{i + 1}", make_session(flags, created,
                                                                             wpm=140 + 10 * i))
        assert record_quietly(d)
        dirs.append(d)
    return sorted(dirs)


def test_db_location(tmp_path, monkeypatch):
    assert default_db_path() == tmp_path / "db" / "history.sqlite3"
    monkeypatch.delenv("VOICE_COACH_DB")
    assert default_db_path() == tmp_path / "xdg" / "voice-coach" / "history.sqlite3"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_db_path() == tmp_path / "home" / ".local/share/voice-coach/history.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_db_path() == tmp_path / "home" / ".local/share/voice-coach/history.sqlite3"


def test_tables_and_idempotent_recording(tmp_path, isolated):
    d = write_session(tmp_path / "s", make_session([flag("no_guardrail"), flag("no_scope")],
                                                   "2026-03-01T09:00:00+0000"))
    session = json.loads((d / "session.json").read_text())
    record_session(d, session)
    record_session(d, session)
    con = sqlite3.connect(isolated)
    rows = con.execute("SELECT path, created, kind, prompt_id, duration_s, words, wpm, "
                       "filler_per_min, flags, n_flags FROM sessions").fetchall()
    assert len(rows) == 1
    path, _created, kind, prompt_id, dur, words, wpm, fpm, flags, n = rows[0]
    assert (path, kind, prompt_id, dur, words, wpm, fpm, n) == (
        str(d.resolve()), "run", "homepage-recommendations", 95.0, 240, 150.0, 2.5, 2)
    assert [f["id"] for f in json.loads(flags)] == ["no_guardrail", "no_scope"]
    assert sorted(con.execute("SELECT flag_id, prompted FROM flags")) == [
        ("no_guardrail", 0), ("no_scope", 0)]
    # recording again after a change replaces the row and its flags
    session["flags"] = [flag("no_tradeoff", prompted=True)]
    record_session(d, session)
    assert con.execute("SELECT COUNT(*), MAX(n_flags) FROM sessions").fetchone() == (1, 1)
    assert con.execute("SELECT flag_id, prompted FROM flags").fetchall() == [("no_tradeoff", 1)]
    con.close()
    assert not (tmp_path / "home").exists()


def test_trend_words():
    R, P, N = RAISED, PROMPTED, NOT_RAISED
    assert classify([R, R, N]) == "stopped firing"
    assert classify([R, N, N]) == "stopped firing"
    assert classify([N, N, R]) == "new"
    assert classify([R, R, R]) == "persistent"
    assert classify([R, N, R]) == "came back"
    assert classify([R, N, P]) == "improving"
    assert classify([P, R]) == "slipping"
    assert classify([R]) == "raised"


def test_three_sessions(three, isolated):
    sessions = load_sessions(isolated)
    assert [Path(s.path).name for s in sessions] == ["s1", "s2", "s3"]
    trends = {t.flag: t for t in flag_trends(sessions)}
    assert trends["no_guardrail"].trend == "stopped firing"
    assert trends["no_guardrail"].marks == "■ ■ □"
    assert trends["no_tradeoff"].trend == "persistent"
    assert trends["no_scope"].trend == "new"
    assert trends["no_validation"].marks == "■ □ ◩"
    assert trends["no_validation"].trend == "improving"
    assert [Path(s.path).name for s in load_sessions(isolated, last=2)] == ["s2", "s3"]


def test_history_text(three, capsys):
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "homepage-recommendations" in out and "01:35" in out
    line = next(x for x in out.splitlines() if x.strip().startswith("no_guardrail"))
    assert line.split() == ["no_guardrail", "■", "■", "□", "stopped", "firing"]


def vc(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voice_coach", *args], capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_history_json_through_the_cli(three, isolated, tmp_path):
    other = tmp_path / "other.sqlite3"
    proc = vc("history", "--json", "--db", str(other), env={})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sessions"] == []
    proc = vc("history", "--json", "--last", "3", env={})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["db"] == str(isolated)
    assert [Path(s["path"]).name for s in data["sessions"]] == ["s1", "s2", "s3"]
    assert [s["n_flags"] for s in data["sessions"]] == [3, 2, 3]
    trends = {t["flag"]: t for t in data["trends"]}
    assert trends["no_guardrail"]["trend"] == "stopped firing"
    assert trends["no_guardrail"]["states"] == ["raised", "raised", "not raised"]
    assert trends["no_validation"]["states"] == ["raised", "not raised", "prompted"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_plot_writes_a_png(three, tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "plots" / "history.png"
    assert main(["history", "--plot", str(out)]) == 0
    w, h = _png_size(out)
    assert w > 300 and h > 300
    assert f"Plot written to {out}" in capsys.readouterr().out


def test_plot_without_matplotlib_is_one_line(three, tmp_path, monkeypatch, capsys):
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingComponentError) as e:
        plot_history(load_sessions(default_db_path()), [], tmp_path / "x.png")
    assert e.value.exit_code == 3
    assert main(["history", "--plot", str(tmp_path / "x.png")]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install matplotlib" in err[0]
    assert not (tmp_path / "x.png").exists()


def test_empty_history(capsys):
    assert main(["history"]) == 0
    assert "No sessions in the history yet" in capsys.readouterr().out
    assert main(["history", "--plot", "x.png"]) == 2


def test_recording_failure_is_only_a_warning(tmp_path, caplog):
    d = write_session(tmp_path / "s", make_session([], "2026-03-01T09:00:00+0000"))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        assert record_quietly(d, db=blocker / "history.sqlite3") is False
    assert "session not added to the history" in caplog.text
    (d / "session.json").write_text("{ truncated")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert record_quietly(d) is False
    assert "malformed or truncated" in caplog.text


def test_corrupt_database_is_one_line(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    proc = vc("history", "--db", str(bad), env={})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "not a usable history database" in lines[0]


def test_rebuild_from_a_folder(tmp_path, isolated, capsys):
    for i, (flags, created) in enumerate(THREE):
        write_session(tmp_path / "all" / f"s{i + 1}", make_session(flags, created))
    damaged = tmp_path / "all" / "broken"
    damaged.mkdir()
    (damaged / "session.json").write_text('{"schema_version": 1, "words": [')
    assert main(["history", "--rebuild", str(tmp_path / "all"), "--json"]) == 0
    captured = capsys.readouterr()
    assert "recorded 3 session(s)" in captured.err and "skipped 1" in captured.err
    assert len(json.loads(captured.out)["sessions"]) == 3
