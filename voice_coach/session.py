"""Sessions on disk: session.json (versioned), the 16 kHz audio copy, transcript and feedback.

A session folder is built in a hidden staging folder beside its destination and renamed into
place when complete, so a failure never leaves half a session behind.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from voice_coach.audio.io import atomic_write_bytes
from voice_coach.errors import BadInputError, OutputError
from voice_coach.values import Analysis, Claim, Evidence, Flag, Metrics, Sentence, Word

# 2: "clarifications" (the candidate's questions to the coach during practice and its
# replies); schema 1 sessions load with none
SCHEMA_VERSION = 2


def analysis_to_dict(a: Analysis) -> dict[str, Any]:
    return {
        "sentences": [dataclasses.asdict(s) for s in a.sentences],
        "flags": [dataclasses.asdict(f) for f in a.flags],
        "strengths": list(a.strengths),
        "metrics": dataclasses.asdict(a.metrics),
        "claims": [dataclasses.asdict(c) for c in a.claims],
    }


def analysis_from_dict(d: dict[str, Any]) -> Analysis:
    return Analysis(
        sentences=[Sentence(**s) for s in d["sentences"]],
        flags=[Flag(f["id"], f["severity"], Evidence(**f["evidence"]), f["advice"],
                    f.get("prompted", False)) for f in d["flags"]],
        strengths=list(d["strengths"]),
        metrics=Metrics(**d["metrics"]),
        claims=[Claim(**c) for c in d.get("claims", [])],  # sessions before claims have none
    )


def words_to_list(words: list[Word]) -> list[dict[str, Any]]:
    """Words as session.json keeps them; ``speaker`` only for another speaker's words (the
    candidate's, by far the most, stay as small as before)."""
    return [{"text": w.text, "start_s": w.start_s, "end_s": w.end_s, "prob": w.prob,
             **({"speaker": w.speaker} if w.speaker else {})} for w in words]


def load_session(directory: Path) -> dict[str, Any]:
    path = Path(directory)
    path = path / "session.json" if path.is_dir() else path
    if not path.exists():
        raise BadInputError(f"{path}: no session here. Give a folder written by "
                            "`voice-coach run` or `practice`.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path}: session.json is malformed or truncated "
                            f"({exc.__class__.__name__} at position {getattr(exc, 'pos', '?')}); "
                            "run `voice-coach recover` "
                            "on the folder if it came from an interrupted session.") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise BadInputError(f"{path}: not a voice-coach session (no schema_version).")
    version = data["schema_version"]
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise BadInputError(f"{path}: session schema {version} is newer than this voice-coach "
                            f"understands ({SCHEMA_VERSION}); upgrade voice-coach.")
    missing = [k for k in ("words", "sentences", "flags", "metrics") if k not in data]
    if missing:
        raise BadInputError(f"{path}: session.json lacks {', '.join(missing)}.")
    return data


class StagedSession:
    """Collects a session's files in ``.NAME.partial-PID`` and moves them into place at once."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir).absolute()
        parent = self.out_dir.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {parent}: {exc.strerror}. "
                              "Choose another --out.") from None
        if self.out_dir.exists() and any(self.out_dir.iterdir()) and \
                not (self.out_dir / "session.json").exists():
            raise OutputError(f"{self.out_dir} exists and is not a session folder; "
                              "choose an empty or new folder with --out.")
        self.stage = parent / f".{self.out_dir.name}.partial-{os.getpid()}"
        try:
            if self.stage.exists():
                shutil.rmtree(self.stage)
            self.stage.mkdir()
        except OSError as exc:
            raise OutputError(f"cannot write in {parent}: {exc.strerror}. "
                              "Choose a writable folder with --out.") from None

    def path(self, name: str) -> Path:
        return self.stage / name

    def write_text(self, name: str, text: str) -> None:
        atomic_write_bytes(self.stage / name, text.encode("utf-8"))

    def write_json(self, name: str, data: dict[str, Any]) -> None:
        self.write_text(name, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def commit(self) -> Path:
        """Move the staged folder into place (replacing an older session there)."""
        old = None
        try:
            if self.out_dir.exists():
                tag = f"{os.getpid()}-{time.time_ns()}"
                old = self.out_dir.parent / f".{self.out_dir.name}.old-{tag}"
                os.replace(self.out_dir, old)
            os.replace(self.stage, self.out_dir)
        except OSError as exc:
            raise OutputError(f"cannot move the session into {self.out_dir}: "
                              f"{exc.strerror}") from None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.out_dir

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


def default_session_dir(stem: str, root: Path | None = None) -> Path:
    root = root or Path.cwd() / "sessions"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:40] or "session"
    base = root / f"{time.strftime('%Y%m%d-%H%M%S')}-{safe}"
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path


class InPlaceSession:
    """A session folder written where it stands (practice: the audio must be on disk while it
    is captured). Each file is still written atomically; session.json is written last, so a
    folder without it is an interrupted session that `voice-coach recover` can finish."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir).absolute()
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {self.out_dir}: {exc.strerror}. "
                              "Choose a writable folder with --out.") from None
        self.stage = self.out_dir

    def path(self, name: str) -> Path:
        return self.out_dir / name

    def write_text(self, name: str, text: str) -> None:
        atomic_write_bytes(self.out_dir / name, text.encode("utf-8"))

    def write_json(self, name: str, data: dict[str, Any]) -> None:
        self.write_text(name, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def commit(self) -> Path:
        return self.out_dir

    def discard(self) -> None:
        """Nothing is removed: what the candidate said is kept."""
