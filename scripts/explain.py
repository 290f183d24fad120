#!/usr/bin/env python3
"""Show how the analyzer reads a transcript: each sentence with its phase and cue scores.

    python scripts/explain.py TRANSCRIPT.txt      (or - for stdin)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice_coach.analysis.analyzer import Analyzer
from voice_coach.analysis.repair import repair_words, words_from_text


def main() -> int:
    src = sys.argv[1] if len(sys.argv) > 1 else "-"
    text = sys.stdin.read() if src == "-" else Path(src).read_text()
    an = Analyzer()
    words = repair_words(words_from_text(text), an.repairs)
    infos = an.explain(words)
    for s in infos:
        ranked = sorted(s.scores.items(), key=lambda kv: -kv[1])
        scores = " ".join(f"{k}={v:.1f}" for k, v in ranked)
        sig = " ".join(sorted(s.signals))
        print(f"{s.phase:13s} | {s.span.text[:100]}\n{'':13s} | {scores} || {sig}")
    a = an.analyze(words_from_text(text), estimated=True)
    print("flags:", [f.id for f in a.flags])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
