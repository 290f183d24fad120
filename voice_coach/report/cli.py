"""Subcommands for finished sessions: replay, report, export, history."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _device(value: str | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def register(sub: Any, commands: dict[str, Callable[[argparse.Namespace], int]]) -> None:
    p = sub.add_parser("replay", help="walk through a session phase by phase, with the notes")
    p.add_argument("session", type=Path, help="a session folder (or its session.json)")
    p.add_argument("--phase", default=None,
                   help="only this phase (e.g. metrics, tradeoffs, failure_modes)")
    p.add_argument("--flags-only", action="store_true", help="only the steps with a flag")
    p.add_argument("--speak", action="store_true",
                   help="hands-free: play your audio for each step, then read the note aloud")
    p.add_argument("--voice", default="pyttsx3", choices=["pyttsx3", "espeak", "piper"],
                   help="TTS engine for the notes (default: pyttsx3)")
    p.add_argument("--out-audio", type=Path, default=None, metavar="DIR",
                   help="with --speak, write each step's WAVs here "
                        "(default when there is no output device: SESSION/replay)")
    p.add_argument("--output-device", default=None, help="output device index or name")
    commands["replay"] = cmd_replay

    p = sub.add_parser("report", help="write a session report (HTML)")
    p.add_argument("session", type=Path, help="a session folder (or its session.json)")
    p.add_argument("--html", type=Path, default=None, metavar="OUT.html",
                   help="write a self-contained HTML report here")
    commands["report"] = cmd_report

    p = sub.add_parser("export", help="captions of a session (WebVTT, SRT) with phases and flags")
    p.add_argument("session", type=Path, help="a session folder (or its session.json)")
    p.add_argument("--vtt", type=Path, default=None, metavar="OUT.vtt", help="write WebVTT")
    p.add_argument("--srt", type=Path, default=None, metavar="OUT.srt", help="write SubRip")
    p.add_argument("--no-flags", action="store_true", help="captions only, no flag notes")
    commands["export"] = cmd_export

    p = sub.add_parser("history", help="past sessions and how each flag trends")
    p.add_argument("--db", type=Path, default=None,
                   help="history database (default: $VOICE_COACH_DB, else "
                        "$XDG_DATA_HOME/voice-coach/history.sqlite3)")
    p.add_argument("--last", type=_positive, default=10, metavar="N",
                   help="how many recent sessions (default 10)")
    p.add_argument("--plot", type=Path, default=None, metavar="OUT.png",
                   help="also draw the flags x sessions grid (needs matplotlib)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--rebuild", type=Path, default=None, metavar="DIR",
                   help="first record every session folder found under DIR")
    commands["history"] = cmd_history


def cmd_replay(args: argparse.Namespace) -> int:
    from voice_coach.report.replay import ReplayOptions, replay

    return replay(ReplayOptions(session=args.session, phase=args.phase,
                                flags_only=args.flags_only, speak=args.speak, voice=args.voice,
                                out_audio=args.out_audio,
                                output_device=_device(args.output_device)))


def cmd_report(args: argparse.Namespace) -> int:
    from voice_coach.errors import BadInputError, MissingComponentError
    from voice_coach.report import open_session

    if args.html is None:
        raise BadInputError("say which report to write: voice-coach report SESSION "
                            "--html OUT.html")
    session_dir, session = open_session(args.session)
    try:
        from voice_coach.report.html import write_html_report
    except ModuleNotFoundError as exc:
        if exc.name != "voice_coach.report.html":
            raise
        raise MissingComponentError("the HTML report is not part of this build "
                                    "(voice_coach.report.html is missing).") from None
    out = write_html_report(session, session_dir, Path(args.html))
    sys.stdout.write(f"Report written to {out}\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from voice_coach.report import open_session
    from voice_coach.report.export import export_captions, session_cues

    if args.vtt is None and args.srt is None:
        from voice_coach.errors import BadInputError

        raise BadInputError("nothing to export: give --vtt OUT.vtt and/or --srt OUT.srt.")
    _, session = open_session(args.session)
    written = export_captions(session, args.vtt, args.srt, flags=not args.no_flags)
    cues = session_cues(session, flags=not args.no_flags)
    n_flag = sum(1 for c in cues if c.kind == "flag")
    for path in written:
        sys.stdout.write(f"Captions written to {path} ({len(cues) - n_flag} caption cues, "
                         f"{n_flag} flag notes)\n")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from voice_coach.report.history import (
        default_db_path,
        flag_trends,
        history_json,
        load_sessions,
        plot_history,
        rebuild,
        render_history,
    )

    db = args.db or default_db_path()
    if args.rebuild is not None:
        ok, skipped = rebuild(db, args.rebuild)
        sys.stderr.write(f"recorded {ok} session(s) from {args.rebuild}"
                         + (f", skipped {skipped} damaged" if skipped else "") + "\n")
    sessions = load_sessions(db, args.last)
    trends = flag_trends(sessions)
    plotted = None
    if args.plot is not None:
        if not sessions:
            from voice_coach.errors import BadInputError

            raise BadInputError(f"no sessions in {db} to plot yet: finish a `voice-coach run` "
                                "or `practice` first.")
        plotted = plot_history(sessions, trends, args.plot)
    if args.json:
        data = history_json(db, sessions, trends)
        if plotted is not None:
            data["plot"] = str(plotted)
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not sessions:
        sys.stdout.write(f"No sessions in the history yet ({db}). `voice-coach run` and "
                         "`practice` add each session they finish.\n")
        return 0
    sys.stdout.write(render_history(db, sessions, trends))
    if plotted is not None:
        sys.stdout.write(f"\nPlot written to {plotted}\n")
    return 0
