"""Subcommands of the live path: practice, devices, recover."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any


def _device(value: str | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def register(sub: Any, commands: dict[str, Callable[[argparse.Namespace], int]]) -> None:
    from voice_coach.cli import add_rate_arg  # (the main CLI imports this module's commands)

    p = sub.add_parser("practice", help="hands-free practice: the coach asks, you answer aloud")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--prompt", default=None, help="prompt id (see `voice-coach prompts`)")
    g.add_argument("--random", action="store_true", help="a random prompt (the default)")
    p.add_argument("--out", type=Path, default=None, help="session folder")
    p.add_argument("--simulate-mic", type=Path, action="append", default=[], metavar="FILE",
                   help="feed FILE through the microphone path instead of a device "
                        "(repeat: one file per turn)")
    p.add_argument("--speed", type=float, default=1.0,
                   help="simulated microphone speed, e.g. 8 for 8x real time")
    p.add_argument("--end-silence", type=float, default=None, metavar="S",
                   help="end every answer after S seconds of silence (the old fixed rule); "
                        "default: the pause needed depends on what was said, about 1 s "
                        "after a finished answer, 10 s or more mid-answer")
    p.add_argument("--max-minutes", type=float, default=30.0,
                   help="longest answer in minutes (default 30)")
    p.add_argument("--seed", type=int, default=None,
                   help="session seed: the prompt for --random and the follow-up wording")
    p.add_argument("--no-questions", action="store_true",
                   help="the coach does not answer clarifying questions (a question and a "
                        "pause are just more answer)")
    p.add_argument("--follow-ups", type=int, default=3,
                   help="follow-up probes after the first answer (default 3; 0 for none)")
    p.add_argument("--minutes", type=float, default=None,
                   help="timed session of this length, with spoken time cues")
    p.add_argument("--input-device", default=None, help="input device index or name")
    p.add_argument("--echo-tail", type=float, default=None, metavar="SECONDS",
                   help="what the microphone hears this long after the coach stops speaking "
                        "is taken as the coach's echo, not your words (default 0.3; raise it "
                        "for Bluetooth speakers)")
    p.add_argument("--model", default=None, help="whisper model name or folder")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads for the recognizer (default: the CPUs this process may "
                        "use)")
    p.add_argument("--hotwords", action="store_true",
                   help="bias the recognizer towards the prompt's terms (off: measured worse)")
    p.add_argument("--no-speak", action="store_true",
                   help="write the coach's speech to WAV files only, do not play it")
    p.add_argument("--voice", default="pyttsx3", choices=["pyttsx3", "espeak", "piper"],
                   help="TTS engine for the coach (default: pyttsx3; piper: neural voice)")
    p.add_argument("--output-device", default=None, help="output device index or name")
    add_rate_arg(p)
    commands["practice"] = cmd_practice

    p = sub.add_parser("devices", help="list audio input and output devices")
    commands["devices"] = cmd_devices

    p = sub.add_parser("recover", help="finish a practice session cut off by a crash")
    p.add_argument("session", type=Path, help="the session folder")
    p.add_argument("--voice", default="pyttsx3", choices=["pyttsx3", "espeak", "piper"],
                   help="TTS engine for the spoken feedback (default: pyttsx3)")
    add_rate_arg(p)
    commands["recover"] = cmd_recover


def cmd_practice(args: argparse.Namespace) -> int:
    from voice_coach.asr import TranscribeOptions
    from voice_coach.live.capture import CaptureOptions
    from voice_coach.live.engine import ListenOptions
    from voice_coach.live.interview import InterviewOptions
    from voice_coach.live.practice import PracticeOptions, practice
    from voice_coach.tts import SpeakOptions
    from voice_coach.ui import Status

    tr = TranscribeOptions(model=args.model, use_hotwords=args.hotwords)
    capture = CaptureOptions(device=_device(args.input_device))
    if args.echo_tail is not None:
        capture = replace(capture, echo_tail_s=max(0.0, args.echo_tail))
    if args.threads:
        tr = replace(tr, cpu_threads=args.threads)
    opt = PracticeOptions(
        prompt_id=args.prompt, out_dir=args.out, simulate_mic=tuple(args.simulate_mic),
        speed=args.speed, seed=args.seed,
        listen=ListenOptions(end_silence_s=args.end_silence, max_answer_s=args.max_minutes * 60),
        capture=capture, transcribe=tr,
        speak=SpeakOptions(engine=args.voice, rate_wpm=args.rate), play=not args.no_speak,
        output_device=_device(args.output_device),
        interview=InterviewOptions(follow_ups=args.follow_ups, minutes=args.minutes),
        answer_questions=not args.no_questions)
    res = practice(opt, Status(quiet=args.quiet))
    out = sys.stdout
    if res.analysis is None:
        out.write(f"Skipped. Session folder: {res.session_dir}\n")
        return 0
    from voice_coach.report.history import record_quietly

    record_quietly(res.session_dir)  # best effort: a failure only logs a warning
    out.write((res.session_dir / "feedback.txt").read_text(encoding="utf-8"))
    t = res.timing
    out.write(f"\nAnswer ended by {res.turns[-1].end_reason} after {t.get('answer_s', 0):.1f} s; "
              f"last word -> feedback {t.get('last_word_to_feedback_s', 0):.2f} s "
              f"({t.get('last_word_to_end_decision_s', 0):.2f} s of pause, then "
              f"{t.get('end_of_answer_to_feedback_s', 0):.2f} s of work).\n")
    out.write(f"Session written to {res.session_dir}\n")
    if res.feedback_wav is not None and not res.played:
        out.write(f"Spoken feedback: {res.feedback_wav}\n")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from voice_coach.live.capture import list_devices

    for line in list_devices():
        sys.stdout.write(line + "\n")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from voice_coach.live.practice import recover
    from voice_coach.tts import SpeakOptions
    from voice_coach.ui import Status

    speak = SpeakOptions(engine=args.voice, rate_wpm=args.rate)
    d = recover(args.session, Status(quiet=args.quiet), speak=speak)
    from voice_coach.report.history import record_quietly

    record_quietly(d)  # best effort: a failure only logs a warning
    sys.stdout.write((d / "feedback.txt").read_text(encoding="utf-8"))
    sys.stdout.write(f"\nSession recovered in {d}\n")
    return 0
