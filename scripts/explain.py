#!/usr/bin/env python3
"""Show why each flag fired or did not: every sentence with its speech act, phase, cue scores
and the cue that carries it, what was set aside (a question, an agenda line, a vague wish, a
goal area with no measure), then the claims found per rubric element and the flags.

    python scripts/explain.py TRANSCRIPT.txt      (or - for stdin)
    python scripts/explain.py ANSWER.json         (a labelled corpus answer: its text, and
                                                   the labels beside the flags)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice_coach.analysis.analyzer import Analyzer
from voice_coach.analysis.repair import words_from_text
from voice_coach.analysis.rules import CORE_FLAGS

KINDS = ("member_goal", "success_metric", "guardrail", "scope", "constraint", "tradeoff",
         "failure_mode", "validation", "first_version_part")


def main() -> int:
    src = sys.argv[1] if len(sys.argv) > 1 else "-"
    try:
        text = sys.stdin.read() if src == "-" else Path(src).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"explain: cannot read {src}: {exc.strerror}", file=sys.stderr)
        return 2
    labels: dict[str, bool] | None = None
    if src.endswith(".json"):
        # a corpus answer (../shared/corpus/README.md): analyze its text, show its labels
        try:
            answer = json.loads(text)
            text, labels = answer["text"], {k: bool(v) for k, v in answer["flags"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            print(f"explain: {src} is not a corpus answer (needs 'text' and 'flags')",
                  file=sys.stderr)
            return 2
    an = Analyzer()
    # (a typed answer: its full stops are the writer's, as in Analyzer.analyze_text)
    words = an.repair(words_from_text(text), heard=False)
    # one pass, as the analysis runs: what the claims step sets aside shows with its sentence
    doc, infos = an.parse(words, heard=False)
    an.score(doc, infos)
    a = an.analyze_scored(words, infos, estimated=True)
    print("SENTENCES (phase | act | scores | strongest cue per phase | set aside)")
    for s in infos:
        ranked = sorted(s.scores.items(), key=lambda kv: -kv[1])
        scores = " ".join(f"{k}={v:.1f}" for k, v in ranked) or "-"
        peaks = " ".join(f"{k}:'{c}'({w:.1f})" for k, (w, c) in s.peak.items()) or "-"
        who = f"[{s.speaker}] " if s.speaker else ""
        act = s.act or "statement"
        print(f"{s.phase:13s} | {who}{s.span.text[:110]}")
        print(f"{'':13s} | act={act}  scores: {scores}")
        print(f"{'':13s} | cues: {peaks}")
        for r in s.rejected:
            print(f"{'':13s} | set aside: {r}")
    print("\nCLAIMS (what the candidate asserted, with the cue that carries it)")
    for kind in KINDS:
        found = [c for c in a.claims if c.kind == kind]
        if not found:
            print(f"  {kind:18s} none")
        for c in found:
            detail = f" [{c.detail}]" if c.detail and c.detail != c.cue else ""
            print(f"  {kind:18s}{detail} cue '{c.cue}' in: {c.quote[:100]}")
    raised = {f.id: f for f in a.flags}
    print("\nFLAGS")
    for fid in CORE_FLAGS:
        f = raised.get(fid)
        label = "" if labels is None else (
            "  [label agrees]" if labels.get(fid, False) == bool(f) else
            f"  [LABEL SAYS {'true' if labels.get(fid) else 'false'}]")
        print(f"  {'FIRES ' if f else 'clear '} {fid:26s} "
              f"{f.evidence.quote[:90] if f else ''}{label}")
    for fid, f in raised.items():
        if fid not in CORE_FLAGS:
            print(f"  FIRES  {fid:26s} {f.evidence.quote[:90]}")
    print("\nSTRENGTHS")
    for st in a.strengths:
        print(f"  + {st}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
