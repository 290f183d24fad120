"""The interviewer: follow-up probes aimed at the gaps that matter most for the prompt, time
cues in timed sessions, and the closing debrief.

Probes are data (``prompts/*.toml`` [probes] per prompt, ``prompts/generic_probes.toml`` per
flag). Selection is deterministic for a session seed, so a session can be reproduced.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomllib

from voice_coach.analysis.analyzer import Analyzer
from voice_coach.analysis.flags import flag_priority, order_flags
from voice_coach.analysis.incremental import IncrementalParse, analyze_parses, parse_words
from voice_coach.analysis.rules import FlagRules, default_rules
from voice_coach.errors import BadInputError
from voice_coach.prompts import Prompt, prompts_dir
from voice_coach.values import Analysis, Flag, Word

log = logging.getLogger(__name__)

# Flags a follow-up can fix by asking; ordering flags (architecture first, late framing) can't
# be repaired by a later answer.
PROBEABLE = ("no_member_goal", "no_success_metric", "no_guardrail", "no_scope",
             "missing_constraints", "no_tradeoff", "no_failure_mode", "no_validation",
             "overbuilt_v1", "no_member_effect", "no_assumption")
# Judged on the first answer alone: they are about how the answer was built.
FIRST_ANSWER_ONLY = ("architecture_before_goal", "late_framing", "no_closing_validation",
                     "too_many_questions")

FALLBACK_PROBES = {
    "no_member_goal": "Who exactly is the member here, and what is broken for them today?",
    "no_success_metric": "What one number would tell you this worked?",
    "no_guardrail": "What would you protect while you push that number?",
    "no_scope": "What is the smallest first version you would ship?",
    "missing_constraints": "What constraints shape this design: latency, reliability, scale?",
    "no_tradeoff": "What are you giving up with this design, and why is that acceptable?",
    "no_failure_mode": "What happens to the member when a part of this fails?",
    "no_validation": "How would you validate it, and what would make you roll back?",
    "overbuilt_v1": "If you could ship only one of those pieces first, which one and why?",
    "no_member_effect": "What does the member actually notice from that technical choice?",
    "no_assumption": "You asked me some questions. What are you assuming, so we can go on?",
}


@dataclass(frozen=True)
class InterviewOptions:
    follow_ups: int = 3
    minutes: float | None = None  # timed mode: the whole session's length
    framing_fraction: float = 0.10  # member, metric and scope due by ~10 % of the time
    closing_fraction: float = 0.90  # the last ~10 % is for validation
    cue_min_pause_s: float = 1.0  # a cue is spoken only in a pause at least this long


def load_generic_probes(path: Path | None = None) -> dict[str, list[str]]:
    path = path or prompts_dir() / "generic_probes.toml"
    if not path.is_file():
        return {k: [v] for k, v in FALLBACK_PROBES.items()}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"{path}: not valid TOML ({exc}); fix or remove it.") from None
    probes = data.get("probes")
    if not isinstance(probes, dict):
        raise BadInputError(f"{path}: expected a [probes] table (flag id -> list of questions)")
    out: dict[str, list[str]] = {}
    for k, v in probes.items():
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(q, str) for q in v):
            raise BadInputError(f"{path}: probes.{k} must be a list of questions")
        out[k] = v
    for k, v in FALLBACK_PROBES.items():
        out.setdefault(k, [v])
    return out


@dataclass
class ProbePlanner:
    prompt: Prompt
    seed: int
    rules: FlagRules = field(default_factory=lambda: default_rules()[1])
    generic: dict[str, list[str]] = field(default_factory=load_generic_probes)
    asked: list[str] = field(default_factory=list)  # flag ids probed so far

    def next_probe(self, analysis: Analysis) -> tuple[str, str] | None:
        """(flag id, question) for the most important gap not yet probed, or None."""
        gaps = [f.id for f in analysis.flags if f.id in PROBEABLE and f.id not in self.asked]
        if not gaps:
            return None
        # severity first (a missing guardrail or rollback plan matters more than a missing
        # constraint), then the prompt's own priorities (its dominant system decides)
        sev = {"high": 0, "medium": 1, "low": 2}
        gaps.sort(key=lambda fid: (sev.get(self.rules.flags[fid].severity, 3),
                                   flag_priority(fid, self.rules, self.prompt.system)))
        fid = gaps[0]
        question = self.prompt.probes.get(fid)
        if not question:
            # deterministic per session seed and per probe
            rng = random.Random(f"{self.seed}:{fid}:{len(self.asked)}")
            question = rng.choice(self.generic[fid])
        self.asked.append(fid)
        return fid, question


def conversation_analysis(analyzer: Analyzer, turns: Sequence[list[Word] | IncrementalParse],
                          probed: Sequence[str], duration_s: float, system: str | None
                          ) -> tuple[Analysis, Analysis]:
    """Flags over the whole conversation. A gap present after the first answer but filled
    after it was probed stays in the list with ``prompted=True`` (credited, but the feedback
    says it came only when asked). Returns (combined analysis, first answer's analysis).
    Turns are word lists or answers already parsed while listening (then nothing is parsed
    again here)."""
    parses = [t if isinstance(t, IncrementalParse) else parse_words(analyzer, t) for t in turns]
    first = analyze_parses(analyzer, parses[:1], system=system)
    whole = analyze_parses(analyzer, parses, duration_s=duration_s, system=system)
    rules = analyzer.flag_rules
    first_ids = {f.id for f in first.flags}
    whole_ids = {f.id for f in whole.flags}
    flags: list[Flag] = [f for f in whole.flags if f.id not in FIRST_ANSWER_ONLY]
    flags += [f for f in first.flags if f.id in FIRST_ANSWER_ONLY]
    for f in first.flags:
        if f.id in probed and f.id not in whole_ids and f.id in first_ids:
            flags.append(replace(f, prompted=True, severity="low",
                                 advice=f"Said only when asked. {rules.flags[f.id].advice}"))
    flags = order_flags(flags, rules, system)
    # strengths: not for what came only after a probe
    prompted_strengths = {rules.flags[f.id].strength for f in flags if f.prompted}
    strengths = [s for s in whole.strengths
                 if not any(s.startswith(p.rstrip(".")) for p in prompted_strengths)]
    combined = Analysis(whole.sentences, flags, strengths, whole.metrics, whole.claims)
    return combined, first


def prompted_note(flags: Sequence[Flag]) -> str:
    names = {"no_guardrail": "the guardrail", "no_success_metric": "the success metric",
             "no_member_goal": "the member goal", "no_scope": "the scope",
             "missing_constraints": "the constraints", "no_tradeoff": "a trade-off",
             "no_failure_mode": "the failure modes", "no_validation": "the validation plan",
             "overbuilt_v1": "a smaller first version",
             "no_member_effect": "the member effect"}
    said = [names.get(f.id, f.id) for f in flags if f.prompted]
    if not said:
        return ""
    pronoun = "it" if len(said) == 1 else "them"
    return f"You named {_spoken_list(said)} only when asked; say {pronoun} unprompted next time."


class TimeCues:
    """Spoken time cues for a timed session: by ~10 % of the time the member, metric and scope
    should be stated; the last ~10 % is for validation. A cue is said only in a pause and only
    when needed (nothing is said about what the candidate already covered)."""

    def __init__(self, total_s: float, opt: InterviewOptions, analyzer: Analyzer,
                 system: str | None) -> None:
        self.total_s = total_s
        self.opt = opt
        self.analyzer = analyzer
        self.system = system
        self.spoken: list[dict[str, object]] = []
        self._done: set[str] = set()
        self.elapsed_before_turn = 0.0

    def _missing(self, words: list[Word], parse: IncrementalParse | None,
                 phases: Sequence[str]) -> list[str]:
        if not words:
            return list(phases)
        analysis = (analyze_parses(self.analyzer, [parse], system=self.system)
                    if parse is not None else self.analyzer.analyze(words, system=self.system))
        have = {s.phase for s in analysis.sentences}
        return [p for p in phases if p not in have]

    def __call__(self, listener: object, elapsed_s: float, silence_s: float,
                 words: list[Word], parse: IncrementalParse | None = None) -> None:
        if silence_s < self.opt.cue_min_pause_s:
            return
        t = self.elapsed_before_turn + elapsed_s
        text = None
        if "framing" not in self._done and t >= self.opt.framing_fraction * self.total_s:
            self._done.add("framing")
            missing = self._missing(words, parse, ("clarify_goal", "metrics", "scope"))
            names = {"clarify_goal": "the member and their goal", "metrics": "the metric",
                     "scope": "the scope of the first version"}
            if missing:
                text = (f"{_time_said(t)} in. Before going deeper, state "
                        f"{_spoken_list([names[m] for m in missing])}.")
        elif "closing" not in self._done and t >= self.opt.closing_fraction * self.total_s:
            self._done.add("closing")
            if self._missing(words, parse, ("validation",)):
                text = "We are close to time. How would you validate this, and what would " \
                       "make you roll back?"
        if text:
            coach = getattr(listener, "coach_for_cues", None)
            mic = getattr(listener, "mic", None)
            self.spoken.append({"at_s": round(t, 2), "text": text, "silence_s": silence_s})
            if coach is not None:
                coach.say(text, f"cue-{len(self.spoken)}", mic)


def _time_said(seconds: float) -> str:
    """How a person says elapsed time: "About 40 seconds", "About a minute", "About 5 minutes"."""
    if seconds < 55:
        return f"About {max(10, round(seconds / 10) * 10):.0f} seconds"
    minutes = round(seconds / 60)
    return "About a minute" if minutes <= 1 else f"About {minutes} minutes"


def _spoken_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def debrief_text(analysis: Analysis, prompt: Prompt, rules: FlagRules | None = None) -> str:
    """Spoken and written close: what went well, the top three fixes, and the sentence the
    candidate could have opened with."""
    from voice_coach.feedback import spoken_feedback

    rules = rules or default_rules()[1]
    unprompted = Analysis(analysis.sentences, [f for f in analysis.flags if not f.prompted],
                          analysis.strengths, analysis.metrics)
    text = spoken_feedback(unprompted, rules)
    note = prompted_note(analysis.flags)
    if note:
        text += " " + note
    if prompt.model_opening:
        text += f" You could have opened with: {prompt.model_opening}"
    return text
