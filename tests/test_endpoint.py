"""The endpointer on synthetic PCM (pure logic: an energy detector stands in for webrtcvad),
and once with webrtcvad on real synthesized speech."""

from __future__ import annotations

import numpy as np

from voice_coach.audio.vad import Endpointer, EndpointOptions, utterances
from voice_coach.values import AudioChunk

RATE = 16000


class EnergyDetector:
    def is_speech(self, frame: bytes) -> bool:
        return float(np.abs(np.frombuffer(frame, dtype=np.int16)).mean()) > 500


def tone(seconds: float) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16).tobytes()


def quiet(seconds: float) -> bytes:
    return np.zeros(int(seconds * RATE), dtype=np.int16).tobytes()


def chunks(pcm: bytes, chunk_s: float = 0.1):
    step = int(chunk_s * RATE) * 2
    for i in range(0, len(pcm), step):
        yield AudioChunk(RATE, pcm[i:i + step], i / 2 / RATE)


def run(pcm: bytes, **opt):
    ep = Endpointer(EndpointOptions(**opt), detector=EnergyDetector())
    return list(utterances(chunks(pcm), ep)), ep


def test_silence_gives_no_utterance():
    utts, ep = run(quiet(5))
    assert utts == []
    assert not ep.heard_speech
    assert ep.trailing_silence_s >= 4.9


def test_two_bursts_split_on_pause_with_times():
    utts, _ = run(quiet(1) + tone(2) + quiet(1) + tone(1.5) + quiet(1))
    assert len(utts) == 2
    assert abs(utts[0].start_s - 1.0) < 0.35
    assert abs(utts[0].end_s - 3.0) < 0.35
    assert abs(utts[1].start_s - 4.0) < 0.35


def test_short_gap_does_not_split():
    utts, _ = run(quiet(0.5) + tone(1) + quiet(0.3) + tone(1) + quiet(1))
    assert len(utts) == 1


def test_click_is_dropped():
    utts, _ = run(quiet(1) + tone(0.12) + quiet(2))
    assert utts == []


def test_long_speech_is_split_below_max():
    utts, _ = run(tone(12) + quiet(1), max_utterance_s=5.0)
    assert len(utts) >= 3
    assert all(u.end_s - u.start_s <= 5.05 for u in utts)


def test_stream_ending_mid_speech_flushes():
    utts, _ = run(quiet(0.5) + tone(2))
    assert len(utts) == 1


def test_trailing_silence_tracks_quiet_time():
    ep = Endpointer(EndpointOptions(), detector=EnergyDetector())
    for c in chunks(tone(1) + quiet(2)):
        list(ep.feed(c))
    assert 1.8 <= ep.trailing_silence_s <= 2.1


def test_webrtcvad_on_real_speech(spoken_answer):
    from voice_coach.audio.io import iter_file_chunks

    utts = list(utterances(iter_file_chunks(spoken_answer)))
    # espeak's pauses between sentences are shorter than the utterance gap, so the answer
    # comes out as long utterances capped below whisper's 30 s window
    assert len(utts) >= 2
    assert all(u.end_s - u.start_s <= 25.05 for u in utts)
    assert sum(u.end_s - u.start_s for u in utts) > 20
