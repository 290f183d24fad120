"""Loading and validating the rule files (phase cues, flags, signals, ASR repairs).

Errors name the file, the key and the expected keys, so a coach editing a TOML file can fix
it without reading Python.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from voice_coach.errors import BadInputError

RULES_DIR = Path(__file__).parent / "rules"

PHASES = ("clarify_goal", "metrics", "scope", "constraints", "design", "tradeoffs",
          "failure_modes", "validation", "other")
CORE_FLAGS = ("architecture_before_goal", "no_member_goal", "no_success_metric", "no_guardrail",
              "no_scope", "missing_constraints", "no_tradeoff", "no_failure_mode",
              "no_validation", "overbuilt_v1")
EXTRA_FLAGS = ("no_member_effect", "late_framing", "no_closing_validation")
ALL_FLAGS = CORE_FLAGS + EXTRA_FLAGS
CONSTRAINT_KINDS = ("latency", "reliability", "scale", "learning")


@dataclass(frozen=True)
class CueGroup:
    phase: str
    weight: float
    phrases: tuple[str, ...]
    generic: bool = False
    negatable: bool = False


@dataclass(frozen=True)
class PhaseRules:
    threshold: float
    continuation: float
    other_max_tokens: int
    cues: tuple[CueGroup, ...]


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


@dataclass(frozen=True)
class Signals:
    constraint_kinds: dict[str, tuple[str, ...]]
    lists: dict[str, tuple[str, ...]]  # guardrail, success_metric, bundle, components, ...


@dataclass(frozen=True)
class RepairRule:
    words: tuple[str, ...]
    to: tuple[str, ...]


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


def load_phase_rules(path: Path | None = None) -> PhaseRules:
    path = path or RULES_DIR / "phases.toml"
    data = _load(path)
    _require(data, {"threshold": (int, float), "continuation": (int, float),
                    "other_max_tokens": int, "cue": list}, str(path))
    groups = []
    for i, raw in enumerate(data["cue"]):
        where = f"{path} cue #{i + 1}"
        if not isinstance(raw, dict):
            raise BadInputError(f"{where}: expected a table")
        raw = {"generic": False, "negatable": False, **raw}
        _require(raw, {"phase": str, "weight": (int, float), "phrases": list, "generic": bool,
                       "negatable": bool}, where)
        if raw["phase"] not in PHASES:
            raise BadInputError(f"{where}: unknown phase {raw['phase']!r} "
                                f"(expected one of: {', '.join(PHASES)})")
        groups.append(CueGroup(raw["phase"], float(raw["weight"]),
                               _str_list(raw["phrases"], where), raw["generic"], raw["negatable"]))
    return PhaseRules(float(data["threshold"]), float(data["continuation"]),
                      int(data["other_max_tokens"]), tuple(groups))


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
    needed = ("min_constraint_kinds", "overbuilt_min_components", "overbuilt_with_scope_min",
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
            "member_effect", "infrastructure", "negation")
    _require(data, dict.fromkeys(keys, dict), str(path))
    kinds = data["constraint_kinds"]
    if sorted(kinds) != sorted(CONSTRAINT_KINDS):
        raise BadInputError(f"{path} [constraint_kinds]: expected keys "
                            f"{', '.join(CONSTRAINT_KINDS)}")
    ck = {k: _str_list(v, f"{path} constraint_kinds.{k}") for k, v in kinds.items()}
    lists = {}
    for k in keys[1:]:
        field_name = "deferral" if k == "negation" else "phrases"
        _require(data[k], {field_name: list}, f"{path} [{k}]")
        lists[k] = _str_list(data[k][field_name], f"{path} [{k}]")
    return Signals(ck, lists)


def load_repairs(path: Path | None = None) -> tuple[RepairRule, ...]:
    path = path or RULES_DIR / "asr_repair.toml"
    data = _load(path)
    _require(data, {"rules": list}, str(path))
    out = []
    for i, raw in enumerate(data["rules"]):
        where = f"{path} rule #{i + 1}"
        _require(raw, {"words": list, "to": list}, where)
        out.append(RepairRule(tuple(w.lower() for w in _str_list(raw["words"], where)),
                              _str_list(raw["to"], where)))
    return tuple(out)


@lru_cache(maxsize=1)
def default_rules() -> tuple[PhaseRules, FlagRules, Signals, tuple[RepairRule, ...]]:
    return load_phase_rules(), load_flag_rules(), load_signals(), load_repairs()
