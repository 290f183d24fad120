"""Voice activity detection and the endpointer (chunks -> utterances).

The endpointer is pure: it consumes AudioChunk values and yields Utterance values, with no
threads and no devices, so the file source, the microphone and the simulated microphone all
go through the same code, and tests drive it with synthetic PCM.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from voice_coach.errors import MissingComponentError
from voice_coach.values import SAMPLE_RATE_HZ, AudioChunk, Utterance


class VoiceDetector(Protocol):
    """Says whether one 10/20/30 ms frame of 16 kHz int16 mono PCM holds speech."""

    def is_speech(self, frame: bytes) -> bool: ...


class WebRtcVoiceDetector:
    def __init__(self, aggressiveness: int = 2) -> None:
        try:
            import webrtcvad
        except ImportError:
            raise MissingComponentError(
                "webrtcvad is not installed: run `make install` (package webrtcvad-wheels)."
            ) from None
        self._vad = webrtcvad.Vad(aggressiveness)

    def is_speech(self, frame: bytes) -> bool:
        return bool(self._vad.is_speech(frame, SAMPLE_RATE_HZ))


@dataclass(frozen=True)
class EndpointOptions:
    frame_ms: int = 30
    start_window_ms: int = 300  # speech starts when most of this window is voiced
    start_ratio: float = 0.7
    utterance_gap_s: float = 0.6  # this much silence closes an utterance
    pad_s: float = 0.15  # silence kept either side of an utterance for the recognizer
    min_voiced_s: float = 0.25  # shorter blips (clicks, breaths) are dropped
    max_utterance_s: float = 25.0  # whisper's window is 30 s; split long runs before it
    aggressiveness: int = 2


class Endpointer:
    """Stateful frame machine; feed chunks, get finished utterances.

    ``trailing_silence_s`` tells a caller how long the speaker has been quiet, which is how
    the practice loop decides the whole answer is over.
    """

    def __init__(self, options: EndpointOptions | None = None,
                 detector: VoiceDetector | None = None) -> None:
        self.opt = options or EndpointOptions()
        self.detector = detector or WebRtcVoiceDetector(self.opt.aggressiveness)
        self.frame_bytes = SAMPLE_RATE_HZ * self.opt.frame_ms // 1000 * 2
        self.frame_s = self.opt.frame_ms / 1000
        self._pending = bytearray()
        self._pos_frames = 0  # frames consumed so far
        n_start = max(1, int(self.opt.start_window_ms / self.opt.frame_ms))
        self._ring: collections.deque[tuple[bytes, bool]] = collections.deque(maxlen=n_start)
        self._active: list[tuple[bytes, bool]] | None = None
        self._active_start_frame = 0
        self._unvoiced_run = 0
        self._silent_frames = 0  # frames since the last voiced frame (for end of answer)
        self.heard_speech = False

    @property
    def trailing_silence_s(self) -> float:
        return self._silent_frames * self.frame_s

    @property
    def position_s(self) -> float:
        return self._pos_frames * self.frame_s

    @property
    def in_utterance(self) -> bool:
        return self._active is not None

    @property
    def unvoiced_run_s(self) -> float:
        """Silence at the end of the utterance under way (0 when none is)."""
        return self._unvoiced_run * self.frame_s if self._active is not None else 0.0

    def peek(self) -> Utterance | None:
        """The utterance under way as it will close if no more speech comes (the same
        frames, so the same Utterance), for an early transcription; None when nothing is
        under way or too little of it is voiced."""
        if self._active is None:
            return None
        keep = len(self._active) - self._unvoiced_run + int(self.opt.pad_s / self.frame_s)
        return self._build(self._active[:keep], self._active_start_frame)

    def feed(self, chunk: AudioChunk) -> Iterator[Utterance]:
        if chunk.rate_hz != SAMPLE_RATE_HZ:
            raise ValueError(f"endpointer takes {SAMPLE_RATE_HZ} Hz audio, got {chunk.rate_hz}")
        self._pending += chunk.pcm
        while len(self._pending) >= self.frame_bytes:
            frame = bytes(self._pending[: self.frame_bytes])
            del self._pending[: self.frame_bytes]
            utt = self._frame(frame)
            if utt is not None:
                yield utt

    def flush(self) -> Iterator[Utterance]:
        """End of stream: close any utterance in progress."""
        if self._active is not None:
            utt = self._close(len(self._active))
            if utt is not None:
                yield utt

    def _frame(self, frame: bytes) -> Utterance | None:
        voiced = self.detector.is_speech(frame)
        self._pos_frames += 1
        self._silent_frames = 0 if voiced else self._silent_frames + 1
        if self._active is None:
            self._ring.append((frame, voiced))
            n_voiced = sum(v for _, v in self._ring)
            if len(self._ring) == self._ring.maxlen and n_voiced >= self.opt.start_ratio * len(
                self._ring
            ):
                # the ring holds the lead-in (start window), so the first syllable is kept
                self._active = list(self._ring)
                self._active_start_frame = self._pos_frames - len(self._ring)
                self._ring.clear()
                self._unvoiced_run = 0
            return None
        self._active.append((frame, voiced))
        self._unvoiced_run = 0 if voiced else self._unvoiced_run + 1
        gap_frames = int(self.opt.utterance_gap_s / self.frame_s)
        if self._unvoiced_run >= gap_frames:
            keep = len(self._active) - self._unvoiced_run + int(self.opt.pad_s / self.frame_s)
            return self._close(keep)
        if len(self._active) * self.frame_s >= self.opt.max_utterance_s:
            return self._close(len(self._active))
        return None

    def _close(self, keep_frames: int) -> Utterance | None:
        assert self._active is not None
        frames = self._active[:keep_frames]
        start_frame = self._active_start_frame
        self._active = None
        self._unvoiced_run = 0
        utt = self._build(frames, start_frame)
        if utt is not None:
            self.heard_speech = True
        return utt

    def _build(self, frames: list[tuple[bytes, bool]], start_frame: int) -> Utterance | None:
        voiced_s = sum(v for _, v in frames) * self.frame_s
        if voiced_s < self.opt.min_voiced_s:
            return None
        pcm = b"".join(f for f, _ in frames)
        start_s = start_frame * self.frame_s
        return Utterance(start_s=start_s, end_s=start_s + len(frames) * self.frame_s, pcm=pcm)


def utterances(chunks: Iterable[AudioChunk], endpointer: Endpointer | None = None
               ) -> Iterator[Utterance]:
    """The endpointer as a generator: chunks in, utterances out."""
    ep = endpointer or Endpointer()
    for chunk in chunks:
        yield from ep.feed(chunk)
    yield from ep.flush()
