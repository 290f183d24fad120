"""Practice history: every finished session in one SQLite file, and how each flag trends.

The database is ``$XDG_DATA_HOME/voice-coach/history.sqlite3`` (``~/.local/share/...`` by
default), or ``$VOICE_COACH_DB``, or ``--db PATH``. ``run``, ``practice`` and ``recover``
record each session they finish; recording is best effort and only ever logs a warning.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from voice_coach.audio.io import atomic_write_bytes
from voice_coach.errors import BadInputError, MissingComponentError, OutputError

log = logging.getLogger(__name__)

DB_ENV = "VOICE_COACH_DB"
DB_NAME = "history.sqlite3"
DB_VERSION = 1

RAISED, PROMPTED, NOT_RAISED = "raised", "prompted", "not raised"
MARKS = {RAISED: "■", PROMPTED: "◩", NOT_RAISED: "□"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    created_ts REAL NOT NULL,
    kind TEXT,
    prompt_id TEXT,
    duration_s REAL,
    words INTEGER,
    wpm REAL,
    filler_per_min REAL,
    flags TEXT NOT NULL,
    n_flags INTEGER NOT NULL,
    recorded_ts REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_created ON sessions (created_ts);
CREATE TABLE IF NOT EXISTS flags (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    flag_id TEXT NOT NULL,
    prompted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS flags_session ON flags (session_id);
CREATE INDEX IF NOT EXISTS flags_flag ON flags (flag_id);
"""


def default_db_path() -> Path:
    """$VOICE_COACH_DB, else $XDG_DATA_HOME/voice-coach/history.sqlite3, else ~/.local/share."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "voice-coach" / DB_NAME


@contextmanager
def connect(db: Path, create: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection with the schema in place; errors become one-line VoiceCoachErrors."""
    db = Path(db)
    if create:
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {db.parent} for the history: "
                              f"{exc.strerror or exc}. Set {DB_ENV} or use --db.") from None
    try:
        con = sqlite3.connect(str(db), timeout=10.0)
    except sqlite3.Error as exc:
        raise OutputError(f"cannot open the history {db}: {exc}. "
                          f"Set {DB_ENV} or use --db.") from None
    try:
        try:
            con.execute("PRAGMA foreign_keys = ON")
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > DB_VERSION:
                raise BadInputError(f"{db}: history format {version} is newer than this "
                                    "voice-coach understands; upgrade voice-coach.")
            with con:
                con.executescript(SCHEMA)
                con.execute(f"PRAGMA user_version = {DB_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise BadInputError(f"{db}: not a usable history database ({exc}); move it aside "
                                "or give another with --db.") from None
        yield con
    finally:
        con.close()


def _created_ts(created: str, fallback: float) -> float:
    for parse in (lambda s: datetime.strptime(s, "%Y-%m-%dT%H:%M:%S%z"), datetime.fromisoformat):
        try:
            return parse(created).timestamp()
        except (ValueError, TypeError):
            continue
    return fallback


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def record_session(session_dir: Path, session: dict[str, Any], db: Path | None = None) -> None:
    """Add the session to the history; recording the same folder again replaces its row."""
    path = str(Path(session_dir).resolve())
    db = db or default_db_path()
    m = session.get("metrics") or {}
    flags: list[dict[str, Any]] = [{"id": str(f.get("id")), "severity": str(f.get("severity", "")),
              "prompted": bool(f.get("prompted", False))}
             for f in session.get("flags") or [] if isinstance(f, dict)]
    created = str(session.get("created") or "")
    try:
        mtime = (Path(session_dir) / "session.json").stat().st_mtime
    except OSError:
        mtime = time.time()
    ts = _created_ts(created, mtime)
    if not created:
        created = datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%dT%H:%M:%S%z")
    prompt = session.get("prompt") or {}
    words = _num(m.get("words"))
    row = (path, created, ts, session.get("kind"), prompt.get("id"), _num(m.get("duration_s")),
           int(words) if words is not None else None, _num(m.get("wpm")),
           _num(m.get("filler_per_min")), json.dumps(flags), len(flags), time.time())
    with connect(db) as con:
        try:
            with con:
                con.execute("DELETE FROM sessions WHERE path = ?", (path,))
                cur = con.execute(
                    "INSERT INTO sessions (path, created, created_ts, kind, prompt_id, "
                    "duration_s, words, wpm, filler_per_min, flags, n_flags, recorded_ts) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
                con.executemany("INSERT INTO flags (session_id, flag_id, prompted) "
                                "VALUES (?, ?, ?)",
                                [(cur.lastrowid, f["id"], int(f["prompted"])) for f in flags])
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write the history {db}: {exc}.") from None


def record_quietly(session_dir: Path, db: Path | None = None) -> bool:
    """For the commands that finish a session: record it, and on any failure log one warning
    and carry on (the session itself is already safe on disk). True when recorded."""
    try:
        from voice_coach.report import open_session

        d, session = open_session(Path(session_dir))
        record_session(d, session, db)
        return True
    except Exception as exc:  # noqa: BLE001 - the history must never fail a finished run
        msg = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        log.warning("session not added to the history: %s", msg)
        return False


# -- reading it back -----------------------------------------------------------------------

@dataclass(frozen=True)
class SessionRow:
    id: int
    path: str
    created: str
    created_ts: float
    kind: str | None
    prompt_id: str | None
    duration_s: float | None
    words: int | None
    wpm: float | None
    filler_per_min: float | None
    flags: tuple[dict[str, Any], ...]
    n_flags: int

    def state(self, flag_id: str) -> str:
        hits = [f for f in self.flags if f.get("id") == flag_id]
        if not hits:
            return NOT_RAISED
        return PROMPTED if all(f.get("prompted") for f in hits) else RAISED

    @property
    def date(self) -> str:
        return datetime.fromtimestamp(self.created_ts).strftime("%Y-%m-%d %H:%M")

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "created": self.created, "kind": self.kind,
                "prompt_id": self.prompt_id, "duration_s": self.duration_s, "words": self.words,
                "wpm": self.wpm, "filler_per_min": self.filler_per_min,
                "flags": list(self.flags), "n_flags": self.n_flags}


@dataclass(frozen=True)
class FlagTrend:
    flag: str
    states: tuple[str, ...]  # per session, oldest first: raised | prompted | not raised
    trend: str

    @property
    def marks(self) -> str:
        return " ".join(MARKS[s] for s in self.states)


def load_sessions(db: Path, last: int = 10) -> list[SessionRow]:
    """The last ``last`` sessions, oldest first; [] when there is no history yet."""
    if not Path(db).exists():
        return []
    with connect(db, create=False) as con:
        try:
            rows = con.execute(
                "SELECT id, path, created, created_ts, kind, prompt_id, duration_s, words, wpm, "
                "filler_per_min, flags, n_flags FROM sessions "
                "ORDER BY created_ts DESC, id DESC LIMIT ?", (max(1, last),)).fetchall()
        except sqlite3.Error as exc:
            raise BadInputError(f"{db}: cannot read the history ({exc}).") from None
    out = []
    for r in reversed(rows):
        try:
            flags = tuple(f for f in json.loads(r[10]) if isinstance(f, dict))
        except (json.JSONDecodeError, TypeError):
            flags = ()
        out.append(SessionRow(id=r[0], path=r[1], created=r[2], created_ts=r[3], kind=r[4],
                              prompt_id=r[5], duration_s=r[6], words=r[7], wpm=r[8],
                              filler_per_min=r[9], flags=flags, n_flags=r[11]))
    return out


def classify(states: Sequence[str]) -> str:
    """One word for a flag's course over the sessions (oldest first), from the latest one:

    not raised now but before: "stopped firing"; said only when asked now: "improving";
    raised now: "new" (never before), "persistent" (also last time), "came back" (not last
    time, but earlier), "slipping" (last time only when asked).
    """
    *before, latest = states
    ever_before = any(s != NOT_RAISED for s in before)
    if latest == NOT_RAISED:
        return "stopped firing" if ever_before else "not raised"
    if latest == PROMPTED:
        return "improving" if RAISED in before else "said when asked"
    if not before:
        return "raised"
    if not ever_before:
        return "new"
    if before[-1] == PROMPTED:
        return "slipping"
    if before[-1] == RAISED:
        return "persistent"
    return "came back"


def flag_trends(sessions: Sequence[SessionRow]) -> list[FlagTrend]:
    """One row per flag raised in any of the sessions: raised most often first."""
    ids: dict[str, int] = {}
    for s in sessions:
        for f in s.flags:
            fid = str(f.get("id"))
            ids.setdefault(fid, len(ids))
    trends = []
    for fid in ids:
        states = tuple(s.state(fid) for s in sessions)
        trends.append(FlagTrend(fid, states, classify(states)))
    trends.sort(key=lambda t: (-sum(s == RAISED for s in t.states),
                               -sum(s != NOT_RAISED for s in t.states), ids[t.flag]))
    return trends


def _fmt_duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = round(seconds)
    return f"{s // 60:02d}:{s % 60:02d}"


def render_history(db: Path, sessions: Sequence[SessionRow], trends: Sequence[FlagTrend]) -> str:
    lines = [f"History: {db} (last {len(sessions)} session{'s' if len(sessions) != 1 else ''})",
             ""]
    pw = max([len("prompt")] + [len(s.prompt_id or "") for s in sessions])
    lines.append(f"  {'#':>2}  {'date':16s}  {'prompt':{pw}s}  {'kind':9s}  duration  "
                 f"{'wpm':>4s}  flags")
    for i, s in enumerate(sessions, 1):
        wpm = f"{s.wpm:4.0f}" if s.wpm is not None else "   –"
        lines.append(f"  {i:>2}  {s.date:16s}  {(s.prompt_id or '–'):{pw}s}  "
                     f"{(s.kind or '–'):9s}  {_fmt_duration(s.duration_s):>8s}  {wpm}  "
                     f"{s.n_flags:5d}")
    lines.append("")
    if not trends:
        lines.append("No flags in these sessions.")
        return "\n".join(lines) + "\n"
    lines.append(f"Flags, session 1 → {len(sessions)} "
                 f"({MARKS[RAISED]} raised  {MARKS[PROMPTED]} only when asked  "
                 f"{MARKS[NOT_RAISED]} not raised):")
    fw = max(len(t.flag) for t in trends)
    for t in trends:
        lines.append(f"  {t.flag:{fw}s}  {t.marks}  {t.trend}")
    return "\n".join(lines) + "\n"


def history_json(db: Path, sessions: Sequence[SessionRow], trends: Sequence[FlagTrend]
                 ) -> dict[str, Any]:
    return {"db": str(db), "sessions": [s.to_json() for s in sessions],
            "trends": [{"flag": t.flag, "states": list(t.states), "marks": t.marks,
                        "trend": t.trend} for t in trends]}


def plot_history(sessions: Sequence[SessionRow], trends: Sequence[FlagTrend], out: Path) -> Path:
    """A PNG: the flags x sessions grid (with each flag's trend word) over the flag count."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.colors import ListedColormap
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError:
        raise MissingComponentError("matplotlib is not installed (needed for --plot): "
                                    "run `.venv/bin/pip install matplotlib`.") from None
    import numpy as np

    n = len(sessions)
    rows = max(1, len(trends))
    fig = Figure(figsize=(max(6.5, 2.6 + 0.75 * n + 1.6), 1.9 + 0.42 * rows + 1.6), dpi=110)
    FigureCanvasAgg(fig)
    gs = fig.add_gridspec(2, 1, height_ratios=[max(1.0, 0.42 * rows), 1.1], hspace=0.35)
    ax = fig.add_subplot(gs[0])
    code = {NOT_RAISED: 0, PROMPTED: 1, RAISED: 2}
    colors = ["#e8edf2", "#f2b134", "#d1495b"]
    grid = np.array([[code[s] for s in t.states] for t in trends] or [[0] * n], dtype=float)
    ax.imshow(grid, cmap=ListedColormap(colors), vmin=-0.5, vmax=2.5, aspect="auto",
              interpolation="nearest")
    ax.set_xticks(range(n))
    ax.set_xticklabels([f"{i}\n{s.date[5:]}" for i, s in enumerate(sessions, 1)], fontsize=7)
    ax.set_yticks(range(rows))
    ax.set_yticklabels([t.flag for t in trends] or ["(no flags)"], fontsize=8)
    ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for i, t in enumerate(trends):
        ax.text(n - 0.5 + 0.15, i, t.trend, va="center", ha="left", fontsize=8,
                clip_on=False)
    ax.set_title("Flags per session (oldest → newest)", fontsize=10, loc="left")
    fig.legend(handles=[Patch(color=colors[2], label="raised"),
                        Patch(color=colors[1], label="only when asked"),
                        Patch(color=colors[0], label="not raised")],
               loc="upper right", bbox_to_anchor=(0.99, 0.995), ncol=3, fontsize=7,
               frameon=False)
    bx = fig.add_subplot(gs[1])
    xs = np.arange(1, n + 1)
    bx.bar(xs, [s.n_flags for s in sessions], color="#8aa2b8", label="flags")
    bx.set_ylabel("flags", fontsize=8)
    bx.set_xticks(xs)
    bx.tick_params(labelsize=7)
    bx.set_xlim(0.5, n + 0.5)
    wpm = [s.wpm if s.wpm is not None else np.nan for s in sessions]
    cx = bx.twinx()
    cx.plot(xs, wpm, color="#2e4057", marker="o", linewidth=1.5, label="words/min")
    cx.set_ylabel("words/min", fontsize=8)
    cx.tick_params(labelsize=7)
    bx.set_title("Flags and pace per session", fontsize=10, loc="left")
    fig.subplots_adjust(left=0.26, right=0.80, top=0.90, bottom=0.08)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {out.parent}: {exc.strerror or exc}.") from None
    atomic_write_bytes(out, buf.getvalue())
    return out


def rebuild(db: Path, root: Path) -> tuple[int, int]:
    """Record every session folder under ``root``. Returns (recorded, skipped)."""
    from voice_coach.report import open_session

    if not Path(root).is_dir():
        raise BadInputError(f"{root}: no such folder to rebuild the history from.")
    ok = skipped = 0
    for sj in sorted(Path(root).rglob("session.json")):
        try:
            d, session = open_session(sj.parent)
        except BadInputError as exc:
            log.warning("skipped: %s", exc.message)
            skipped += 1
            continue
        record_session(d, session, db)
        ok += 1
    return ok, skipped
