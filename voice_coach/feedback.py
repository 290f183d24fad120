"""Turning an analysis into feedback a person can absorb: spoken (short) and written (full)."""

from __future__ import annotations

from voice_coach.analysis.rules import FlagRules, default_rules
from voice_coach.values import Analysis

SPOKEN_WORD_BUDGET = 115  # about 42 s at 165 words per minute: under the 45 s ceiling
PHASE_TITLES = {
    "clarify_goal": "Member and goal", "metrics": "Metrics", "scope": "Scope (first version)",
    "constraints": "Constraints", "design": "Design", "tradeoffs": "Trade-offs",
    "failure_modes": "Failure modes", "validation": "Validation", "other": "Other",
}


def mmss(seconds: float) -> str:
    s = max(0, round(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


def spoken_feedback(analysis: Analysis, rules: FlagRules | None = None, fixes: int | None = None
                    ) -> str:
    """Strengths first, then the top fixes in priority order, within the word budget."""
    rules = rules or default_rules()[1]
    n_fixes = int(fixes if fixes is not None else rules.thresholds["spoken_fixes"])
    if not analysis.sentences:
        return "I did not hear an answer to give feedback on."
    # over the word budget, drop the second strength first, then fixes from the end: the
    # text is rebuilt each time so the count it announces is the count it lists
    n_strengths = min(2, len(analysis.strengths))
    while True:
        text = _spoken(analysis, rules, n_strengths, n_fixes)
        if len(text.split()) <= SPOKEN_WORD_BUDGET or (n_strengths <= 1 and n_fixes <= 1):
            return text
        if n_strengths > 1:
            n_strengths = 1
        else:
            n_fixes -= 1


FIX_HEADINGS = {1: "The fix that matters most:", 2: "The two fixes that matter most.",
                3: "The three fixes that matter most."}
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth"]


def fixes_heading(n: int) -> str:
    """'The fix that matters most:' for one, 'The two fixes that matter most.' for more."""
    return FIX_HEADINGS.get(n, f"The {n} fixes that matter most.")


def _spoken(analysis: Analysis, rules: FlagRules, n_strengths: int, n_fixes: int) -> str:
    parts: list[str] = ["Here is my feedback."]
    if analysis.strengths:
        parts.append("What went well: " + " ".join(analysis.strengths[:n_strengths]))
    top = analysis.flags[:max(0, n_fixes)]
    if len(top) == 1:  # one fix needs no "First:" before it
        parts.append(f"{fixes_heading(1)} {rules.flags[top[0].id].spoken}")
    elif top:
        parts.append(fixes_heading(len(top)))
        parts += [f"{ORDINALS[i]}: {rules.flags[f.id].spoken}" for i, f in enumerate(top)]
    else:
        parts.append("I have no major fixes: this answer covers the rubric.")
    m = analysis.metrics
    if m.words and m.filler_per_min >= 6:
        parts.append(f"You used about {m.filler_per_min:.0f} filler words a minute; pause instead.")
    more = len(analysis.flags) - len(top)
    if more > 0:
        notes = "note is" if more == 1 else "notes are"
        parts.append(f"{more} more {notes} in the written report.")
    return " ".join(parts)


def written_feedback(analysis: Analysis, rules: FlagRules | None = None) -> str:
    rules = rules or default_rules()[1]
    lines = ["FEEDBACK", ""]
    lines.append("What went well:")
    lines += [f"  + {s}" for s in analysis.strengths] or ["  (nothing to credit yet)"]
    lines.append("")
    lines.append("What to fix, most important first:")
    if not analysis.flags:
        lines.append("  (no flags: the answer covers the rubric)")
    for i, f in enumerate(analysis.flags, 1):
        lines.append(f"  {i}. [{f.severity}] {f.id}{' (only when asked)' if f.prompted else ''}")
        lines.append(f"     at {mmss(f.evidence.start_s)}: \"{f.evidence.quote}\"")
        lines.append(f"     {f.advice}")
    m = analysis.metrics
    estimated = " (times estimated from the text)" if m.timing_estimated else ""
    goal = mmss(m.time_to_member_goal_s) if m.time_to_member_goal_s is not None else "never stated"
    lines += ["", f"Delivery{estimated}:",
              f"  duration {mmss(m.duration_s)}, {m.words} words, {m.wpm:.0f} words/min",
              f"  fillers: {m.fillers} ({m.filler_per_min:.1f}/min); "
              f"pauses over 3 s: {m.long_pauses}",
              f"  time to the member goal: {goal}",
              "  time per phase: " + ", ".join(f"{PHASE_TITLES[p]} {v:.0f}s"
                                               for p, v in m.phase_durations_s.items())]
    return "\n".join(lines) + "\n"


def transcript_markdown(analysis: Analysis, title: str, prompt_text: str = "") -> str:
    out = [f"# {title}", ""]
    if prompt_text:
        out += [f"**Prompt:** {prompt_text}", ""]
    by_start: dict[float, list] = {}
    for f in analysis.flags:
        by_start.setdefault(f.evidence.start_s, []).append(f)
    unplaced = [f for f in analysis.flags
                if not any(abs(s.start_s - f.evidence.start_s) < 1e-6 for s in analysis.sentences)]
    block_phase = None
    for s in analysis.sentences:
        if s.speaker:  # another speaker: a context line inside the block, never a phase
            out += [f"[{mmss(s.start_s)}–{mmss(s.end_s)}] **{s.speaker}:** {s.text}", ""]
            continue
        if s.phase != block_phase:
            out += ["", f"## {PHASE_TITLES.get(s.phase, s.phase)} — {mmss(s.start_s)}", ""]
            block_phase = s.phase
        out.append(f"[{mmss(s.start_s)}–{mmss(s.end_s)}] {s.text}")
        for f in by_start.pop(s.start_s, []):
            kind = "missing" if f.evidence.quote.startswith("(not said)") else "flag"
            out.append(f"> **{kind}: {f.id}** — {f.advice}")
        out.append("")
    if unplaced:
        out += ["## Not placed", ""] + [f"> **{f.id}** — {f.advice}" for f in unplaced]
    return "\n".join(out).rstrip() + "\n"
