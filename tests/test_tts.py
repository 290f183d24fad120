"""The pyttsx3 speaker's thin edge: a worker that exits cleanly with no audio (pyttsx3 2.99's
espeak driver can end its loop before the synthesis it started) is tried once more, and only
then is the piece a failure. Checked with a stand-in for the worker process."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import pytest

from voice_coach import tts


def _write_wav(path: Path, seconds: float = 0.5) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * int(16000 * seconds))


def _workers(monkeypatch, writes: list[bool]) -> list[list[str]]:
    """Stand-in workers: each call writes audio or not, in turn, and exits 0."""
    calls: list[list[str]] = []

    def run(cmd, **kw):
        calls.append(cmd)
        if writes[len(calls) - 1]:
            _write_wav(Path(cmd[3]))
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(tts.subprocess, "run", run)
    return calls


def test_a_worker_that_writes_no_audio_is_tried_once_more(tmp_path, monkeypatch):
    calls = _workers(monkeypatch, [False, True])
    out = tts.Pyttsx3Speaker()._one("Scope a narrow first version.", tmp_path / "p.wav")
    assert len(calls) == 2 and tts.wav_seconds(out) > 0.4


def test_a_piece_with_no_audio_twice_fails_with_a_line_that_says_so(tmp_path, monkeypatch):
    calls = _workers(monkeypatch, [False, False, False])
    with pytest.raises(tts.SpeechFailed, match="wrote no audio"):
        tts.Pyttsx3Speaker()._one("Scope a narrow first version.", tmp_path / "p.wav")
    assert len(calls) == tts.PYTTSX3_ATTEMPTS == 2


def test_a_worker_that_writes_audio_first_time_runs_once(tmp_path, monkeypatch):
    calls = _workers(monkeypatch, [True])
    tts.Pyttsx3Speaker()._one("Scope a narrow first version.", tmp_path / "p.wav")
    assert len(calls) == 1
