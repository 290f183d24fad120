"""Judgement on whole labelled answers: the flags the analyzer raises on the answer sets held
in this repository, against their labels. Floors a little below today's figures, so a rule
change that loses judgement on answers it was not written for fails here. The figures
themselves come from scripts/eval_analysis.py (README, "How well it works")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomllib

from voice_coach.analysis.analyzer import Analyzer, flag_vector
from voice_coach.analysis.rules import CORE_FLAGS

DATA = Path(__file__).parent / "data"


def macro_f1(analyzer: Analyzer, folder: Path) -> tuple[float, dict[str, float]]:
    tp = dict.fromkeys(CORE_FLAGS, 0)
    fp = dict.fromkeys(CORE_FLAGS, 0)
    fn = dict.fromkeys(CORE_FLAGS, 0)
    for f in sorted(folder.glob("*.json")):
        d = json.loads(f.read_text())
        got = flag_vector(analyzer.analyze_text(d["text"]))
        for k in CORE_FLAGS:
            want = bool(d["flags"][k])
            tp[k] += got[k] and want
            fp[k] += got[k] and not want
            fn[k] += want and not got[k]
    f1 = {k: 2 * tp[k] / max(1, 2 * tp[k] + fp[k] + fn[k]) for k in CORE_FLAGS}
    return sum(f1.values()) / len(f1), f1


# (set, macro-F1 floor): heldout was written with the first rules; unseen was never tuned on;
# probe, probe2 and probe3 were written blind to the code in domains the corpus does not use
# (half of each tuned on); probe4 likewise, all of it held out; probe5 half held out (its held-
# out half scores lowest of the older sets: 0.60 on arrival); probe6 half held out (all 30: 0.74
# on arrival); probe7 half held out (all 30: 0.745 on arrival); probe8 half held out (all 30:
# 0.719 on arrival); probe9 half held out (all 30: 0.630 on arrival, 0.729 after a pass on the
# odd half); probe10 half held out (all 30: 0.711 on arrival, 0.812 after a pass on the odd
# half); probe11 half held out (all 30: 0.691 on arrival, 0.713 after a pass on the odd half);
# probe12 half held out (all 30: 0.701 on arrival, 0.789 after a pass on the odd half); probe13
# half held out (all 30: 0.780 on arrival, 0.852 after a pass on the odd half); probe14 half
# held out (all 30: 0.768 on arrival, 0.849 after a pass on the odd half); probe15 half held
# out (all 30: 0.714 on arrival, 0.794 after a pass on the odd half); probe16 all held out and
# never read (0.775 on arrival, measured once after the fifteenth pass; 0.761 with the code
# before it; 0.766 after the sixteenth; 0.772 after the seventeenth; 0.775 after the
# eighteenth; 0.774 after the nineteenth and the twentieth; 0.770 after the twenty-first and
# the twenty-second; 0.776 after the twenty-third);
# probe17 and probe18 half held out (all 30: 0.746 and 0.735 on arrival, 0.812 and 0.781 after
# the twentieth pass on their odd halves); probe19 half held out (all 30: 0.731 on arrival,
# 0.819 after the twenty-first pass on its odd half); probe20 half held out (all 30: 0.768 on
# arrival, 0.813 after the twenty-second pass on its odd half, 0.821 after the twenty-third);
# probe21 half held out (all 30: 0.704 on arrival, 0.791 after the twenty-third pass on its odd
# half); probe22 half held out, the halves its two writers (all 30: 0.749 on arrival, 0.804
# after the twenty-fourth pass on its odd half); probe23 the same (all 30: 0.746 on arrival,
# 0.792 after the twenty-fifth pass on its odd half); probe24 the same (all 30: 0.764 on arrival,
# 0.820 after the twenty-sixth pass on its odd half); probe25 the same (all 30: 0.680 on arrival,
# 0.735 after the twenty-seventh pass on its odd half); probe26 the same, about consumer tech
# products (all 30: 0.750 on arrival, 0.828 after the twenty-eighth pass on its odd half);
# probe27 the same, other products (all 30: 0.738 on arrival, 0.786 after the twenty-ninth pass
# on its odd half). Each
# floor sits a little under the set's
# score (whole sets at the twenty-second pass:
# unseen 0.905, probe 0.875, probe2 0.910, probe3 0.874, probe4 0.869, probe5 0.857, probe6
# 0.902, probe7 0.868, probe8 0.881, probe9 0.766, probe10 0.862, probe11 0.762, probe12 0.829,
# probe13 0.889, probe14 0.857, probe15 0.813, probe16 0.770, probe17 0.830, probe18 0.823,
# probe19 0.819, probe20 0.813; after the twenty-third: probe16 0.776, probe18 0.828, probe20
# 0.821, probe21 0.791; after the twenty-fourth: probe4 0.864, probe17 0.844, probe18 0.844,
# probe22 0.804; after the twenty-fifth: probe16 0.779, probe17 0.846, probe18 0.847, probe22
# 0.812, probe23 0.792; after the twenty-sixth: probe16 0.773, probe18 0.851, probe23 0.795,
# probe24 0.820, unseen 0.913; after the twenty-seventh: probe23 0.804, probe25 0.735; after the
# twenty-eighth: probe16 0.768, probe17 0.850, probe20 0.835, probe26 0.828; after the
# twenty-ninth: probe17 0.857, probe27 0.786), so a
# change that loses judgement fails here.
@pytest.mark.parametrize(("name", "floor"), [("heldout", 0.90), ("unseen", 0.85),
                                             ("probe", 0.84), ("probe2", 0.83),
                                             ("probe3", 0.82), ("probe4", 0.79),
                                             ("probe5", 0.80), ("probe6", 0.84),
                                             ("probe7", 0.84), ("probe8", 0.80),
                                             ("probe9", 0.70), ("probe10", 0.77),
                                             ("probe11", 0.69), ("probe12", 0.76),
                                             ("probe13", 0.82), ("probe14", 0.81),
                                             ("probe15", 0.77), ("probe16", 0.74),
                                             ("probe17", 0.78), ("probe18", 0.75),
                                             ("probe19", 0.79), ("probe20", 0.78),
                                             ("probe21", 0.77), ("probe22", 0.78),
                                             ("probe23", 0.77), ("probe24", 0.80),
                                             ("probe25", 0.72), ("probe26", 0.80),
                                             ("probe27", 0.76)])
def test_judgement_on_whole_answers_stays_above_its_floor(analyzer, name, floor):
    macro, per_flag = macro_f1(analyzer, DATA / name)
    assert macro >= floor, f"{name}: macro-F1 {macro:.3f} < {floor} ({per_flag})"


# (battery, accuracy floor on all 100 items): the challenge batteries of tests/data/battery,
# one flag each, written blind in stop 31 (the first four) and stop 32 (the other five; README
# there). Today: mg 0.88, ob 0.75, sm 0.92, ab 0.87, mc 0.64, va 0.72, fm 0.81, sc 0.81,
# mw 0.75 (on arrival 0.77, 0.60, 0.78, 0.81, 0.59, 0.63, 0.71, 0.77, 0.72; at stop 32's end
# mg 0.82, sm 0.83, va 0.65, fm 0.77, mw 0.72, under the floors the eighteenth pass raised; at
# stop 33's end mg 0.86, ob 0.70, va 0.67, under the floors the nineteenth pass raised; at
# stop 34's end ob 0.75, va 0.72, under the floors the twentieth pass raised: now ob 0.77,
# va 0.74, mw 0.76).
@pytest.mark.parametrize(("name", "floor"), [("mg", 0.87), ("ob", 0.76), ("sm", 0.89),
                                             ("ab", 0.84), ("mc", 0.60), ("va", 0.73),
                                             ("fm", 0.78), ("sc", 0.78), ("mw", 0.73)])
def test_judgement_on_the_batteries_stays_above_its_floor(analyzer, name, floor):
    spec = tomllib.loads((DATA / "battery" / "batteries.toml").read_text())[name]
    lines = (DATA / "battery" / f"{name}.jsonl").read_text().splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    right = sum(flag_vector(analyzer.analyze_text(it["text"]))[spec["flag"]] == it["label"]
                for it in items)
    assert right / len(items) >= floor, f"{name}: {right}/{len(items)} right < {floor}"
