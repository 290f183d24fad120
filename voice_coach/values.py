"""Typed values passed between stages. Units are in the names (``_s`` seconds, ``_hz``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE_HZ = 16000  # what webrtcvad and whisper both take


@dataclass(frozen=True)
class AudioChunk:
    """A slice of mono 16-bit PCM. ``start_s`` is its position in the stream."""

    rate_hz: int
    pcm: bytes
    start_s: float = 0.0

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.rate_hz


@dataclass(frozen=True)
class Utterance:
    """Speech between two pauses, as found by the endpointer (16 kHz mono int16 PCM)."""

    start_s: float
    end_s: float
    pcm: bytes

    def samples(self) -> np.ndarray:
        """float32 in [-1, 1], what faster-whisper takes."""
        return np.frombuffer(self.pcm, dtype=np.int16).astype(np.float32) / 32768.0


# Who said a word or sentence: "" is the candidate being coached; any other value names
# another speaker (the interviewer in a transcript, the coach's own reply in practice), whose
# words are context: shown, never credited to the candidate.
CANDIDATE = ""


@dataclass(frozen=True)
class Word:
    text: str
    start_s: float
    end_s: float
    prob: float = 1.0
    speaker: str = CANDIDATE


@dataclass(frozen=True)
class Sentence:
    text: str
    phase: str
    start_s: float
    end_s: float
    speaker: str = CANDIDATE


@dataclass(frozen=True)
class Evidence:
    quote: str
    start_s: float


@dataclass(frozen=True)
class Flag:
    id: str
    severity: str
    evidence: Evidence
    advice: str
    prompted: bool = False


@dataclass(frozen=True)
class Claim:
    """One rubric element the candidate asserted, with its evidence: ``kind`` is member_goal,
    success_metric, guardrail, scope, constraint (``detail``: latency, reliability, scale or
    learning), tradeoff, failure_mode, validation or first_version_part (``detail``: the part);
    ``quote`` is the sentence that states it and ``cue`` the words that carry it."""

    kind: str
    quote: str
    cue: str
    start_s: float
    detail: str = ""


@dataclass
class Metrics:
    duration_s: float
    words: int
    wpm: float
    filler_per_min: float
    fillers: int
    long_pauses: int
    phase_durations_s: dict[str, float] = field(default_factory=dict)
    time_to_member_goal_s: float | None = None
    timing_estimated: bool = False


@dataclass
class Analysis:
    sentences: list[Sentence]
    flags: list[Flag]
    strengths: list[str]
    metrics: Metrics
    claims: list[Claim] = field(default_factory=list)
