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
OPTIONAL = {"model_opening": str, "probes": dict, "clarifications": dict}
TOPICS_FILE = "clarification_topics.toml"  # topic words shared by every prompt
# files in the prompt folder that are not prompts (shared data)
SHARED_FILES = ("generic_probes.toml", TOPICS_FILE)
# a clarification is spoken in under ~8 s: about 20 words at a speaking pace
MAX_CLARIFICATION_WORDS = 22


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
    # topic (clarification_topics.toml) -> the interviewer's short answer to a clarifying
    # question on it, from this prompt's own facts
    clarifications: dict[str, str] = field(default_factory=dict)


OPEN_PROMPT = Prompt("open", "Open practice", "Open practice: no prompt was given.")


def prompts_dir() -> Path:
    env = os.environ.get("VOICE_COACH_PROMPTS")
    if env:
        return Path(env)
    cwd = Path.cwd() / "prompts"
    return PROJECT_PROMPTS if PROJECT_PROMPTS.is_dir() else cwd


def load_topics(directory: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The clarification topics and their words (``clarification_topics.toml``). A prompt
    folder without the file (a user's own) uses the shipped one; none at all: no topics."""
    path = (directory or prompts_dir()) / TOPICS_FILE
    if not path.is_file():
        path = PROJECT_PROMPTS / TOPICS_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"{path}: not valid TOML ({exc}); fix it.") from None
    topics = data.get("topics")
    if not isinstance(topics, dict) or not topics:
        raise BadInputError(f"{path}: expected [topics.NAME] tables with words = [...]")
    out: dict[str, tuple[str, ...]] = {}
    for name, t in topics.items():
        words = t.get("words") if isinstance(t, dict) else None
        if not isinstance(words, list) or not words or \
                not all(isinstance(w, str) and w.strip() for w in words):
            raise BadInputError(f"{path}: topics.{name}.words must be a non-empty list of "
                                "words or phrases")
        out[name] = tuple(words)
    return out


def check_clarifications(path: Path, table: dict[str, object], topics: dict[str, tuple[str, ...]]
                         ) -> dict[str, str]:
    """A prompt's [clarifications]: every key a known topic, every answer short and said."""
    for topic, answer in table.items():
        if topic not in topics:
            raise BadInputError(f"prompt file {path}: [clarifications] has unknown topic "
                                f"{topic!r}; topics (in {TOPICS_FILE}): {', '.join(topics)}")
        if not isinstance(answer, str) or not answer.strip():
            raise BadInputError(f"prompt file {path}: [clarifications] {topic} has an empty "
                                "answer; write what the interviewer would say")
        n = len(answer.split())
        if n > MAX_CLARIFICATION_WORDS:
            raise BadInputError(f"prompt file {path}: [clarifications] {topic} is {n} words; "
                                f"keep it to {MAX_CLARIFICATION_WORDS} (under 8 s spoken)")
    return {k: str(v).strip() for k, v in table.items()}


def load_prompt_file(path: Path, topics: dict[str, tuple[str, ...]] | None = None) -> Prompt:
    """One prompt; ``topics``: the clarification topics its [clarifications] may answer
    (read from the prompt's folder when not given)."""
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
        clarifications=check_clarifications(
            path, data.get("clarifications", {}),
            topics if topics is not None else load_topics(path.parent)),
    )


def load_prompts(directory: Path | None = None) -> list[Prompt]:
    d = directory or prompts_dir()
    if not d.is_dir():
        raise BadInputError(f"prompt folder {d} not found; set VOICE_COACH_PROMPTS or run "
                            "from the project folder.")
    out = []
    topics = load_topics(d)
    for path in sorted(d.glob("*.toml")):
        if path.name.startswith("generic") or path.name in SHARED_FILES:
            continue
        out.append(load_prompt_file(path, topics))
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
