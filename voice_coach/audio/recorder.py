"""Crash-safe WAV recording: the header is written first, samples are appended and flushed as
they arrive, and the header is patched on close. If the process dies, ``repair_wav`` fixes the
header from the file size, so at most the unflushed tail is lost."""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

from voice_coach.errors import OutputError
from voice_coach.values import SAMPLE_RATE_HZ

HEADER_BYTES = 44


def _header(data_bytes: int, rate_hz: int, channels: int = 1) -> bytes:
    byte_rate = rate_hz * channels * 2
    return b"".join([
        b"RIFF", struct.pack("<I", 36 + data_bytes), b"WAVE",
        b"fmt ", struct.pack("<IHHIIHH", 16, 1, channels, rate_hz, byte_rate, channels * 2, 16),
        b"data", struct.pack("<I", data_bytes),
    ])


class WavRecorder:
    def __init__(self, path: Path, rate_hz: int = SAMPLE_RATE_HZ, flush_every_s: float = 1.0
                 ) -> None:
        self.path = Path(path)
        self.rate_hz = rate_hz
        self.flush_every_s = flush_every_s
        self.data_bytes = 0
        try:
            self._fh = open(self.path, "wb")
            self._fh.write(_header(0, rate_hz))
        except OSError as exc:
            raise OutputError(f"cannot record to {self.path}: {exc.strerror}. "
                              "Choose a writable folder with --out.") from None
        self._last_flush = time.monotonic()

    def write(self, pcm: bytes) -> None:
        try:
            self._fh.write(pcm)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror} (disk full?)") from None
        self.data_bytes += len(pcm)
        now = time.monotonic()
        if now - self._last_flush >= self.flush_every_s:
            self.flush()
            self._last_flush = now

    def flush(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh.closed:
            return
        self._fh.seek(0)
        self._fh.write(_header(self.data_bytes, self.rate_hz))
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()

    def __enter__(self) -> WavRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def repair_wav(path: Path, rate_hz: int = SAMPLE_RATE_HZ) -> float:
    """Rewrite the header of a recording cut off mid-way; returns its duration in seconds."""
    size = Path(path).stat().st_size
    data = max(0, size - HEADER_BYTES)
    data -= data % 2
    with open(path, "r+b") as fh:
        fh.write(_header(data, rate_hz))
        fh.truncate(HEADER_BYTES + data)
    return data / 2 / rate_hz
