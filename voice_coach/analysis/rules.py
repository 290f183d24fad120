"""Loading and validating the rule files (phase cues, flags, signals, ASR repairs).

Errors name the file, the key and the expected keys, so a coach editing a TOML file can fix
it without reading Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomllib

from voice_coach.errors import BadInputError

RULES_DIR = Path(__file__).parent / "rules"

PHASES = ("clarify_goal", "metrics", "scope", "constraints", "design", "tradeoffs",
          "failure_modes", "validation", "other")
CORE_FLAGS = ("architecture_before_goal", "no_member_goal", "no_success_metric", "no_guardrail",
              "no_scope", "missing_constraints", "no_tradeoff", "no_failure_mode",
              "no_validation", "overbuilt_v1")
EXTRA_FLAGS = ("no_member_effect", "late_framing", "no_closing_validation", "no_assumption",
               "too_many_questions")
ALL_FLAGS = CORE_FLAGS + EXTRA_FLAGS
CONSTRAINT_KINDS = ("latency", "reliability", "scale", "learning")


@dataclass(frozen=True)
class CueGroup:
    phase: str
    weight: float
    phrases: tuple[str, ...]
    generic: bool = False
    negatable: bool = False
    concrete: bool = False
    supporting: bool = False  # counts only next to another cue of its phase
    speaker_verb: bool = False  # counts only as a verb the speaker does
    counted: bool = False  # counts only with a counting word next to it ("30-day retention")


PATTERN_KINDS = ("subject_verb", "condition", "signal_with_concrete", "verb_prep",
                 "signals_together", "refusal", "copula", "verb_child", "person_meets", "scene",
                 "restricted_slice", "held_measure", "time_budget", "lacking", "rate",
                 "unable", "status_quo")


@dataclass(frozen=True)
class Pattern:
    """A structural cue over the dependency parse (see phases.toml for the kinds)."""

    phase: str
    weight: float
    kind: str
    subjects: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    condition: tuple[str, ...] = ()
    consequence: tuple[str, ...] = ()
    negated_condition: bool = False
    signals: tuple[str, ...] = ()
    except_verbs: tuple[str, ...] = ()  # condition: clause verbs that are not this phase
    preps: tuple[str, ...] = ()  # verb_prep: the preposition after the verb
    objects: tuple[str, ...] = ()  # verb_prep / copula: the object's lemma class
    qualified: bool = False  # verb_prep: the object must carry a restricting modifier
    comparative: bool = False  # refusal: the refused thing must be a change ("longer")
    measured: bool = False  # condition: a clause about a system part needs a named measure
    unmeasured: bool = False  # condition: a clause naming a measure (and no part) is not it
    negated_only: bool = False  # condition: the condition words count only when negated
    children: tuple[str, ...] = ()  # verb_child: words among the verb's own modifiers
    signal: str = ""  # a hit also records this signal (signals.toml list name)
    # subject_verb: verbs only a person does ("want", "struggle"), for which any common noun
    # subject is a person ("renters want ...") unless it is one of `not_subjects`
    animate_verbs: tuple[str, ...] = ()
    not_subjects: tuple[str, ...] = ()
    # condition: with a person as the clause's subject, only these condition words count
    # (None: any); "if they go offline" is a failure, "when someone gives a thumbs down" not
    person_condition: tuple[str, ...] | None = None
    # condition: a link word after a bad-link word (signals.toml words links, bad_link) in
    # the clause counts as a condition word ("has no internet", "poor signal")
    bad_links: bool = False
    # condition: a bound on a number counts when the clause counts over a period ("if wasted
    # trips go above one in ten in any week", "if it's more than two in a week"): a rate
    # crossed, not one case past a limit ("if a parcel waits over 3 days")
    per_period: bool = False
    suppress: tuple[str, ...] = ()  # a hit removes these phases' cue scores


@dataclass(frozen=True)
class PhaseRules:
    threshold: float
    continuation: float
    other_max_tokens: int
    cues: tuple[CueGroup, ...]
    patterns: tuple[Pattern, ...] = ()
    topic_boost: float = 1.0
    topic_window: int = 10
    backward_penalty: float = 0.0
    continuation_markers: tuple[str, ...] = ()
    marker_bonus: float = 0.0
    hedged_phases: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    heading_weight: float = 0.0
    # phase -> spoken section headings ("design", "member first" is "member" + "first")
    headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # phase -> words of an interviewer's question that ask for it ("what if it goes down?");
    # the candidate's next sentence is pulled to that phase by `question_pull`
    question_topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    question_pull: float = 0.0
    # phase -> lemma phrases that announce a count of things of that phase ("make this hard")
    announcers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    announced_items: tuple[str, ...] = ()  # openings of the items announced ("the first")


@dataclass(frozen=True)
class FlagRule:
    id: str
    severity: str
    priority: float
    expected: str
    advice: str
    spoken: str
    strength: str


@dataclass(frozen=True)
class FlagRules:
    thresholds: dict[str, float]
    flags: dict[str, FlagRule]
    priority_by_system: dict[str, dict[str, float]] = field(default_factory=dict)


# [words] in signals.toml: word sets read token by token (each documented there)
WORD_SETS = ("persons", "enumerators", "not_items", "guard_labels", "rising", "placeholders",
             "approaches", "organisations", "first_version_names", "narrowing", "build_verbs",
             "thing_senses", "links", "bad_link", "link_fails", "link_reaches",
             "trusting", "delivers", "uptime_states",
             "frequencies", "fail_states", "fail_when_not", "unreliable_states",
             "counting_verbs", "units",
             "quote_lead", "telling_verbs", "add_verbs", "watch_only", "lateness", "products",
             "liking_verbs", "doubt_verbs", "fail_particle_verbs", "spoken_headings",
             "bare_qualifiers", "launch_verbs", "audience", "situation_verbs",
             "feature_nouns", "headed_names", "person_or_part", "writeup_frames",
             "asking_verbs", "wanting_states", "verdict_nouns", "aim_words",
             "unshipped_heads", "heard_joiners", "defined_elements", "field_holders",
             "step_verbs", "tangent_openers", "unwatched", "habit_hedges", "test_arms")
# [speech_acts] in signals.toml: what tells a sentence that asks, announces or wishes from one
# that states something (each list is documented there)
SPEECH_ACT_LISTS = ("assumption", "agenda_verbs", "agenda_subjects", "topic_names", "vague_words",
                    "count_words", "aside_markers", "prompt_names")


@dataclass(frozen=True)
class Hedges:
    """Wording that empties a topic word of content: "some metrics", "I won't get into
    metrics", "there are always trade-offs"."""

    vague_modifiers: tuple[str, ...]
    deferral: tuple[str, ...]
    hedge_adverbs: tuple[str, ...]
    generic_scope: tuple[str, ...]


@dataclass(frozen=True)
class Signals:
    constraint_kinds: dict[str, tuple[str, ...]]
    lists: dict[str, tuple[str, ...]]  # guardrail, success_metric, bundle, components, ...
    hedges: Hedges = Hedges((), (), (), ())
    # [words]: sets of single words the analyzer checks tokens against (not phrase-matched)
    words: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class RepairRule:
    words: tuple[str, ...]
    to: tuple[str, ...]
    # leave the words alone when a word starting with one of these stems is near
    # ("the cash" next to "payment" is money, not a cache)
    unless_near: tuple[str, ...] = ()
    window: int = 0
    # apply only after a word starting with one of these stems, within `window` words before,
    # and only where the speaker paused just before (the word before ends a clause): "accept"
    # heard as "except" after a cost ("the walk is longer, except a predictable spot is worth
    # it"), while "all of it except the row" is left alone
    only_after: tuple[str, ...] = ()


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise BadInputError(f"rule file {path} is missing; reinstall voice-coach.") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"rule file {path} is not valid TOML: {exc}") from None


def _require(data: dict[str, Any], keys: dict[str, type | tuple[type, ...]], where: str) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise BadInputError(f"{where}: missing {', '.join(missing)} "
                            f"(expected keys: {', '.join(keys)})")
    for k, typ in keys.items():
        if not isinstance(data[k], typ):
            raise BadInputError(f"{where}: {k} has the wrong type "
                                f"(expected keys: {', '.join(keys)})")
    unknown = [k for k in data if k not in keys]
    if unknown:
        raise BadInputError(f"{where}: unknown key {', '.join(unknown)} "
                            f"(expected keys: {', '.join(keys)})")


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BadInputError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _phase(value: str, where: str) -> str:
    if value not in PHASES:
        raise BadInputError(f"{where}: unknown phase {value!r} "
                            f"(expected one of: {', '.join(PHASES)})")
    return value


# the newer pattern kinds: required list keys, and optional keys -> (type, default)
_COMMON_OPTIONAL: dict[str, tuple[type, Any]] = {"signal": (str, ""), "suppress": (list, [])}
EXTRA_KINDS: dict[str, tuple[tuple[str, ...], dict[str, tuple[type, Any]]]] = {
    "verb_prep": (("verbs", "preps", "objects"), {"qualified": (bool, False),
                                                  **_COMMON_OPTIONAL}),
    "signals_together": (("signals",), dict(_COMMON_OPTIONAL)),
    "refusal": (("verbs", "subjects"), {"comparative": (bool, False), **_COMMON_OPTIONAL}),
    "copula": (("subjects",), dict(_COMMON_OPTIONAL)),
    "verb_child": (("verbs", "subjects", "children"), dict(_COMMON_OPTIONAL)),
    "person_meets": (("verbs", "subjects", "objects"), dict(_COMMON_OPTIONAL)),
    "restricted_slice": (("verbs", "objects"), dict(_COMMON_OPTIONAL)),
    "held_measure": (("verbs", "children", "subjects"), dict(_COMMON_OPTIONAL)),
    "time_budget": (("objects", "subjects"), dict(_COMMON_OPTIONAL)),
    "lacking": (("objects", "children", "verbs"), dict(_COMMON_OPTIONAL)),
    "rate": (("preps",), dict(_COMMON_OPTIONAL)),
    "unable": (("subjects",), dict(_COMMON_OPTIONAL)),
    "status_quo": (("verbs", "objects", "subjects"), dict(_COMMON_OPTIONAL)),
    "scene": (("subjects", "objects"), dict(_COMMON_OPTIONAL)),
}


def _pattern(raw: Any, where: str) -> Pattern:
    if not isinstance(raw, dict):
        raise BadInputError(f"{where}: expected a table")
    kind = raw.get("kind")
    if kind == "subject_verb":
        raw = {"animate_verbs": [], "not_subjects": [], **raw}
        _require(raw, {"phase": str, "weight": (int, float), "kind": str, "subjects": list,
                       "verbs": list, "animate_verbs": list, "not_subjects": list}, where)
        return Pattern(_phase(raw["phase"], where), float(raw["weight"]), kind,
                       subjects=_str_list(raw["subjects"], where + " subjects"),
                       verbs=_str_list(raw["verbs"], where + " verbs"),
                       animate_verbs=tuple(v.lower() for v in raw["animate_verbs"]),
                       not_subjects=tuple(v.lower() for v in raw["not_subjects"]))
    if kind == "condition":
        raw = {"consequence": [], "negated_condition": False, "condition": [],
               "except_verbs": [], "measured": False, "unmeasured": False,
               "negated_only": False, "person_condition": None, "signals": [],
               "bad_links": False, "per_period": False, **raw}
        _require(raw, {"phase": str, "weight": (int, float), "kind": str, "marks": list,
                       "condition": list, "consequence": list, "negated_condition": bool,
                       "except_verbs": list, "measured": bool, "unmeasured": bool,
                       "negated_only": bool, "person_condition": (list, type(None)),
                       "signals": list, "bad_links": bool, "per_period": bool}, where)
        cons = raw["consequence"]
        cond = raw["condition"]
        if not cond and not raw["negated_condition"]:
            raise BadInputError(f"{where}: a condition pattern needs `condition` words or "
                                f"negated_condition = true")
        return Pattern(_phase(raw["phase"], where), float(raw["weight"]), kind,
                       marks=_str_list(raw["marks"], where + " marks"),
                       condition=_str_list(cond, where + " condition") if cond else (),
                       consequence=_str_list(cons, where + " consequence") if cons else (),
                       negated_condition=raw["negated_condition"],
                       except_verbs=_str_list(raw["except_verbs"], where + " except_verbs")
                       if raw["except_verbs"] else (),
                       measured=raw["measured"], unmeasured=raw["unmeasured"],
                       negated_only=raw["negated_only"],
                       person_condition=None if raw["person_condition"] is None else
                       tuple(w.lower() for w in raw["person_condition"]),
                       signals=_str_list(raw["signals"], where + " signals")
                       if raw["signals"] else (), bad_links=raw["bad_links"],
                       per_period=raw["per_period"])
    if kind == "signal_with_concrete":
        _require(raw, {"phase": str, "weight": (int, float), "kind": str, "signals": list}, where)
        return Pattern(_phase(raw["phase"], where), float(raw["weight"]), kind,
                       signals=_str_list(raw["signals"], where + " signals"))
    if kind in EXTRA_KINDS:
        required, optional = EXTRA_KINDS[kind]
        raw = {**{k: v for k, (_t, v) in optional.items()}, **raw}
        keys: dict[str, type | tuple[type, ...]] = {
            "phase": str, "weight": (int, float), "kind": str}
        keys.update({k: list for k in required})
        keys.update({k: t for k, (t, _v) in optional.items()})
        _require(raw, keys, where)
        lists = {k: _str_list(raw[k], f"{where} {k}") if raw[k] else ()
                 for k, t in keys.items() if t is list}
        for k in required:
            if not lists[k]:
                raise BadInputError(f"{where}: {k} must not be empty")
        return Pattern(_phase(raw["phase"], where), float(raw["weight"]), kind,
                       subjects=lists.get("subjects", ()), verbs=lists.get("verbs", ()),
                       signals=lists.get("signals", ()), preps=lists.get("preps", ()),
                       objects=lists.get("objects", ()), children=lists.get("children", ()),
                       suppress=tuple(_phase(p, where) for p in lists.get("suppress", ())),
                       qualified=bool(raw.get("qualified", False)),
                       comparative=bool(raw.get("comparative", False)),
                       signal=str(raw.get("signal", "")))
    raise BadInputError(f"{where}: kind must be one of {', '.join(PATTERN_KINDS)} "
                        f"(got {kind!r})")


def load_phase_rules(path: Path | None = None) -> PhaseRules:
    path = path or RULES_DIR / "phases.toml"
    data = _load(path)
    _require(data, {"threshold": (int, float), "continuation": (int, float),
                    "other_max_tokens": int, "topic_boost": (int, float), "topic_window": int,
                    "backward_penalty": (int, float), "marker_bonus": (int, float),
                    "continuation_markers": list, "hedged_phases": list, "order": list,
                    "heading_weight": (int, float), "headings": dict,
                    "question_pull": (int, float), "question_topics": dict,
                    "announcers": dict, "announced_items": list,
                    "cue": list, "pattern": list}, str(path))
    groups = []
    for i, raw in enumerate(data["cue"]):
        where = f"{path} cue #{i + 1}"
        if not isinstance(raw, dict):
            raise BadInputError(f"{where}: expected a table")
        raw = {"generic": False, "negatable": False, "concrete": False, "supporting": False,
               "speaker_verb": False, "counted": False, **raw}
        _require(raw, {"phase": str, "weight": (int, float), "phrases": list, "generic": bool,
                       "negatable": bool, "concrete": bool, "supporting": bool,
                       "speaker_verb": bool, "counted": bool}, where)
        groups.append(CueGroup(_phase(raw["phase"], where), float(raw["weight"]),
                               _str_list(raw["phrases"], where), raw["generic"],
                               raw["negatable"], raw["concrete"], raw["supporting"],
                               raw["speaker_verb"], raw["counted"]))
    patterns = tuple(_pattern(raw, f"{path} pattern #{i + 1}")
                     for i, raw in enumerate(data["pattern"]))
    hedged = tuple(_phase(p, f"{path} hedged_phases")
                   for p in _str_list(data["hedged_phases"], f"{path} hedged_phases"))
    order = tuple(_phase(p, f"{path} order") for p in _str_list(data["order"], f"{path} order"))
    headings = {_phase(p, f"{path} [headings]"):
                tuple(h.lower() for h in _str_list(v, f"{path} [headings] {p}"))
                for p, v in data["headings"].items()}
    asked = {_phase(p, f"{path} [question_topics]"):
             tuple(h.lower() for h in _str_list(v, f"{path} [question_topics] {p}"))
             for p, v in data["question_topics"].items()}
    announcers = {_phase(p, f"{path} [announcers]"):
                  tuple(h.lower() for h in _str_list(v, f"{path} [announcers] {p}"))
                  for p, v in data["announcers"].items()}
    items = tuple(m.lower() for m in _str_list(data["announced_items"], f"{path} announced_items"))
    return PhaseRules(float(data["threshold"]), float(data["continuation"]),
                      int(data["other_max_tokens"]), tuple(groups), patterns,
                      float(data["topic_boost"]), int(data["topic_window"]),
                      float(data["backward_penalty"]),
                      tuple(m.lower() for m in _str_list(data["continuation_markers"],
                                                         f"{path} continuation_markers")),
                      float(data["marker_bonus"]), hedged, order,
                      float(data["heading_weight"]), headings, asked,
                      float(data["question_pull"]), announcers, items)


def load_flag_rules(path: Path | None = None) -> FlagRules:
    path = path or RULES_DIR / "flags.toml"
    data = _load(path)
    _require(data, {"thresholds": dict, "flag": dict, "priority_by_system": dict}, str(path))
    missing = [f for f in ALL_FLAGS if f not in data["flag"]]
    if missing:
        raise BadInputError(f"{path}: no [flag.{missing[0]}] table "
                            f"(expected flags: {', '.join(ALL_FLAGS)})")
    flags = {}
    for fid, raw in data["flag"].items():
        where = f"{path} [flag.{fid}]"
        if fid not in ALL_FLAGS:
            raise BadInputError(f"{where}: unknown flag (expected: {', '.join(ALL_FLAGS)})")
        _require(raw, {"severity": str, "priority": (int, float), "expected": str, "advice": str,
                       "spoken": str, "strength": str}, where)
        if raw["severity"] not in ("high", "medium", "low"):
            raise BadInputError(f"{where}: severity must be high, medium or low")
        flags[fid] = FlagRule(fid, raw["severity"], float(raw["priority"]), raw["expected"],
                              raw["advice"], raw["spoken"], raw["strength"])
    thresholds = {k: float(v) for k, v in data["thresholds"].items()}
    needed = ("min_constraint_kinds", "architecture_min_design", "overbuilt_bundled_min",
              "overbuilt_unscoped_min", "overbuilt_scoped_min",
              "late_framing_fraction", "late_framing_seconds", "closing_window_fraction",
              "spoken_fixes")
    absent = [k for k in needed if k not in thresholds]
    if absent:
        raise BadInputError(f"{path} [thresholds]: missing {', '.join(absent)} "
                            f"(expected keys: {', '.join(needed)})")
    pbs = {sys: {k: float(v) for k, v in table.items()}
           for sys, table in data["priority_by_system"].items()}
    return FlagRules(thresholds, flags, pbs)


def load_signals(path: Path | None = None) -> Signals:
    path = path or RULES_DIR / "signals.toml"
    data = _load(path)
    keys = ("constraint_kinds", "guardrail", "success_metric", "bundle", "components",
            "member_effect", "infrastructure", "sample", "comparison", "contrast", "launch",
            "watching", "kept_first", "left_for_later", "own_people", "ahead_of_members",
            "hedges", "speech_acts", "words")
    _require(data, dict.fromkeys(keys, dict), str(path))
    kinds = data["constraint_kinds"]
    if sorted(kinds) != sorted(CONSTRAINT_KINDS):
        raise BadInputError(f"{path} [constraint_kinds]: expected keys "
                            f"{', '.join(CONSTRAINT_KINDS)}")
    ck = {k: _str_list(v, f"{path} constraint_kinds.{k}") for k, v in kinds.items()}
    lists = {}
    for k in keys[1:-3]:
        _require(data[k], {"phrases": list}, f"{path} [{k}]")
        lists[k] = _str_list(data[k]["phrases"], f"{path} [{k}]")
    hk = ("vague_modifiers", "deferral", "hedge_adverbs", "generic_scope")
    _require(data["hedges"], dict.fromkeys(hk, list), f"{path} [hedges]")
    h = data["hedges"]
    hedges = Hedges(*(tuple(x.lower() for x in _str_list(h[k], f"{path} [hedges] {k}"))
                      for k in hk))
    lists["deferral"] = hedges.deferral
    _require(data["speech_acts"], dict.fromkeys(SPEECH_ACT_LISTS, list), f"{path} [speech_acts]")
    for k in SPEECH_ACT_LISTS:
        lists[k] = tuple(x.lower() for x in _str_list(data["speech_acts"][k],
                                                      f"{path} [speech_acts] {k}"))
    _require(data["words"], dict.fromkeys(WORD_SETS, list), f"{path} [words]")
    words = {k: frozenset(x.lower() for x in _str_list(data["words"][k], f"{path} [words] {k}"))
             for k in WORD_SETS}
    return Signals(ck, lists, hedges, words)


def load_repairs(path: Path | None = None) -> tuple[RepairRule, ...]:
    path = path or RULES_DIR / "asr_repair.toml"
    data = _load(path)
    data = {"contexts": {}, "context_window": 0, **data}
    _require(data, {"rules": list, "contexts": dict, "context_window": int}, str(path))
    contexts = {name: tuple(w.lower() for w in _str_list(v, f"{path} contexts.{name}"))
                for name, v in data["contexts"].items()}
    out = []
    for i, raw in enumerate(data["rules"]):
        where = f"{path} rule #{i + 1}"
        raw = {"unless_near": "", "only_after": "", **raw}
        _require(raw, {"words": list, "to": list, "unless_near": str, "only_after": str}, where)
        unless, after = raw["unless_near"], raw["only_after"]
        for key, name in (("unless_near", unless), ("only_after", after)):
            if name and name not in contexts:
                raise BadInputError(f"{where}: {key} {name!r} is not in [contexts] "
                                    f"(expected one of: {', '.join(sorted(contexts))})")
        out.append(RepairRule(tuple(w.lower() for w in _str_list(raw["words"], where)),
                              _str_list(raw["to"], where),
                              contexts[unless] if unless else (),
                              int(data["context_window"]) if unless or after else 0,
                              contexts[after] if after else ()))
    return tuple(out)


def check_pattern_signals(phases: PhaseRules, signals: Signals) -> None:
    """Every signal a pattern reads or records must be a list in signals.toml."""
    known = set(signals.lists) | {"hedge"}
    for i, pat in enumerate(phases.patterns):
        for name in (*pat.signals, *((pat.signal,) if pat.signal else ())):
            if name not in known:
                raise BadInputError(f"phases.toml pattern #{i + 1}: unknown signal {name!r} "
                                    f"(expected one of: {', '.join(sorted(known))})")


@lru_cache(maxsize=1)
def default_rules() -> tuple[PhaseRules, FlagRules, Signals, tuple[RepairRule, ...]]:
    phases, signals = load_phase_rules(), load_signals()
    check_pattern_signals(phases, signals)
    return phases, load_flag_rules(), signals, load_repairs()
