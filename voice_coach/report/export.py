"""Captions of a session: WebVTT and SRT, with the phase on each cue and the flags as notes.

Cue text comes from the (repaired) sentences, timed by the recognizer's words: each
sentence is cut into cues of at most ``MAX_CUE_S`` seconds and ``MAX_CUE_WORDS`` words, so a
cue never spans two sentences (or two phases). A flag becomes its own cue at its evidence
time: ``⚑ no_guardrail: advice``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice_coach.audio.io import atomic_write_bytes
from voice_coach.errors import BadInputError, OutputError
from voice_coach.report import flags_of, is_missing, sentences_of, words_of
from voice_coach.report.replay import phase_title
from voice_coach.values import Sentence, Word

MAX_CUE_S = 7.0
MAX_CUE_WORDS = 12
MIN_CUE_S = 0.3  # a one-word cue still stays on screen long enough to read
LINE_CHARS = 42  # cues longer than this are broken into two balanced lines
FLAG_MIN_S, FLAG_MAX_S = 3.0, 8.0
FLAG_MARK = "⚑"
FLAG_LINE_CHARS = 56
FLAG_CUE_SETTINGS = "line:0"  # WebVTT: flag notes at the top, clear of the speech captions


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    text: str  # plain text; may hold a newline between two lines
    kind: str = "speech"  # speech | flag


def _words_per_sentence(sentences: Sequence[Sentence], words: Sequence[Word]
                        ) -> list[list[Word]]:
    """Each word goes to exactly one sentence: the first (in order) whose span holds its
    midpoint, so a word on a boundary is not captioned twice."""
    out: list[list[Word]] = [[] for _ in sentences]
    j = 0
    eps = 0.02
    for w in words:
        mid = (w.start_s + w.end_s) / 2
        while j < len(sentences) and mid > sentences[j].end_s + eps:
            j += 1
        if j < len(sentences) and mid >= sentences[j].start_s - eps:
            out[j].append(w)
    return out


def _token_times(s: Sentence, tokens: list[str], words: list[Word]) -> list[tuple[float, float]]:
    """A (start, end) per token of the sentence text. Tokens map onto the recognizer's words
    in proportion (one to one when the repair kept the count), or spread over the span."""
    n = len(tokens)
    if words:
        m = len(words)
        times = []
        for i in range(n):
            a = words[min(m - 1, (i * m) // n)]
            b = words[min(m - 1, max((i * m) // n, ((i + 1) * m) // n - 1))]
            times.append((a.start_s, max(a.end_s, b.end_s)))
        return times
    step = max(s.end_s - s.start_s, 0.0) / max(n, 1)
    return [(s.start_s + i * step, s.start_s + (i + 1) * step) for i in range(n)]


def _split(tokens: list[str], times: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """[a, b) token ranges: greedy under the limits, then evened out when that still fits."""
    ranges: list[tuple[int, int]] = []
    a = 0
    while a < len(tokens):
        b = a + 1
        while (b < len(tokens) and b - a < MAX_CUE_WORDS
               and times[b][1] - times[a][0] <= MAX_CUE_S):
            b += 1
        ranges.append((a, b))
        a = b
    k = len(ranges)
    if k > 1:
        n = len(tokens)
        even = [(round(i * n / k), round((i + 1) * n / k)) for i in range(k)]
        if all(b - a <= MAX_CUE_WORDS and times[b - 1][1] - times[a][0] <= MAX_CUE_S
               for a, b in even if b > a):
            ranges = [(a, b) for a, b in even if b > a]
    return ranges


def _two_lines(text: str) -> str:
    if len(text) <= LINE_CHARS:
        return text
    mid = len(text) // 2
    left, right = text.rfind(" ", 0, mid + 1), text.find(" ", mid)
    cut = min((c for c in (left, right) if c > 0), key=lambda c: abs(c - mid), default=-1)
    return text if cut < 0 else text[:cut] + "\n" + text[cut + 1:]


def speech_cues(session: dict[str, Any]) -> list[Cue]:
    sentences = sentences_of(session)
    per = _words_per_sentence(sentences, words_of(session))
    cues: list[Cue] = []
    for s, ws in zip(sentences, per, strict=True):
        tokens = s.text.split() or [w.text for w in ws]
        if not tokens:
            continue
        times = _token_times(s, tokens, ws)
        label = f"[{s.speaker}]" if s.speaker else f"[{phase_title(s.phase)}]"
        for a, b in _split(tokens, times):
            start = times[a][0]
            end = max(times[b - 1][1], start + MIN_CUE_S)
            cues.append(Cue(start, end, _two_lines(f"{label} {' '.join(tokens[a:b])}")))
    return cues


def flag_cues(session: dict[str, Any]) -> list[Cue]:
    out = []
    for f in flags_of(session):
        where = " (expected here, not said)" if is_missing(f) else ""
        asked = " (only when asked)" if f.prompted else ""
        text = f"{FLAG_MARK} {f.id}{where}{asked}: {f.advice}".strip()
        dur = min(FLAG_MAX_S, max(FLAG_MIN_S, len(text.split()) / 3.0))
        start = max(0.0, f.evidence.start_s)
        lines = textwrap.wrap(text, FLAG_LINE_CHARS, break_on_hyphens=False)
        out.append(Cue(start, start + dur, "\n".join(lines), "flag"))
    return out


def session_cues(session: dict[str, Any], flags: bool = True) -> list[Cue]:
    """Speech and flag cues in start order (a flag after the speech cue it starts with)."""
    cues = speech_cues(session) + (flag_cues(session) if flags else [])
    if not cues:
        raise BadInputError("the session has no transcribed words to caption.")
    return sorted(cues, key=lambda c: (c.start_s, c.kind == "flag"))


def _clock(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _clean(text: str) -> list[str]:
    """Cue lines: no blank line (it would end the cue), no stray whitespace."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def vtt_escape(text: str) -> str:
    # escaping '>' also rules out '-->' in the text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def srt_escape(text: str) -> str:
    """SRT has no entities; players read <b>, <i>, <font> as markup, so angle brackets
    become look-alikes, and '-->' never appears."""
    return text.replace("<", "‹").replace(">", "›").replace("-->", "->")


def _times(c: Cue) -> tuple[float, float]:
    start = max(0.0, c.start_s)
    end = c.end_s
    if round(end * 1000) <= round(start * 1000):
        end = start + 0.001
    return start, end


def to_vtt(cues: Sequence[Cue], title: str | None = None) -> str:
    out = ["WEBVTT" + (f" - {' '.join(title.split())}".replace("-->", "->") if title else ""), ""]
    for c in cues:
        start, end = _times(c)
        settings = f" {FLAG_CUE_SETTINGS}" if c.kind == "flag" else ""
        out.append(f"{_clock(start, '.')} --> {_clock(end, '.')}{settings}")
        out += [vtt_escape(line) for line in _clean(c.text)]
        out.append("")
    return "\n".join(out)


def to_srt(cues: Sequence[Cue]) -> str:
    out: list[str] = []
    for i, c in enumerate(cues, 1):
        start, end = _times(c)
        out.append(str(i))
        out.append(f"{_clock(start, ',')} --> {_clock(end, ',')}")
        out += [srt_escape(line) for line in _clean(c.text)]
        out.append("")
    return "\n".join(out)


def _write(path: Path, text: str) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {path.parent}: {exc.strerror or exc}.") from None
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name such as answer.vtt.")
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def export_captions(session: dict[str, Any], vtt: Path | None = None, srt: Path | None = None,
                    flags: bool = True) -> list[Path]:
    """Write the requested caption files (atomically); returns their paths."""
    if vtt is None and srt is None:
        raise BadInputError("nothing to export: give --vtt OUT.vtt and/or --srt OUT.srt.")
    cues = session_cues(session, flags)
    written = []
    if vtt is not None:
        prompt = session.get("prompt", {})
        title = prompt.get("id") if prompt.get("id") not in (None, "", "open") else None
        written.append(_write(vtt, to_vtt(cues, title)))
    if srt is not None:
        written.append(_write(srt, to_srt(cues)))
    return written

