"""Command line: maps flags onto option dataclasses and calls one function per command.

Expected failures (VoiceCoachError) print one line on stderr and exit with their code;
nothing else is caught here, so a real bug keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from voice_coach import __version__
from voice_coach.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, VoiceCoachError
from voice_coach.tts import SpeakOptions

Handler = Callable[[argparse.Namespace], int]

log = logging.getLogger("voice_coach")
DATA_DIR = Path(__file__).parent / "data"
DEMO_PROMPT = "homepage-recommendations"


def _add_speech_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-speak", action="store_true",
                   help="do not play the feedback (feedback.wav is still written)")
    p.add_argument("--voice", default="pyttsx3", choices=["pyttsx3", "espeak", "piper"],
                   help="TTS engine for spoken output (default: pyttsx3)")
    p.add_argument("--output-device", default=None, help="output device index or name")
    add_rate_arg(p)


def whole_number(what: str, low: int, high: int, unit: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, or one line saying so."""
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            n = low - 1
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number{unit} from {low} "
                                             f"to {high}, got {text!r}")
        return n
    return parse


# --rate: words per minute the coach speaks at; every engine honours it (espeak-ng's own
# range is 80-450)
speech_rate = whole_number("speech rate", 80, 450, " of words per minute")


def add_rate_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rate", type=speech_rate, default=SpeakOptions.rate_wpm, metavar="WPM",
                   help=f"how fast the coach speaks, in words per minute "
                        f"(default {SpeakOptions.rate_wpm})")


FILE_BEAM_SIZE = 5
_beam_size = whole_number("beam size", 1, 10)


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None,
                   help="whisper model name or CTranslate2 folder (default: tiny.en)")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for the recognizer")
    p.add_argument("--hotwords", action="store_true",
                   help="bias the recognizer towards the prompt's terms (off: measured worse)")
    # A file has nobody waiting for the end of the answer, so it gets a wider search than
    # live practice. Flags from speech vs flags from the text, all 92 corpus answers: espeak
    # voice 0.912 of answer x flag pairs at 5 against 0.897 greedy, piper 0.916 either way;
    # for 1.5x the recognizer time.
    p.add_argument("--beam-size", type=_beam_size, default=FILE_BEAM_SIZE,
                   help=f"recognizer beam width (default: {FILE_BEAM_SIZE}; 1 is greedy, "
                        "faster and a little less accurate)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="voice-coach",
        description="Offline voice mock interviewer for PM system-design interviews.")
    ap.add_argument("--version", action="version", version=f"voice-coach {__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log details on stderr")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="analyze a recorded answer (any audio format)")
    p.add_argument("audio", type=Path, help="the recording: wav, flac, mp3, m4a, ogg, ...")
    p.add_argument("--prompt", default=None, help="prompt id (see `voice-coach prompts`)")
    p.add_argument("--out", type=Path, default=None, help="session folder (default: sessions/NEW)")
    _add_model_args(p)
    _add_speech_args(p)

    p = sub.add_parser("analyze", help="analyze a text transcript")
    p.add_argument("transcript", type=Path,
                   help="plain text, text with speaker labels, .vtt or .srt (or - for stdin)")
    p.add_argument("--speaker", default=None,
                   help="whose turns to analyze (default: the one labelled Candidate or A, "
                        "else the speaker with the most words)")
    p.add_argument("--out", type=Path, default=None,
                   help="also write a session folder (for replay, report and export)")
    p.add_argument("--json", action="store_true", help="print JSON instead of the report")
    p.add_argument("--prompt", default=None, help="prompt id, for fix priorities")

    p = sub.add_parser("prompts", help="list the prompt library")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("demo", help="run the shipped sample answer and show the result")
    p.add_argument("--out", type=Path, default=None)
    _add_model_args(p)
    _add_speech_args(p)

    p = sub.add_parser("doctor", help="check models, TTS, audio devices and ffmpeg")
    p.add_argument("--json", action="store_true")
    for module in EXTENSIONS:
        importlib.import_module(module).register(sub, COMMANDS)
    return ap


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        # third-party chatter (faster_whisper logs each VAD pass at INFO)
        logging.getLogger("faster_whisper").setLevel(logging.ERROR)


def _transcribe_options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from voice_coach.asr import TranscribeOptions

    kw = {"model": args.model, "use_hotwords": args.hotwords, "beam_size": args.beam_size}
    if args.threads:
        kw["cpu_threads"] = args.threads
    return TranscribeOptions(**kw)


def cmd_run(args: argparse.Namespace, audio: Path | None = None, prompt: str | None = None) -> int:
    from voice_coach.pipeline import RunOptions, run_file
    from voice_coach.tts import SpeakOptions
    from voice_coach.ui import Status

    status = Status(quiet=args.quiet)
    opt = RunOptions(audio=audio or args.audio, prompt_id=prompt or getattr(args, "prompt", None),
                     out_dir=args.out, transcribe=_transcribe_options(args),
                     speak=SpeakOptions(engine=args.voice, rate_wpm=args.rate),
                     play=not args.no_speak, output_device=args.output_device)
    res = run_file(opt, status)
    if args.command == "run":
        from voice_coach.report.history import record_quietly

        record_quietly(res.session_dir)  # best effort: a failure only logs a warning
    out = sys.stdout
    if args.command == "demo":
        out.write((res.session_dir / "transcript.md").read_text(encoding="utf-8") + "\n")
        out.write((res.session_dir / "feedback.txt").read_text(encoding="utf-8") + "\n")
    else:
        out.write((res.session_dir / "feedback.txt").read_text(encoding="utf-8"))
    out.write(f"\nSession written to {res.session_dir}\n")
    if res.feedback_wav is not None:
        if res.played:
            out.write("Spoken feedback played.\n")
        elif args.no_speak:
            out.write(f"Spoken feedback: {res.feedback_wav}\n")
        else:
            out.write(f"No audio output device: the spoken feedback is in {res.feedback_wav}\n")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from voice_coach.feedback import written_feedback
    from voice_coach.pipeline import AnalyzeOptions, analyze_transcript
    from voice_coach.session import analysis_to_dict
    from voice_coach.transcripts import read_transcript_text, transcript_info

    opt = AnalyzeOptions(transcript=args.transcript, speaker=args.speaker,
                         prompt_id=args.prompt, out_dir=args.out)
    res = analyze_transcript(opt, read_transcript_text(opt.transcript))
    if res.choice.candidate and not args.quiet:
        sys.stderr.write(res.choice.summary() + "\n")
    if args.json:
        data = analysis_to_dict(res.analysis)
        if res.transcript.labeled:
            data["transcript"] = transcript_info(res.transcript, res.choice)
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(written_feedback(res.analysis))
    if res.session_dir is not None:
        (sys.stderr if args.json else sys.stdout).write(
            f"\nSession written to {res.session_dir}\n")
    return 0


def cmd_prompts(args: argparse.Namespace) -> int:
    from voice_coach.prompts import load_prompts

    prompts = load_prompts()
    if args.json:
        json.dump([{"id": p.id, "title": p.title, "system": p.system, "text": p.text}
                   for p in prompts], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(p.id) for p in prompts)
    for p in prompts:
        sys.stdout.write(f"{p.id:{width}s}  {p.system:15s} {p.title}\n")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    sample = DATA_DIR / "sample_answer.flac"
    from voice_coach.prompts import load_prompts

    ids = {p.id for p in load_prompts()}
    return cmd_run(args, audio=sample, prompt=DEMO_PROMPT if DEMO_PROMPT in ids else None)


def cmd_doctor(args: argparse.Namespace) -> int:
    from voice_coach.doctor import run_checks

    checks = run_checks()
    if args.json:
        json.dump([c.__dict__ for c in checks], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for c in checks:
            mark = "ok  " if c.ok else ("warn" if c.optional else "MISS")
            sys.stdout.write(f"[{mark}] {c.name}: {c.detail}\n")
            if not c.ok and c.fix:
                sys.stdout.write(f"       fix: {c.fix}\n")
    return 0 if all(c.ok or c.optional for c in checks) else 3


# Feature packages add their own subcommands: each module has
# ``register(subparsers, commands)`` that adds parsers and maps names to functions.
EXTENSIONS: list[str] = ["voice_coach.live.cli", "voice_coach.report.cli"]

COMMANDS: dict[str, Handler] = {"run": cmd_run, "analyze": cmd_analyze, "prompts": cmd_prompts,
                                "demo": cmd_demo, "doctor": cmd_doctor}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return COMMANDS[args.command](args)
    except VoiceCoachError as exc:
        sys.stderr.write(f"voice-coach: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("voice-coach: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
