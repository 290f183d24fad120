"""Hardening: awkward and broken inputs, faults, bounded memory, nothing leaves the machine."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from conftest import assert_heard

from voice_coach.audio.io import iter_file_chunks

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "voice_coach" / "tests"
pytestmark = pytest.mark.slow


def vc(*args: str, env_extra: dict | None = None, timeout: float = 300, prefix=()):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "voice_coach", *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def one_line_error(proc, code: int) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout[-500:], proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("voice-coach: "), proc.stderr
    return lines[0]


def ffmpeg(src: Path, out: Path, *opts: str) -> Path:
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(src), *opts, str(out)],
                   check=True)
    return out


def decoded_seconds(path: Path) -> float:
    return sum(c.duration_s for c in iter_file_chunks(path))


# -- formats: every variant decodes to the same 16 kHz mono speech ------------------------

VARIANTS = {
    "u8": ("-c:a", "pcm_u8"),
    "s24": ("-c:a", "pcm_s24le"),
    "f32": ("-c:a", "pcm_f32le"),
    "8k": ("-ar", "8000"),
    "44k": ("-ar", "44100"),
    "48k-stereo": ("-ar", "48000", "-ac", "2"),
    "6ch": ("-ac", "6"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_format_variants_decode(tmp_path, spoken_answer, name):
    ref = decoded_seconds(spoken_answer)
    out = ffmpeg(spoken_answer, tmp_path / f"v {name}.wav", *VARIANTS[name])
    got = decoded_seconds(out)
    assert abs(got - ref) < 0.1
    pcm = np.frombuffer(b"".join(c.pcm for c in iter_file_chunks(out)), np.int16)
    assert np.abs(pcm).mean() > 200  # speech, not silence


def test_8k_8bit_stereo_runs_end_to_end(tmp_path, spoken_answer):
    out = ffmpeg(spoken_answer, tmp_path / "phone.wav", "-ar", "8000", "-c:a", "pcm_u8",
                 "-ac", "2")
    proc = vc("run", str(out), "--no-speak", "--out", str(tmp_path / "s"))
    assert proc.returncode == 0, proc.stderr
    words = json.loads((tmp_path / "s" / "session.json").read_text())["words"]
    # a phone-quality copy loses more words, and which ones depends on the CPU: 6 of 9
    assert_heard(" ".join(w["text"] for w in words), ("member", "netflix", "metric",
                                                      "guardrail", "first version", "top row",
                                                      "fall back", "roll back", "validate"),
                 at_least=6)


def test_header_declaring_wrong_length(tmp_path, spoken_answer):
    data = bytearray((tmp_path / "x").write_bytes(b"") or spoken_answer.read_bytes())
    # the data chunk claims twice its real size (a recorder that died before fixing it)
    i = data.find(b"data")
    real = struct.unpack("<I", data[i + 4:i + 8])[0]
    data[i + 4:i + 8] = struct.pack("<I", real * 2)
    bad = tmp_path / "long header.wav"
    bad.write_bytes(bytes(data))
    assert abs(decoded_seconds(bad) - decoded_seconds(spoken_answer)) < 0.1
    # and one that claims less: we read what the header says, no crash
    data[i + 4:i + 8] = struct.pack("<I", real // 2)
    bad.write_bytes(bytes(data))
    assert decoded_seconds(bad) > 0


@pytest.mark.parametrize("kind", ["noise", "music", "german"])
def test_no_text_invented_from_noise_music_or_other_languages(tmp_path, kind):
    path = tmp_path / f"{kind}.wav"
    if kind == "noise":
        rng = np.random.default_rng(0)
        pcm = (rng.standard_normal(16000 * 8) * 6000).clip(-32767, 32767).astype(np.int16)
    elif kind == "music":
        t = np.arange(16000 * 8) / 16000
        notes = [261.6, 329.6, 392.0, 523.3]
        sig = sum(np.sin(2 * np.pi * f * t) * (np.sin(2 * np.pi * 0.5 * t + k) > 0)
                  for k, f in enumerate(notes))
        pcm = (sig / 4 * 12000).astype(np.int16)
    else:
        subprocess.run(["espeak-ng", "-v", "de", "-w", str(path),
                        "Das Mitglied möchte schnell eine Serie finden. Die wichtigste Kennzahl "
                        "ist die Abspielrate, und wir testen das mit einem Experiment."],
                       check=True)
    if kind != "german":
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(pcm.tobytes())
    proc = vc("run", str(path), "--no-speak", "--out", str(tmp_path / "s"))
    line = one_line_error(proc, 2)
    assert "speech" in line
    assert not (tmp_path / "s").exists()


def test_clipped_speech_still_transcribed(tmp_path, spoken_answer):
    out = ffmpeg(spoken_answer, tmp_path / "clipped.wav", "-af", "volume=12dB,alimiter=limit=1")
    proc = vc("run", str(out), "--no-speak", "--out", str(tmp_path / "s"))
    assert proc.returncode == 0, proc.stderr


# -- output problems ------------------------------------------------------------------------

def _mount_tmpfs(path: Path, opts: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def test_read_only_output_folder(tmp_path, spoken_answer):
    ro = tmp_path / "ro"
    if os.geteuid() == 0:
        if not _mount_tmpfs(ro, "ro,size=1m"):
            pytest.skip("cannot mount a read-only tmpfs here")
    else:
        ro.mkdir()
        ro.chmod(0o500)
    try:
        proc = vc("run", str(spoken_answer), "--no-speak", "--out", str(ro / "s"))
        line = one_line_error(proc, 5)
        assert "--out" in line
    finally:
        if os.geteuid() == 0:
            _umount(ro)


def test_full_disk(tmp_path, spoken_answer):
    full = tmp_path / "full"
    if not _mount_tmpfs(full, "size=256k"):
        pytest.skip("needs root to mount a tiny tmpfs as a full disk")
    try:
        proc = vc("run", str(spoken_answer), "--no-speak", "--out", str(full / "s"))
        one_line_error(proc, 5)
        # nothing half-written is left behind
        assert not (full / "s").exists()
        assert not [p for p in full.iterdir() if p.name.startswith(".s.partial")]
    finally:
        _umount(full)


def test_malformed_prompt_file(tmp_path):
    bad = tmp_path / "prompts"
    bad.mkdir()
    (bad / "broken.toml").write_text('id = "broken"\ntitle = \n')
    proc = vc("prompts", env_extra={"VOICE_COACH_PROMPTS": str(bad)})
    line = one_line_error(proc, 2)
    assert "broken.toml" in line
    (bad / "broken.toml").write_text('id = "broken"\ntitle = "x"\n')
    line = one_line_error(vc("prompts", env_extra={"VOICE_COACH_PROMPTS": str(bad)}), 2)
    assert "expected keys" in line


def test_malformed_rule_file_lists_expected_keys(tmp_path):
    from voice_coach.analysis.rules import load_flag_rules
    from voice_coach.errors import BadInputError

    p = tmp_path / "flags.toml"
    p.write_text("[thresholds]\n[flag]\n")
    with pytest.raises(BadInputError) as err:
        load_flag_rules(p)
    assert "expected" in err.value.message


# -- the TTS engine hangs or writes nothing ---------------------------------------------

def test_tts_hang_times_out_and_feedback_is_kept_as_text(tmp_path, spoken_answer, monkeypatch):
    from voice_coach import tts
    from voice_coach.pipeline import RunOptions, run_file
    from voice_coach.ui import Status

    hang = tmp_path / "hang.sh"
    hang.write_text("#!/bin/sh\nsleep 600\n")
    hang.chmod(0o755)
    monkeypatch.setattr(tts.sys, "executable", str(hang))  # the pyttsx3 child hangs
    monkeypatch.setattr(tts.shutil, "which", lambda name: None)  # and no espeak-ng fallback
    monkeypatch.setenv("VOICE_COACH_PROMPTS", str(Path(__file__).parent / "data" / "prompts"))
    opt = RunOptions(audio=spoken_answer, out_dir=tmp_path / "s", play=False,
                     speak=tts.SpeakOptions(engine="pyttsx3", timeout_s=2))
    import time

    t0 = time.monotonic()
    res = run_file(opt, Status(quiet=True))
    assert time.monotonic() - t0 < 60
    assert res.feedback_wav is None
    assert "The fix" in (res.session_dir / "feedback.txt").read_text() or \
        "feedback" in (res.session_dir / "feedback.txt").read_text().lower()
    s = json.loads((res.session_dir / "session.json").read_text())
    assert s["feedback"]["wav"] is None and s["feedback"]["spoken"]


def test_tts_writing_nothing_falls_back(tmp_path, monkeypatch):
    from voice_coach import tts

    nothing = tmp_path / "nothing.sh"
    nothing.write_text("#!/bin/sh\ncat >/dev/null\nexit 0\n")  # succeeds, writes no file
    nothing.chmod(0o755)
    monkeypatch.setattr(tts.sys, "executable", str(nothing))
    path, engine = tts.synthesize_with_fallback("Hello there.", tmp_path / "o.wav",
                                                tts.SpeakOptions(engine="pyttsx3"))
    assert engine == "espeak" and tts.wav_seconds(path) > 0.3


# -- memory on a 2-hour recording -------------------------------------------------------

def two_hour_file(spoken_answer: Path) -> Path:
    """2 h of quiet room noise with the answer spoken three times in it (FLAC, cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / "two-hours.flac"
    if out.exists():
        return out
    tmp = CACHE / "two-hours.tmp.flac"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.002:r=16000:d=7200",
                    "-i", str(spoken_answer), "-i", str(spoken_answer), "-i", str(spoken_answer),
                    "-filter_complex",
                    "[1]aresample=16000,adelay=600000|600000[a];"
                    "[2]aresample=16000,adelay=3600000|3600000[b];"
                    "[3]aresample=16000,adelay=6900000|6900000[c];"
                    "[0][a][b][c]amix=inputs=4:duration=first:normalize=0",
                    "-ac", "1", "-ar", "16000", str(tmp)], check=True)
    tmp.rename(out)
    return out


def test_two_hour_recording_in_bounded_memory(tmp_path, spoken_answer):
    path = two_hour_file(spoken_answer)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "voice_coach", "-q", "run", str(path),
                             "--no-speak", "--out", str(tmp_path / "s")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert os.waitstatus_to_exitcode(status) == 0, stderr
    peak_mb = usage.ru_maxrss / 1024
    print(f"2-hour run: peak RSS {peak_mb:.0f} MB")
    assert peak_mb < 1500
    s = json.loads((tmp_path / "s" / "session.json").read_text())
    assert 7190 < s["metrics"]["duration_s"] < 7210
    assert s["words"][0]["start_s"] > 590  # the first words are 10 minutes in


# -- nothing leaves the machine -----------------------------------------------------------

def _offline_prefix() -> tuple[tuple[str, ...], dict]:
    """Run in a network namespace with no interfaces when possible; otherwise refuse socket
    creation in the child through sitecustomize."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"],
                                                  capture_output=True).returncode == 0:
        return ("unshare", "-n"), {}
    return (), {}


@pytest.fixture(scope="module")
def no_network(tmp_path_factory):
    prefix, _ = _offline_prefix()
    site = tmp_path_factory.mktemp("nonet")
    # belt and braces: even inside the namespace, any socket other than AF_UNIX fails loudly
    (site / "sitecustomize.py").write_text(
        "import socket\n"
        "_real = socket.socket\n"
        "class _NoNet(_real):\n"
        "    def __init__(self, family=-1, *a, **k):\n"
        "        if family not in (socket.AF_UNIX,) and family != -1:\n"
        "            raise OSError('network access attempted in an offline test')\n"
        "        super().__init__(family, *a, **k)\n"
        "socket.socket = _NoNet\n")
    env = {"PYTHONPATH": f"{site}{os.pathsep}{ROOT}", "HF_HUB_OFFLINE": "",
           "VOICE_COACH_PROMPTS": str(Path(__file__).parent / "data" / "prompts")}
    return prefix, env


def test_run_analyze_practice_offline(tmp_path, no_network, paused_answer):
    prefix, env = no_network
    proc = vc("run", str(paused_answer), "--no-speak", "--out", str(tmp_path / "r"),
              env_extra=env, prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    t = tmp_path / "t.txt"
    t.write_text("The member wants to find a show fast. I would build a cache.")
    proc = vc("analyze", str(t), "--json", env_extra=env, prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    proc = vc("practice", "--prompt", "homepage-recommendations", "--simulate-mic",
              str(paused_answer), "--speed", "8", "--no-speak", "--out", str(tmp_path / "p"),
              env_extra=env, prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "p" / "session.json").is_file()


# -- a transcript read aloud: `voice-coach run` gives the interviewer's words back ---------

def test_run_on_a_dialogue_read_aloud_keeps_the_interviewers_words_out(tmp_path, spoken_answer,
                                                                     monkeypatch):
    from voice_coach import pipeline, tts
    from voice_coach.analysis.repair import words_from_text
    from voice_coach.ui import Status
    from voice_coach.values import Word

    heard = ("Interviewer, members say the row is full of stuff they abandoned, the latency "
             "budget is 150 milliseconds and it serves millions. How would you fix it "
             "candidate? Sure. So the member I'm thinking of turns on the TV and has to scroll "
             "past six shows they gave up on to find the one they are watching. Interviewer. "
             "What would you measure? Can today. Plays from the row per member.")
    words = [Word(w.text, w.start_s, w.end_s, 0.95)
             for w in words_from_text(heard)]  # as a recognizer writes it: no turn labels
    monkeypatch.setattr(pipeline, "transcribe_file", lambda *a, **k: (words, words[-1].end_s))
    monkeypatch.setenv("VOICE_COACH_PROMPTS", str(Path(__file__).parent / "data" / "prompts"))
    opt = pipeline.RunOptions(audio=spoken_answer, out_dir=tmp_path / "s", play=False,
                              speak=tts.SpeakOptions(engine="espeak"))
    res = pipeline.run_file(opt, Status(quiet=True))
    s = json.loads((res.session_dir / "session.json").read_text())
    theirs = [x for x in s["sentences"] if x["speaker"]]
    assert theirs and all(x["phase"] == "other" for x in theirs)
    assert any("latency" in x["text"] for x in theirs)
    # the interviewer's latency and scale are context: the candidate stated no constraint
    assert "missing_constraints" in {f["id"] for f in s["flags"]}
