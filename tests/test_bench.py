"""The benchmark script runs end to end and writes the figures it prints (a smoke run on one
short answer: the figures themselves are printed, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_and_writes_its_figures(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--lengths", "12",
                           "--repeats", "1", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
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
