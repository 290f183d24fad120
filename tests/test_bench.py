"""The benchmark script runs end to end and writes the figures it prints (a smoke run on one
short answer: the figures themselves are printed, never asserted; only what is certain,
such as the fixed 3 s rule ending a 6 s pause)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.realtime]


def test_bench_runs_and_writes_its_figures(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--lengths", "12",
                           "--repeats", "1", "--analysis-repeats", "1",
                           "--json", str(out), "--eoa-pauses", "6",
                           "--eoa-complete", "1", "--eoa-paused", "1",
                           # a smoke run: the complete answer at 6x (the figures are
                           # real-time only in `make bench`)
                           "--eoa-complete-speed", "6"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(out.read_text())
    row = figures["lengths"]["12s"]
    assert row["runs"] == 1 and row["words"] > 10
    assert row["end_reasons"] == ["silence"]
    for key in ("ours_median_s", "batch_s", "batch_over_ours", "rtf_batch", "dropped_audio_s"):
        assert key in row
    assert set(row["ours_breakdown_median"]) >= {"analyze_s", "tts_s",
                                                 "parse_while_listening_s"}
    for key in ("model_load_s", "analysis_6000_words_s", "tts_first_audio_s", "peak_rss_mb"):
        assert figures[key] > 0
    assert figures["analysis_6000_words_incremental"]["at_end_s"] > 0
    # the table is printed too
    assert "12s" in proc.stdout and "batch/ours" in proc.stdout
    # end of answer: both rules on the same answers, a 6 s pause and a complete answer
    eoa = figures["end_of_answer"]
    for rule in ("fixed 3 s", "content"):
        assert eoa["pauses"]["6s"][rule]["runs"] == 1
        c = eoa["complete"][rule]
        assert c["runs"] == 1 and c["last_word_to_feedback_median_s"] > 0
    # the fixed rule ends a 6 s pause; it waits at least its 3 s after the last word (a 4 s
    # pause left 1 s to spare, and the fixed rule missed it in two of about eight fresh-clone
    # runs, one on a busy machine)
    assert eoa["pauses"]["6s"]["fixed 3 s"]["cut_off"] == 1
    assert eoa["complete"]["fixed 3 s"]["last_word_to_end_decision_median_s"] >= 3.0
    assert "last word -> feedback" in proc.stdout
