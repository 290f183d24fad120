"""Delivery metrics from word timestamps: pace, fillers, pauses, time per phase."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from voice_coach.values import CANDIDATE, Metrics, Sentence, Word

FILLERS = {"um", "uh", "erm", "er", "uhm", "umm", "uhh", "hmm", "mm", "ah"}
LONG_PAUSE_S = 3.0


def count_fillers(words: Sequence[Word]) -> int:
    return sum(1 for w in words if re.sub(r"[^a-z]", "", w.text.lower()) in FILLERS)


def delivery_metrics(words: Sequence[Word], sentences: Sequence[Sentence],
                     duration_s: float | None = None, estimated: bool = False) -> Metrics:
    total = (duration_s if duration_s is not None else words[-1].end_s) if words else \
        (duration_s or 0.0)
    # only the candidate's delivery: their turns, split where another speaker talks (the
    # interviewer's words are neither pace nor pauses of theirs)
    runs: list[list[Word]] = []
    prev = None
    for w in words:
        if w.speaker == CANDIDATE:
            if prev is None or prev.speaker != CANDIDATE:
                runs.append([])
            runs[-1].append(w)
        prev = w
    words = [w for run in runs for w in run]
    span = sum(max(0.0, run[-1].end_s - run[0].start_s) for run in runs)
    minutes = span / 60.0
    fillers = count_fillers(words)
    pauses = sum(1 for run in runs for a, b in pairwise(run)
                 if b.start_s - a.end_s > LONG_PAUSE_S)
    per_phase: dict[str, float] = {}
    for s in sentences:
        if s.speaker != CANDIDATE:
            continue
        per_phase[s.phase] = round(per_phase.get(s.phase, 0.0) + (s.end_s - s.start_s), 2)
    goal = next((s.start_s for s in sentences if s.phase == "clarify_goal"), None)
    return Metrics(
        duration_s=round(total, 2),
        words=len(words),
        wpm=round(len(words) / minutes, 1) if minutes > 0 else 0.0,
        filler_per_min=round(fillers / minutes, 2) if minutes > 0 else 0.0,
        fillers=fillers,
        long_pauses=pauses,
        phase_durations_s=per_phase,
        time_to_member_goal_s=round(goal, 2) if goal is not None else None,
        timing_estimated=estimated,
    )
