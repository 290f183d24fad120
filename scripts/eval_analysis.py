#!/usr/bin/env python3
"""Evaluate the analyzer against a labeled corpus: per-flag precision/recall/F1, macro-F1 and
sentence phase accuracy.

    python scripts/eval_analysis.py ../shared/corpus/answers [--verbose]

Phase accuracy aligns our sentences to the labeled ones by character overlap (our splits may
differ from the labeller's): each labeled sentence takes the phase of the analyzed sentence
that covers most of its characters.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice_coach.analysis.analyzer import Analyzer, flag_vector  # noqa: E402
from voice_coach.analysis.rules import CORE_FLAGS  # noqa: E402


def phase_hits(labeled: list[dict], analysis) -> tuple[int, int, list[tuple[str, str, str]]]:
    """(correct, total, mistakes) by character overlap in the normalised text."""
    ours = []
    pos = 0
    text = " ".join(s.text for s in analysis.sentences)
    for s in analysis.sentences:
        start = text.find(s.text, pos)
        ours.append((start, start + len(s.text), s.phase))
        pos = start + len(s.text)
    correct, mistakes = 0, []
    lpos = 0
    ltext = " ".join(s["text"] for s in labeled)
    for s in labeled:
        a = ltext.find(s["text"], lpos)
        b = a + len(s["text"])
        lpos = b
        best, best_ov = "other", -1
        for o0, o1, ph in ours:
            ov = min(b, o1) - max(a, o0)
            if ov > best_ov:
                best, best_ov = ph, ov
        if best == s["phase"]:
            correct += 1
        else:
            mistakes.append((s["phase"], best, s["text"]))
    return correct, len(labeled), mistakes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.json"))
    if not files:
        print(f"no *.json answers in {args.corpus}", file=sys.stderr)
        return 2
    analyzer = Analyzer()
    tp = dict.fromkeys(CORE_FLAGS, 0)
    fp = dict.fromkeys(CORE_FLAGS, 0)
    fn = dict.fromkeys(CORE_FLAGS, 0)
    ph_ok = ph_n = 0
    for f in files:
        d = json.loads(f.read_text())
        a = analyzer.analyze_text(d["text"])
        got = flag_vector(a)
        for k in CORE_FLAGS:
            want = bool(d["flags"][k])
            tp[k] += got[k] and want
            fp[k] += got[k] and not want
            fn[k] += want and not got[k]
            if args.verbose and got[k] != want:
                print(f"  {f.stem} {k}: got {got[k]} want {want}")
        c, n, mistakes = phase_hits(d["sentences"], a)
        ph_ok += c
        ph_n += n
        if args.verbose:
            for want, gotp, text in mistakes:
                print(f"  {f.stem} phase {want} -> {gotp}: {text[:110]}")
    print(f"{'flag':26s} {'P':>5s} {'R':>5s} {'F1':>5s}  tp fp fn")
    f1s = {}
    for k in CORE_FLAGS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s[k] = f1
        print(f"{k:26s} {p:5.2f} {r:5.2f} {f1:5.2f}  {tp[k]:2d} {fp[k]:2d} {fn[k]:2d}")
    macro = sum(f1s.values()) / len(f1s)
    acc = ph_ok / ph_n if ph_n else 0.0
    print(f"macro-F1 {macro:.3f}   phase accuracy {acc:.3f} ({ph_ok}/{ph_n} sentences, "
          f"{len(files)} answers)")
    if args.json:
        args.json.write_text(json.dumps({"macro_f1": macro, "phase_accuracy": acc,
                                         "per_flag_f1": f1s}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
