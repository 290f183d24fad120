"""Barge-in while the coach speaks: speech the played reference cannot explain.

While the coach plays a probe or the feedback and the candidate may still go on with the
answer, the microphone stays open. It hears the coach too (speakers, the room), so a plain
voice detector would take the coach's voice for the candidate's. This detector knows what
is being played: for each 30 ms microphone frame it predicts the loudest echo the played
audio could cause (the reference's level over the last ``max_lag_s``, times the coupling
from speaker to microphone, learned over the first moments of playback) and counts the frame
as the candidate's speech only if the voice detector says speech *and* the frame is clearly
louder than that prediction. Pure: no devices, driven by frame order; tests use synthetic
signals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voice_coach.audio.vad import VoiceDetector


@dataclass(frozen=True)
class EchoOptions:
    frame_ms: int = 30
    max_lag_s: float = 0.4  # output + input latency and the room's tail
    learn_s: float = 0.5  # the coupling is learned over this much of the start of playback
    margin: float = 2.0  # speech must be this many times (6 dB) louder than the echo
    min_coupling: float = 0.02  # a floor, so a silent start does not make every frame speech
    floor_rms: float = 200.0  # below this a frame is quiet whatever the detector says


def frame_rms(pcm: bytes) -> float:
    x = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
    return float(np.sqrt(np.mean(x * x))) if len(x) else 0.0


class EchoAwareDetector:
    """A VoiceDetector that ignores what the played reference explains.

    ``play(reference_pcm, start_frame)`` says that from frame ``start_frame`` on (counted in
    calls to ``is_speech``) the microphone may hear ``reference_pcm`` (16 kHz mono int16).
    """

    def __init__(self, inner: VoiceDetector, options: EchoOptions | None = None) -> None:
        self.inner = inner
        self.opt = options or EchoOptions()
        self.frame = 0  # frames seen so far
        self._env: np.ndarray | None = None  # per-frame predicted echo level (reference)
        self._start = 0
        self._coupling = self.opt.min_coupling
        self._ratios: list[float] = []
        self._learn_frames = int(self.opt.learn_s * 1000 / self.opt.frame_ms)

    def play(self, reference_pcm: bytes, start_frame: int) -> None:
        n = 16 * self.opt.frame_ms  # samples per frame at 16 kHz
        x = np.frombuffer(reference_pcm, dtype=np.int16).astype(np.float32)
        frames = len(x) // n
        rms = np.sqrt(np.mean(x[: frames * n].reshape(frames, n) ** 2, axis=1)) \
            if frames else np.zeros(0, np.float32)
        lag = max(1, int(self.opt.max_lag_s * 1000 / self.opt.frame_ms))
        # the loudest the reference was within the lag window before each frame (and the
        # tail after it ends)
        padded = np.concatenate([rms, np.zeros(lag, np.float32)])
        env = np.array([padded[max(0, i - lag):i + 1].max() for i in range(len(padded))])
        self._env = env
        self._start = start_frame
        self._coupling = self.opt.min_coupling
        self._ratios = []

    def stop(self) -> None:
        self._env = None

    def is_speech(self, frame: bytes) -> bool:
        i = self.frame
        self.frame += 1
        voiced = self.inner.is_speech(frame)
        env = self._env
        k = i - self._start
        if env is None or k < 0 or k >= len(env):
            return voiced
        level = frame_rms(frame)
        echo = float(env[k])
        if k < self._learn_frames:
            # the start of playback teaches how loud the coach is at the microphone; the
            # candidate is not expected to talk over its first half second
            if echo > self.opt.floor_rms:
                # the median: robust to a frame where the envelope and the echo misalign
                self._ratios.append(level / echo)
                self._coupling = max(self.opt.min_coupling, float(np.median(self._ratios)))
            return False
        if level < self.opt.floor_rms:
            return False
        return voiced and level > self.opt.margin * self._coupling * echo
