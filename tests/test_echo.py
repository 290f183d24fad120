"""The echo gate: what the microphone hears while the coach speaks, and in a short tail after,
is never taken as the candidate's words (pure logic, a fake clock; the PulseAudio device test
checks it on real streams)."""

from __future__ import annotations

import numpy as np

from voice_coach.live.capture import CaptureOptions, EchoGate, MicrophoneSource


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_gate_closes_while_the_coach_speaks_and_for_the_tail_after():
    clock = Clock()
    gate = EchoGate(tail_s=0.3, clock=clock)
    assert gate.passes(clock.t)  # nobody spoke yet
    gate.speaking()
    clock.t += 2.0
    assert not gate.passes(clock.t)
    gate.spoke()  # at 102.0
    assert not gate.passes(102.0) and not gate.passes(102.29)
    assert gate.passes(102.3)  # the candidate can answer right after the tail


def test_overlapping_playbacks_keep_the_gate_closed_until_the_last_ends():
    clock = Clock()
    gate = EchoGate(tail_s=0.0, clock=clock)
    gate.speaking()
    gate.speaking()  # e.g. a time cue while a repeat is still playing
    gate.spoke()
    assert not gate.passes(clock.t + 1)
    gate.spoke()
    assert gate.passes(clock.t)


def test_capture_drops_blocks_that_began_inside_the_tail():
    clock = Clock()
    gate = EchoGate(tail_s=0.3, clock=clock)
    src = MicrophoneSource(CaptureOptions(rate_hz=48000), stream_factory=lambda **kw: None,
                           gate=gate)
    block = np.full((1440, 1), 1000, np.int16)  # 30 ms at 48 kHz
    gate.speaking()
    src._callback(block, 1440, None, None)  # the coach's own voice
    gate.spoke()  # at 100.0: quiet from 100.3
    clock.t = 100.31  # this block began at 100.28: partly inside the tail
    src._callback(block, 1440, None, None)
    clock.t = 100.34  # began at 100.31: after the tail
    src._callback(block, 1440, None, None)
    assert src.echo_blocks == 2
    chunk = src.read(0)
    assert chunk is not None and not hasattr(chunk, "kind")
    assert src.read(0) is None  # only the block after the tail was kept
