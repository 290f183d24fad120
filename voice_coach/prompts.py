"""The prompt library: TOML files in ``prompts/``, loaded and validated."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from voice_coach.errors import BadInputError

PROJECT_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
REQUIRED = {"id": str, "title": str, "text": str, "member": str, "system": str,
            "domain_terms": list, "follow_ups": list}
OPTIONAL = {"model_opening": str, "probes": dict}


@dataclass(frozen=True)
class Prompt:
    id: str
    title: str
    text: str
    member: str = ""
    system: str = "general"
    domain_terms: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    model_opening: str = ""
    probes: dict[str, str] = field(default_factory=dict)


OPEN_PROMPT = Prompt("open", "Open practice", "Open practice: no prompt was given.")


def prompts_dir() -> Path:
    env = os.environ.get("VOICE_COACH_PROMPTS")
    if env:
        return Path(env)
    cwd = Path.cwd() / "prompts"
    return PROJECT_PROMPTS if PROJECT_PROMPTS.is_dir() else cwd


def load_prompt_file(path: Path) -> Prompt:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"prompt file {path} is not valid TOML: {exc}. "
                            "Fix it or remove it from prompts/.") from None
    missing = [k for k in REQUIRED if k not in data]
    wrong = [k for k, t in {**REQUIRED, **OPTIONAL}.items() if k in data
             and not isinstance(data[k], t)]
    if missing or wrong:
        what = f"missing {', '.join(missing)}" if missing else f"wrong type for {', '.join(wrong)}"
        raise BadInputError(f"prompt file {path}: {what} "
                            f"(expected keys: {', '.join(REQUIRED)}; optional: "
                            f"{', '.join(OPTIONAL)})")
    return Prompt(
        id=data["id"], title=data["title"], text=data["text"], member=data["member"],
        system=data["system"], domain_terms=tuple(map(str, data["domain_terms"])),
        follow_ups=tuple(map(str, data["follow_ups"])),
        model_opening=data.get("model_opening", ""),
        probes={k: v for k, v in data.get("probes", {}).items() if isinstance(v, str)},
    )


def load_prompts(directory: Path | None = None) -> list[Prompt]:
    d = directory or prompts_dir()
    if not d.is_dir():
        raise BadInputError(f"prompt folder {d} not found; set VOICE_COACH_PROMPTS or run "
                            "from the project folder.")
    out = []
    for path in sorted(d.glob("*.toml")):
        if path.name.startswith("generic"):
            continue
        out.append(load_prompt_file(path))
    return out


def get_prompt(prompt_id: str | None, directory: Path | None = None,
               rng: random.Random | None = None) -> Prompt:
    if prompt_id is None:
        return OPEN_PROMPT
    prompts = load_prompts(directory)
    if prompt_id == "random":
        return (rng or random.Random()).choice(prompts)
    for p in prompts:
        if p.id == prompt_id:
            return p
    ids = ", ".join(p.id for p in prompts)
    raise BadInputError(f"unknown prompt {prompt_id!r}; `voice-coach prompts` lists them: {ids}")
