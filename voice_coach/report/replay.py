"""Replay a session phase by phase: what was said, when, and the coach's notes on it.

The walk is data first: :func:`replay_plan` turns a session into :class:`ReplayStep` values
(a run of consecutive sentences in one phase, with the flags placed in it), and the
terminal (:class:`TerminalReplay`) and the hands-free voice (:class:`StepVoice`) only
render those steps.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import textwrap
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from voice_coach.audio.io import atomic_write_bytes, wav_bytes
from voice_coach.errors import BadInputError, OutputError
from voice_coach.feedback import PHASE_TITLES, mmss
from voice_coach.report import audio_path, flags_of, is_missing, sentences_of
from voice_coach.tts import SpeakOptions, SpeechFailed
from voice_coach.values import Flag, Sentence

log = logging.getLogger(__name__)

PLACE_TOLERANCE_S = 0.05  # evidence times are sentence starts, rounded in session.json


@dataclass(frozen=True)
class ReplayStep:
    """Consecutive sentences of one phase, and the flags whose evidence falls in them."""

    phase: str
    start_s: float
    end_s: float
    sentences: tuple[Sentence, ...]
    flags: tuple[Flag, ...] = ()
    question: str | None = None  # the coach's follow-up asked just before (practice turns)
    index: int = 0  # position among all the session's steps, 0-based
    # other speakers' sentences (an interviewer in a transcript) said just before this step,
    # or after it for the last step: shown as context, never part of the step's phase
    context: tuple[Sentence, ...] = ()

    @property
    def title(self) -> str:
        return phase_title(self.phase)

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.sentences)

    @property
    def span(self) -> str:
        return f"{mmss(self.start_s)}–{mmss(self.end_s)}"


@dataclass(frozen=True)
class ReplayPlan:
    steps: list[ReplayStep]
    unplaced: list[Flag] = field(default_factory=list)


def phase_title(phase: str) -> str:
    return PHASE_TITLES.get(phase, phase.replace("_", " ").capitalize())


def parse_phase(value: str) -> str:
    """A phase id from an id or a title, any case, '-' or '_': 'Trade-offs' -> 'tradeoffs'."""
    def norm(s: str) -> str:
        return re.sub(r"[^a-z]", "", s.lower())

    wanted = norm(value)
    for pid, title in PHASE_TITLES.items():
        if wanted in (norm(pid), norm(title)):
            return pid
    raise BadInputError(f"unknown phase {value!r}; valid phases: {', '.join(PHASE_TITLES)}.")


def _turn_starts(session: dict[str, Any]) -> list[tuple[float, str | None]]:
    """(start time, question) of each follow-up turn of a practice session."""
    out: list[tuple[float, str | None]] = []
    turns = session.get("turns")
    if not isinstance(turns, list):
        return out
    for i, t in enumerate(turns):
        audio = t.get("audio") if isinstance(t, dict) else None
        start = audio.get("start_s") if isinstance(audio, dict) else None
        if i > 0 and isinstance(start, (int, float)):
            q = t.get("question")
            out.append((float(start), q if isinstance(q, str) else None))
    return sorted(out, key=lambda x: x[0])


_Group = tuple[list[Sentence], str | None, list[Sentence]]  # sentences, question, context


def _group(sentences: Sequence[Sentence], turn_starts: Sequence[tuple[float, str | None]]
           ) -> list[_Group]:
    """Runs of the candidate's consecutive sentences in one phase; a run never crosses into
    a new turn, and another speaker's words start a new turn."""
    groups: list[_Group] = []
    pending = list(turn_starts)
    context: list[Sentence] = []
    for s in sentences:
        if s.speaker:
            context.append(s)
            continue
        question = None
        new_turn = bool(context)
        while pending and s.start_s >= pending[0][0] - PLACE_TOLERANCE_S:
            question = pending.pop(0)[1] or question
            new_turn = True
        if groups and not new_turn and groups[-1][0][-1].phase == s.phase:
            groups[-1][0].append(s)
        else:
            groups.append(([s], question, context))
            context = []
    if groups:
        groups[-1][2].extend(context)  # what others said after the candidate's last words
    return groups


def _place(flag: Flag, steps: Sequence[ReplayStep]) -> int | None:
    """Index of the step a flag belongs to: the one with a sentence starting at the evidence
    time, else the one whose span holds it; None when it falls in no step."""
    t = flag.evidence.start_s
    for i, st in enumerate(steps):
        if any(abs(s.start_s - t) <= PLACE_TOLERANCE_S for s in st.sentences):
            return i
    for i, st in enumerate(steps):
        if st.start_s - PLACE_TOLERANCE_S <= t <= st.end_s + PLACE_TOLERANCE_S:
            return i
    return None


def replay_plan(session: dict[str, Any]) -> ReplayPlan:
    """Every step of the session, in time order, and the flags no step holds."""
    sentences = sentences_of(session)
    groups = _group(sentences, _turn_starts(session))
    steps = [ReplayStep(g[0].phase, g[0].start_s, max(s.end_s for s in g), tuple(g), (), q, i,
                        tuple(c)) for i, (g, q, c) in enumerate(groups)]
    placed: dict[int, list[Flag]] = {}
    unplaced: list[Flag] = []
    for f in flags_of(session):
        i = _place(f, steps)
        if i is None:
            unplaced.append(f)
        else:
            placed.setdefault(i, []).append(f)
    steps = [replace(st, flags=tuple(placed.get(i, ()))) for i, st in enumerate(steps)]
    return ReplayPlan(steps, unplaced)


def replay_steps(session: dict[str, Any], phase: str | None = None, flags_only: bool = False
                 ) -> Iterator[ReplayStep]:
    """The steps to walk: all of them, or one phase's, or only those with flags."""
    for st in replay_plan(session).steps:
        if phase is not None and st.phase != phase:
            continue
        if flags_only and not st.flags:
            continue
        yield st


# -- words for the eye and the ear ---------------------------------------------------------

def flag_line(f: Flag) -> str:
    where = "expected here, not said" if is_missing(f) else (f.severity or "note")
    asked = ", only when asked" if f.prompted else ""
    return f"⚑ {f.id} ({where}{asked}): {f.advice}"


def annotation_text(step: ReplayStep) -> str:
    """What the coach says after the candidate's own audio for a step."""
    parts = [f"{step.title}, from {_spoken_time(step.start_s)} to {_spoken_time(step.end_s)}."]
    if not step.flags:
        parts.append("No notes on this part.")
    for f in step.flags:
        if is_missing(f):
            parts.append(f"Missing here: {f.advice}")
        else:
            parts.append(f"Note: {f.advice}")
    return " ".join(parts)


def _spoken_time(seconds: float) -> str:
    s = max(0, round(seconds))
    m, s = divmod(s, 60)
    if m == 0:
        return f"{s} seconds"
    return f"{m} minute{'s' if m != 1 else ''} {s}"


def render_step(step: ReplayStep, position: int, total: int, width: int = 88) -> str:
    wrap = textwrap.TextWrapper(width=max(40, width), initial_indent="  ",
                                subsequent_indent="  ")
    lines = [f"[{position}/{total}] {step.title}  {step.span}"]
    if step.question:
        lines += wrap.wrap(f"Coach asked: {step.question}")
    said = textwrap.TextWrapper(width=max(40, width), initial_indent="  ",
                                subsequent_indent=" " * 9)
    for s in sorted(step.sentences + step.context, key=lambda s: s.start_s):
        who = f"{s.speaker}: " if s.speaker else ""
        lines += said.wrap(f"{mmss(s.start_s)}  {who}{s.text.strip()}")
    flag_wrap = textwrap.TextWrapper(width=max(40, width), initial_indent="  ",
                                     subsequent_indent="      ")
    for f in step.flags:
        lines += flag_wrap.wrap(flag_line(f))
    return "\n".join(lines) + "\n"


def render_unplaced(flags: Sequence[Flag], width: int = 88) -> str:
    wrap = textwrap.TextWrapper(width=max(40, width), initial_indent="  ",
                                subsequent_indent="      ")
    lines = ["Not placed in the answer:"]
    for f in flags:
        lines += wrap.wrap(flag_line(f))
    return "\n".join(lines) + "\n"


# -- the candidate's audio and the spoken notes --------------------------------------------

def read_slice(wav_path: Path, start_s: float, end_s: float) -> tuple[bytes, int]:
    """PCM frames of [start_s, end_s) of a 16-bit mono WAV, clamped to the file."""
    try:
        with wave.open(str(wav_path), "rb") as w:
            rate, n = w.getframerate(), w.getnframes()
            if w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise BadInputError(f"{wav_path}: expected 16-bit mono audio.")
            a = min(n, max(0, round(start_s * rate)))
            b = min(n, max(a, round(end_s * rate)))
            w.setpos(a)
            return w.readframes(b - a), rate
    except (OSError, EOFError, wave.Error) as exc:
        raise BadInputError(f"{wav_path}: cannot read the session audio ({exc}).") from None


_STEP_FILE = re.compile(r"^\d{2,4}-[a-z0-9_]+-(answer|note)\.wav$")


def step_file_names(step: ReplayStep) -> tuple[str, str]:
    stem = f"{step.index + 1:02d}-{re.sub(r'[^a-z0-9_]', '_', step.phase.lower())}"
    return f"{stem}-answer.wav", f"{stem}-note.wav"


class StepVoice:
    """Speaks steps: the candidate's audio for the span, then the note read by the TTS.

    With an output device it plays both; without one (or when ``out_dir`` was asked for) it
    writes them as ``NN-phase-answer.wav`` and ``NN-phase-note.wav`` plus a ``replay.m3u``
    playlist, so the replay can be listened to in any player.
    """

    def __init__(self, session_dir: Path, session: dict[str, Any], speak: SpeakOptions,
                 out_dir: Path | None = None, output_device: int | str | None = None,
                 device_check: Callable[[int | str | None], bool] | None = None,
                 player: Callable[[Path, int | str | None], bool] | None = None) -> None:
        from voice_coach.tts import output_device_available, play_wav

        audio = audio_path(session_dir, session)
        if audio is None:
            raise BadInputError(f"{session_dir}: no audio.wav in the session; "
                                "replay without --speak.")
        self.audio = audio
        self.session_dir = session_dir
        self.speak = speak
        self.device = output_device
        self.play = player or play_wav
        self.can_play = (device_check or output_device_available)(output_device)
        self.out_dir: Path | None = None
        self.written: dict[str, Path] = {}  # by file name: a repeated step is listed once
        self.failures = 0
        if out_dir is not None or not self.can_play:
            self._use_folder(out_dir if out_dir is not None else session_dir / "replay")
        self._tmp = tempfile.TemporaryDirectory(prefix="vc-replay-")

    def _use_folder(self, d: Path) -> None:
        try:
            d.mkdir(parents=True, exist_ok=True)
            for old in d.iterdir():  # an earlier replay with more steps leaves no strays
                if _STEP_FILE.match(old.name):
                    old.unlink()
        except OSError as exc:
            raise OutputError(f"cannot write the replay audio in {d}: {exc.strerror or exc}. "
                              "Choose a writable folder with --out-audio.") from None
        if not os.access(d, os.W_OK):
            raise OutputError(f"cannot write the replay audio in {d}: permission denied. "
                              "Choose a writable folder with --out-audio.")
        self.out_dir = d

    def close(self) -> None:
        self._tmp.cleanup()
        if self.out_dir is not None and self.written:
            names = sorted(self.written)
            atomic_write_bytes(self.out_dir / "replay.m3u",
                               ("#EXTM3U\n" + "\n".join(names) + "\n").encode("utf-8"))

    def __enter__(self) -> StepVoice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def voice(self, step: ReplayStep) -> tuple[Path, Path | None]:
        """Write the step's two WAVs (in out_dir, or a temporary folder) and play them when a
        device exists. Returns (answer wav, note wav or None when the TTS failed)."""
        from voice_coach.tts import synthesize_with_fallback

        base = self.out_dir if self.out_dir is not None else Path(self._tmp.name)
        answer_name, note_name = step_file_names(step)
        answer = base / answer_name
        pcm, rate = read_slice(self.audio, step.start_s, step.end_s)
        atomic_write_bytes(answer, wav_bytes(pcm, rate))
        note: Path | None = base / note_name
        try:
            synthesize_with_fallback(annotation_text(step), base / note_name, self.speak)
        except SpeechFailed as exc:
            log.warning("step %d: no spoken note (%s)", step.index + 1, exc.message)
            self.failures += 1
            note = None
        if self.out_dir is not None:
            self.written.update({p.name: p for p in (answer, note) if p is not None})
        if self.can_play:
            for p in (answer, note):
                if p is not None and not self.play(p, self.device):
                    # the device went away: keep this and the next steps on disk instead
                    self.can_play = False
                    if self.out_dir is None:
                        self._use_folder(self.session_dir / "replay")
                        return self.voice(step)
                    break
        return answer, note


# -- the terminal walk ---------------------------------------------------------------------

NEXT, PREV, REPEAT, QUIT = "next", "previous", "repeat", "quit"
_KEYS = {"n": NEXT, "\r": NEXT, "\n": NEXT, " ": NEXT, "\x1b[C": NEXT, "\x1b[B": NEXT,
         "p": PREV, "\x1b[D": PREV, "\x1b[A": PREV, "r": REPEAT,
         "q": QUIT, "\x1b": QUIT, "\x04": QUIT}


def read_key(fd: int) -> str:
    """One key press from a terminal, in raw mode (restored before returning). Ctrl-C
    still interrupts: raw mode turns it into a byte, which is raised as KeyboardInterrupt."""
    import termios
    import tty

    old = termios.tcgetattr(fd)
    try:
        tty.setraw(fd, termios.TCSANOW)  # keep a key typed ahead (e.g. during playback)
        data = os.read(fd, 8)  # an arrow key arrives as one 3-byte escape sequence
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
    key = data.decode("utf-8", "replace")
    if key == "\x03":
        raise KeyboardInterrupt
    return key


def interactive_streams(stdin: TextIO, stdout: TextIO) -> bool:
    try:
        return stdin.isatty() and stdout.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalReplay:
    """Shows steps (and speaks them when a StepVoice is given); keys when interactive."""

    def __init__(self, steps: Sequence[ReplayStep], out: TextIO, voice: StepVoice | None = None,
                 interactive: bool = False, key_reader: Callable[[], str] | None = None,
                 width: int | None = None) -> None:
        self.steps = list(steps)
        self.out = out
        self.voice = voice
        self.interactive = interactive
        self.key_reader = key_reader
        self.width = width or min(100, shutil.get_terminal_size((88, 24)).columns)

    def show(self, i: int) -> None:
        self.out.write(render_step(self.steps[i], i + 1, len(self.steps), self.width))
        self.out.flush()
        if self.voice is not None:
            self.voice.voice(self.steps[i])

    def run(self) -> None:
        if not self.interactive:
            for i in range(len(self.steps)):
                self.show(i)
                self.out.write("\n")
            return
        assert self.key_reader is not None
        i = 0
        shown = -1
        while 0 <= i < len(self.steps):
            if shown != i:
                self.show(i)
                shown = i
            self.out.write("  n/Enter next · p previous · r repeat · q quit ")
            self.out.flush()
            key = self.key_reader()
            action = _KEYS.get(key) or _KEYS.get(key.lower())
            self.out.write("\n")
            if action == NEXT:
                i += 1
                self.out.write("\n")
            elif action == PREV:
                if i == 0:
                    self.out.write("  (this is the first step)\n")
                i = max(0, i - 1)
                shown = -1
            elif action == REPEAT:
                shown = -1
            elif action == QUIT:
                return


@dataclass(frozen=True)
class ReplayOptions:
    session: Path
    phase: str | None = None
    flags_only: bool = False
    speak: bool = False
    voice: str = "pyttsx3"
    out_audio: Path | None = None
    output_device: int | str | None = None


def replay(opt: ReplayOptions, stdin: TextIO | None = None, stdout: TextIO | None = None,
           device_check: Callable[[int | str | None], bool] | None = None) -> int:
    """The `voice-coach replay` command."""
    from voice_coach.report import open_session

    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    if opt.out_audio is not None and not opt.speak:
        raise BadInputError("--out-audio is where --speak writes its audio: add --speak.")
    phase = parse_phase(opt.phase) if opt.phase else None
    session_dir, session = open_session(opt.session)
    plan = replay_plan(session)
    steps = list(replay_steps(session, phase, opt.flags_only))
    prompt = session.get("prompt", {})
    out.write(f"Replay of {session_dir}" + (f": {prompt['text']}" if prompt.get("text")
                                             and prompt.get("id") != "open" else "") + "\n")
    if not plan.steps:
        out.write("This session has no transcribed sentences to replay.\n")
        return 0
    if not steps:
        if phase is not None:
            out.write(f"No {phase_title(phase)} part in this answer"
                      + (" with flags" if opt.flags_only else "") + ".\n")
        else:
            out.write("No step of this answer has a flag.\n")
    interactive = interactive_streams(stdin, out)
    out.write(f"{len(steps)} step{'s' if len(steps) != 1 else ''}"
              + (f" of {phase_title(phase)}" if phase else "")
              + (" with flags" if opt.flags_only else "") + ".\n\n")
    voice = None
    if opt.speak and steps:
        voice = StepVoice(session_dir, session, SpeakOptions(engine=opt.voice), opt.out_audio,
                          opt.output_device, device_check=device_check)
    try:
        reader = None
        if interactive:
            fd = stdin.fileno()

            def reader() -> str:
                return read_key(fd)
        TerminalReplay(steps, out, voice, interactive, reader).run()
    finally:
        if voice is not None:
            voice.close()
    if plan.unplaced and phase is None:
        out.write(render_unplaced(plan.unplaced))
    if voice is not None and voice.out_dir is not None and voice.written:
        why = "" if opt.out_audio is not None else "No audio output device: "
        out.write(f"\n{why}the replay audio is in {voice.out_dir} "
                  f"({len(voice.written)} WAV files, in order in replay.m3u).\n")
    if voice is not None and voice.failures:
        out.write(f"{voice.failures} spoken note(s) could not be synthesized; "
                  "they are shown above as text.\n")
    return 0
