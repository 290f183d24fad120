"""Looking back at finished sessions: replay, captions, the HTML report and the history.

Every command here reads a session through :func:`open_session`, which goes through
``voice_coach.session.load_session`` (malformed JSON, newer schemas), then :func:`migrate`
(older schemas), then :func:`check_session` (the shapes this package relies on), so a
damaged session.json is one clear line (exit 2), never a traceback.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from voice_coach.errors import BadInputError
from voice_coach.session import SCHEMA_VERSION, load_session
from voice_coach.values import Evidence, Flag, Sentence, Word

MISSING_PREFIX = "(not said)"


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older session up to ``SCHEMA_VERSION`` (in place) and fill optional keys.

    Each schema step is one line here: 1 -> 2 added "clarifications" (none in older ones).
    """
    data.setdefault("clarifications", [])  # schema 1: no clarifying questions answered
    data.setdefault("kind", "run")
    data.setdefault("created", "")
    prompt = data.get("prompt")
    if not isinstance(prompt, dict):
        prompt = {}
    prompt.setdefault("id", "open")
    prompt.setdefault("text", "")
    prompt.setdefault("system", "general")
    data["prompt"] = prompt
    data.setdefault("strengths", [])
    data["schema_version"] = SCHEMA_VERSION
    return data


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_session(data: dict[str, Any], where: Path) -> None:
    """Raise BadInputError (one line) when a list or entry this package reads is malformed."""

    def bad(what: str) -> BadInputError:
        return BadInputError(f"{where}: session.json is damaged ({what}); run the answer "
                             "again, or `voice-coach recover` the folder if it was a practice.")

    for key in ("words", "sentences", "flags"):
        if not isinstance(data.get(key), list):
            raise bad(f"{key} is not a list")
    for i, w in enumerate(data["words"]):
        if not (isinstance(w, dict) and isinstance(w.get("text"), str)
                and _num(w.get("start_s")) and _num(w.get("end_s"))):
            raise bad(f"word {i} lacks text, start_s or end_s")
    for i, s in enumerate(data["sentences"]):
        if not (isinstance(s, dict) and isinstance(s.get("text"), str)
                and isinstance(s.get("phase"), str)
                and _num(s.get("start_s")) and _num(s.get("end_s"))):
            raise bad(f"sentence {i} lacks text, phase, start_s or end_s")
    for i, f in enumerate(data["flags"]):
        ev = f.get("evidence") if isinstance(f, dict) else None
        if not (isinstance(f, dict) and isinstance(f.get("id"), str)
                and isinstance(f.get("advice", ""), str) and isinstance(ev, dict)
                and isinstance(ev.get("quote", ""), str) and _num(ev.get("start_s"))):
            raise bad(f"flag {i} lacks id, advice or evidence")
    if not isinstance(data.get("metrics"), dict):
        raise bad("metrics is not an object")
    for key in ("duration_s", "words", "wpm", "filler_per_min"):
        v = data["metrics"].get(key)
        if v is not None and not _num(v):
            raise bad(f"metrics.{key} is not a number")


def open_session(path: Path) -> tuple[Path, dict[str, Any]]:
    """(session folder, session dict) for a session folder or its session.json."""
    p = Path(path)
    try:
        data = load_session(p)
    except OSError as exc:  # unreadable file or folder
        raise BadInputError(f"{p}: cannot read the session ({exc.strerror or exc}).") from None
    session_dir = p.parent if p.is_file() else p
    migrate(data)
    check_session(data, session_dir / "session.json")
    return session_dir, data


def _speaker(entry: dict[str, Any]) -> str:
    """Who said it: "" (the candidate) unless the entry names another speaker."""
    who = entry.get("speaker")
    return who if isinstance(who, str) else ""


def sentences_of(session: dict[str, Any]) -> list[Sentence]:
    out = [Sentence(str(s["text"]), str(s["phase"]), float(s["start_s"]), float(s["end_s"]),
                    _speaker(s)) for s in session.get("sentences", [])]
    return sorted(out, key=lambda s: s.start_s)


def words_of(session: dict[str, Any]) -> list[Word]:
    out = [Word(str(w["text"]), float(w["start_s"]), float(w["end_s"]),
                float(w.get("prob", 1.0) or 0.0), _speaker(w)) for w in session.get("words", [])]
    return sorted(out, key=lambda w: w.start_s)


def flags_of(session: dict[str, Any]) -> list[Flag]:
    return [Flag(str(f["id"]), str(f.get("severity", "")),
                 Evidence(str(f["evidence"].get("quote", "")), float(f["evidence"]["start_s"])),
                 str(f.get("advice", "")), bool(f.get("prompted", False)))
            for f in session.get("flags", [])]


def is_missing(flag: Flag) -> bool:
    """A flag for something never said: its evidence marks where it was expected."""
    return flag.evidence.quote.startswith(MISSING_PREFIX)


def audio_path(session_dir: Path, session: dict[str, Any]) -> Path | None:
    """The session's 16 kHz recording: the folder's audio.wav (the folder may have moved),
    else the recorded absolute path; None when neither exists."""
    local = session_dir / "audio.wav"
    if local.is_file():
        return local
    recorded = session.get("audio")
    if isinstance(recorded, str) and recorded:
        p = Path(recorded)
        if not p.is_absolute():
            p = session_dir / p
        if p.is_file():
            return p
    return None
