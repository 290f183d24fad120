#!/usr/bin/env python3
"""Score the analyzer on the challenge batteries: short passages, each labelled for one flag
(tests/data/battery, README there). Prints, per battery and split, accuracy and the flag's
precision / recall / F1.

    python scripts/eval_battery.py [--split tune|aside|all] [--battery mg,ob] [--verbose]

--verbose lists the tuned items the analyzer gets wrong (never the held-out ones: their
texts stay unread while rules change).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.analyzer import Analyzer, flag_vector  # noqa: E402

BATTERY = ROOT / "tests" / "data" / "battery"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, got: bool, want: bool) -> None:
        if got and want:
            self.tp += 1
        elif got:
            self.fp += 1
        elif want:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def accuracy(self) -> float:
        return (self.tp + self.tn) / max(1, self.n)

    def f1(self) -> float:
        return 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)

    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)


def load(folder: Path = BATTERY) -> dict[str, tuple[str, frozenset[str], list[dict]]]:
    """battery name -> (its flag, the held-out ids, its items)."""
    spec = tomllib.loads((folder / "batteries.toml").read_text())
    out = {}
    for name, entry in spec.items():
        items = [json.loads(line) for line in (folder / f"{name}.jsonl").read_text().splitlines()
                 if line.strip()]
        out[name] = (entry["flag"], frozenset(entry["aside"]), items)
    return out


def score(analyzer: Analyzer, flag: str, items: list[dict]) -> tuple[Score, list[dict]]:
    """The flag's score over the items, and the items it gets wrong."""
    s, wrong = Score(), []
    for it in items:
        got = flag_vector(analyzer.analyze_text(it["text"]))[flag]
        s.add(got, bool(it["label"]))
        if got != bool(it["label"]):
            wrong.append(it)
    return s, wrong


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("tune", "aside", "all"), default="all")
    ap.add_argument("--battery", default="", help="comma-separated names (default: all)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    batteries = load()
    wanted = [b for b in args.battery.split(",") if b] or list(batteries)
    unknown = [b for b in wanted if b not in batteries]
    if unknown:
        print(f"error: no battery {', '.join(unknown)} (have {', '.join(batteries)})",
              file=sys.stderr)
        return 2
    analyzer = Analyzer()
    splits = ("tune", "aside") if args.split == "all" else (args.split,)
    print(f"{'battery':8s} {'flag':26s} {'split':6s} {'n':>4s} {'acc':>6s} {'P':>5s} {'R':>5s} "
          f"{'F1':>5s}")
    for name in wanted:
        flag, aside, items = batteries[name]
        for split in splits:
            part = [it for it in items if (it["id"] in aside) == (split == "aside")]
            print(f"  scoring {name} {split} ({len(part)} items)", file=sys.stderr)
            s, wrong = score(analyzer, flag, part)
            print(f"{name:8s} {flag:26s} {split:6s} {s.n:4d} {s.accuracy():6.3f} "
                  f"{s.precision():5.2f} {s.recall():5.2f} {s.f1():5.2f}")
            if args.verbose and split == "tune":
                for it in wrong:
                    print(f"    wrong {it['id']} (label {it['label']}, {it['format']}): "
                          f"{it['shape']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
