"""Shared fixtures. Audio for tests is synthesized at test time with espeak-ng (no files to
ship), and the shared corpus beside the project is used when present, skipped otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VOICE_COACH_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

from voice_coach.audio.io import write_wav_atomic  # noqa: E402

ANSWER_TEXT = (
    "Let me start with the member. A member opens Netflix on the TV and scrolls for minutes "
    "without finding anything to watch, so they give up. The success metric is the share of "
    "visits that lead to a play, and the guardrail is that cancellations must not go up. "
    "For the first version, I would start with only the top row on TV in one market. "
    "The constraints are latency under two hundred milliseconds and scale at peak traffic. "
    "The design is a small ranker over the existing candidates, precomputed overnight. "
    "The trade-off is that overnight results are less fresh, which I accept to stay fast. "
    "If the ranker fails, we fall back to the current row. "
    "To validate it, I would run an A B test on one percent of members and roll back if "
    "plays drop in the first week."
)


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared material {p} is absent (a user's clone has no ../shared)")
    return p


def espeak_to_wav(text: str, out: Path, voice: str = "en-us", rate: int = 160) -> Path:
    exe = shutil.which("espeak-ng")
    if not exe:
        pytest.fail("espeak-ng is missing: `make install` installs it")
    subprocess.run([exe, "-v", voice, "-s", str(rate), "-w", str(out), text], check=True,
                   capture_output=True)
    return out


def silence_pcm(seconds: float, rate: int = 16000) -> bytes:
    return np.zeros(int(seconds * rate), dtype=np.int16).tobytes()


@pytest.fixture(scope="session")
def jfk() -> Path:
    return shared_path("audio", "jfk.flac")


@pytest.fixture(scope="session")
def spoken_answer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole answer spoken by espeak-ng (22 kHz WAV, as espeak writes it)."""
    out = tmp_path_factory.mktemp("speech") / "answer.wav"
    return espeak_to_wav(ANSWER_TEXT, out)


@pytest.fixture(scope="session")
def silence_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("silence") / "silence.wav"
    write_wav_atomic(out, silence_pcm(5.0))
    return out


@pytest.fixture(scope="session")
def transcriber():
    from voice_coach.asr import FasterWhisperTranscriber

    return FasterWhisperTranscriber()


@pytest.fixture(scope="session")
def analyzer():
    from voice_coach.analysis.analyzer import Analyzer

    return Analyzer()
