"""Decoding any audio file to 16 kHz mono, and writing WAV files atomically."""

from __future__ import annotations

import logging
import os
import tempfile
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from voice_coach.errors import BadInputError, OutputError
from voice_coach.values import SAMPLE_RATE_HZ, AudioChunk

log = logging.getLogger(__name__)

CHUNK_S = 0.5  # decoded audio is yielded in half-second chunks

# mkstemp creates files 0600; session files should get the user's usual permissions
_UMASK = os.umask(0)
os.umask(_UMASK)


def _check_readable(path: Path) -> None:
    path = Path(path)
    if not path.exists():
        raise BadInputError(f"{path}: no such file. Check the path and try again.")
    if path.is_dir():
        raise BadInputError(f"{path}: is a folder, not an audio file.")
    if path.stat().st_size == 0:
        raise BadInputError(f"{path}: the file is empty (0 bytes). Record the answer again.")
    if not os.access(path, os.R_OK):
        raise BadInputError(f"{path}: not readable (permission denied).")


def iter_file_chunks(path: Path, chunk_s: float = CHUNK_S) -> Iterator[AudioChunk]:
    """Decode ``path`` with PyAV (anything ffmpeg reads) and yield 16 kHz mono int16 chunks.

    Streams: memory stays bounded whatever the file's length. Raises BadInputError with
    one line when the file cannot be decoded.
    """
    import av  # PyAV ships with faster-whisper

    path = Path(path)
    _check_readable(path)
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, OSError) as exc:
        raise BadInputError(
            f"{path}: not an audio file ffmpeg can decode ({_short(exc)}). "
            "Use wav, flac, mp3, m4a or ogg."
        ) from None
    per_chunk = int(chunk_s * SAMPLE_RATE_HZ)
    buf = bytearray()
    emitted = 0
    try:
        if not container.streams.audio:
            raise BadInputError(f"{path}: the file has no audio stream.")
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE_HZ)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    buf += out.to_ndarray().tobytes()
                while len(buf) >= per_chunk * 2:
                    pcm = bytes(buf[: per_chunk * 2])
                    del buf[: per_chunk * 2]
                    yield AudioChunk(SAMPLE_RATE_HZ, pcm, emitted / SAMPLE_RATE_HZ)
                    emitted += per_chunk
            for out in resampler.resample(None):
                buf += out.to_ndarray().tobytes()
        except av.error.FFmpegError as exc:
            # A truncated or corrupt file: keep what decoded, unless nothing did.
            if emitted == 0 and not buf:
                raise BadInputError(
                    f"{path}: the audio could not be decoded ({_short(exc)}). "
                    "The file may be truncated or corrupt."
                ) from None
            log.warning("%s: decoding stopped early (%s); using the first %.1f s",
                        path, _short(exc), (emitted + len(buf) / 2) / SAMPLE_RATE_HZ)
    finally:
        container.close()
    if buf:
        yield AudioChunk(SAMPLE_RATE_HZ, bytes(buf), emitted / SAMPLE_RATE_HZ)
        emitted += len(buf) // 2
    if emitted == 0:
        raise BadInputError(f"{path}: the file holds no audio samples.")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def pcm_to_float(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0


def float_to_pcm(samples: np.ndarray) -> bytes:
    clipped = np.clip(samples, -1.0, 1.0)
    return (clipped * 32767.0).astype(np.int16).tobytes()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: never half a file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o666 & ~_UMASK)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        # shared by run (--out), export (--vtt/--srt) and report (--html): so no flag is named
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}. "
                          "Choose a writable folder (and check the disk is not full).") from None


def wav_bytes(pcm: bytes, rate_hz: int = SAMPLE_RATE_HZ, channels: int = 1) -> bytes:
    import io

    bio = io.BytesIO()
    with wave.open(bio, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate_hz)
        w.writeframes(pcm)
    return bio.getvalue()


def write_wav_atomic(path: Path, pcm: bytes, rate_hz: int = SAMPLE_RATE_HZ) -> None:
    atomic_write_bytes(path, wav_bytes(pcm, rate_hz))


def read_wav(path: Path) -> tuple[bytes, int]:
    """Read a 16-bit PCM WAV we wrote ourselves (mono or mixed to mono)."""
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        channels = w.getnchannels()
        width = w.getsampwidth()
        data = w.readframes(w.getnframes())
    if width != 2:
        raise BadInputError(f"{path}: expected 16-bit PCM WAV, got {8 * width}-bit.")
    if channels > 1:
        arr = np.frombuffer(data, dtype=np.int16).reshape(-1, channels).mean(axis=1)
        data = arr.astype(np.int16).tobytes()
    return data, rate


def probe_duration_s(path: Path) -> float | None:
    """The container's declared duration, for progress display; None when unknown."""
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as c:
            if c.duration:
                return float(c.duration) / 1_000_000
            if c.streams.audio:
                s = c.streams.audio[0]
                if s.duration is not None and s.time_base is not None:
                    return float(s.duration * s.time_base)
    except (av.error.FFmpegError, OSError, UnicodeDecodeError):
        return None
    return None
