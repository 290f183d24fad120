"""A session as one self-contained HTML page: player, phase timeline, feedback, transcript.

The page loads nothing from the network: styles and script are inline, the recording is
embedded as a ``data:`` URI, and a Content-Security-Policy forbids every other source (and
any script but ours, by hash), so even a bug in the escaping below could not run a script
smuggled in through the transcript.

Everything that comes from the session (prompt, transcript, flags, strengths, file names) is
untrusted text: it is HTML-escaped when written into the page, and the data the script needs
travels in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written
as ``\\u003c`` etc., so no ``</script>`` can end it early.

Size of the embedded audio: 16 kHz mono 16-bit PCM is ~1.9 MB a minute, ~2.6 MB in base64.
Up to ``DOWNSAMPLE_ABOVE_S`` (20 min) the recording is embedded as recorded. Longer ones are
low-pass filtered and halved to 8 kHz (telephone quality, still clear speech, ~1.3 MB a
minute) and the page says so. Beyond ``MAX_EMBED_S`` (2 h, ~150 MB of page) the audio is not
embedded at all and the page points to audio.wav instead: browsers struggle with such pages.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import math
import wave
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from voice_coach.audio.io import atomic_write_bytes, read_wav, wav_bytes
from voice_coach.errors import BadInputError, OutputError
from voice_coach.feedback import PHASE_TITLES, mmss

log = logging.getLogger(__name__)

DOWNSAMPLE_ABOVE_S = 20 * 60.0  # longer recordings are embedded at 8 kHz
MAX_EMBED_S = 2 * 3600.0  # longer recordings are not embedded
MAX_FEEDBACK_WAV_BYTES = 8_000_000  # the spoken feedback is embedded when smaller than this

PHASE_COLORS = {
    "clarify_goal": "#2f6fdf", "metrics": "#0e9384", "scope": "#7a5af0",
    "constraints": "#dd7a1f", "design": "#2f9e44", "tradeoffs": "#c2417a",
    "failure_modes": "#d63b3b", "validation": "#a88a12", "other": "#8a919c",
}
EXTRA_COLORS = ("#5c7cfa", "#12b886", "#f76707", "#ae3ec9", "#1098ad", "#e8590c")
SEVERITIES = ("high", "medium", "low")
KIND_LABELS = {"run": "Recorded answer", "practice": "Live practice",
               "recovered": "Recovered session", "transcript": "Text transcript"}


@dataclass(frozen=True)
class _Audio:
    uri: str | None
    duration_s: float | None
    note: str | None  # shown below the player (or instead of it)


@dataclass(frozen=True)
class _Sentence:
    index: int
    text: str
    phase: str
    start_s: float
    end_s: float


def write_html_report(session: dict[str, Any], session_dir: Path, out: Path) -> Path:
    """Write ``session`` (as loaded by ``load_session``) as one self-contained HTML file at
    ``out`` (atomically) and return ``out``. The recording is looked for where session.json
    says, then in ``session_dir/audio.wav``; without it the page says so and has no player."""
    session_dir = Path(session_dir)
    out = Path(out)
    if "audio" in session and session["audio"] is None:  # analyzed from a text transcript
        audio = _Audio(None, None, "Analyzed from a text transcript: there is no recording.")
    else:
        audio = _embed_audio(_find_audio(session, session_dir))
    page = render_html(session, session_dir, audio)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {out.parent}: {exc.strerror}. "
                          "Choose another output path.") from None
    atomic_write_bytes(out, page.encode("utf-8"))
    log.info("report written to %s (%.1f MB)", out, len(page) / 1e6)
    return out


# ---------------------------------------------------------------------------------- audio


def _find_audio(session: dict[str, Any], session_dir: Path) -> Path | None:
    candidates: list[Path] = []
    recorded = session.get("audio")
    if isinstance(recorded, dict):
        recorded = recorded.get("path")
    if isinstance(recorded, str) and recorded:
        p = Path(recorded)
        candidates.append(p if p.is_absolute() else session_dir / p)
    candidates.append(session_dir / "audio.wav")
    for p in candidates:
        if p.is_file():
            return p
    log.warning("no recording for the report: looked for %s",
                ", ".join(str(p) for p in candidates))
    return None


def _embed_audio(path: Path | None) -> _Audio:
    if path is None:
        return _Audio(None, None, "The recording (audio.wav) was not found beside session.json, "
                                  "so this report has no player.")
    try:
        with wave.open(str(path), "rb") as w:
            rate, frames = w.getframerate(), w.getnframes()
        duration = frames / rate if rate else 0.0
        if duration > MAX_EMBED_S:
            log.warning("%s is %.0f min long: not embedded in the report", path, duration / 60)
            return _Audio(None, duration, f"The recording is {duration / 60:.0f} minutes long, "
                          "too long to embed in one page; play audio.wav from the session "
                          "folder alongside this report.")
        pcm, rate = read_wav(path)
    except (OSError, EOFError, wave.Error, BadInputError) as exc:
        log.warning("cannot read %s for the report: %s", path, exc)
        return _Audio(None, None, f"The recording {path.name} could not be read "
                                  f"({exc.__class__.__name__}), so this report has no player.")
    if not pcm:
        return _Audio(None, 0.0, f"The recording {path.name} is empty, "
                                 "so this report has no player.")
    duration = len(pcm) / 2 / rate
    note = None
    if duration > DOWNSAMPLE_ABOVE_S and rate >= 16000 and rate % 2 == 0:
        pcm, rate = _halve_rate(pcm), rate // 2
        note = (f"The recording is {duration / 60:.0f} minutes long, so it is embedded at "
                f"{rate / 1000:g} kHz (telephone quality) to keep this file small; "
                "audio.wav in the session folder has the full quality.")
        log.info("embedding %.0f min of audio at %d Hz", duration / 60, rate)
    data = base64.b64encode(wav_bytes(pcm, rate)).decode("ascii")
    return _Audio("data:audio/wav;base64," + data, duration, note)


def _halve_rate(pcm: bytes, taps: int = 63) -> bytes:
    """Low-pass (Blackman-windowed sinc, cut at 0.225 of the input rate: 3.6 kHz at 16 kHz)
    and keep every other sample: 16 kHz -> 8 kHz without aliasing."""
    x = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
    half = taps // 2
    n = np.arange(taps) - half
    cutoff = 0.225  # cycles per input sample: 3.6 kHz at 16 kHz
    h = (2 * cutoff * np.sinc(2 * cutoff * n) * np.blackman(taps)).astype(np.float32)
    h /= h.sum()
    padded = np.pad(x, (half, half))
    y = np.zeros((len(x) + 1) // 2, dtype=np.float32)
    for k in range(taps):  # y[m] = sum_k h[k] * x[2m + k - half] (h is symmetric)
        y += h[k] * padded[k:k + len(x):2]
    return np.clip(np.round(y), -32768, 32767).astype(np.int16).tobytes()


def _feedback_audio(session: dict[str, Any], session_dir: Path) -> str | None:
    name = _dict(session.get("feedback")).get("wav")
    if not isinstance(name, str) or not name:
        return None
    path = session_dir / Path(name).name  # only ever a file inside the session folder
    try:
        if not path.is_file() or path.stat().st_size > MAX_FEEDBACK_WAV_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if data[:4] != b"RIFF":
        return None
    return "data:audio/wav;base64," + base64.b64encode(data).decode("ascii")


# -------------------------------------------------------------------------------- helpers


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _num(value: object, default: float = 0.0) -> float:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return f if math.isfinite(f) else default


def _t(seconds: float) -> str:
    """A time for a data-seek attribute: a plain number, never text from the session."""
    return f"{max(0.0, seconds):.3f}"


def _json_for_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _phase_title(phase: str) -> str:
    return PHASE_TITLES.get(phase) or phase.replace("_", " ").strip().capitalize() or "Other"


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _format_date(created: object) -> str:
    if not isinstance(created, str) or not created:
        return ""
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"):
        try:
            d = datetime.strptime(created, fmt)
        except ValueError:
            continue
        return f"{d.day} {d:%B %Y}, {d:%H:%M}"
    return created


def _sev(flag: dict[str, Any]) -> str:
    """The severity as a CSS class suffix: one of ours, never text from the session."""
    return flag["severity"] if flag["severity"] in SEVERITIES else "other"


def _humanize(flag_id: str) -> str:
    return flag_id.replace("_", " ").strip().capitalize()


def _sentences(session: dict[str, Any]) -> list[_Sentence]:
    """The candidate's sentences: the timeline and phases are about them only."""
    raw = [s for s in session.get("sentences") or [] if isinstance(s, dict)
           and not s.get("speaker")]
    items = [(_num(s.get("start_s")), _num(s.get("end_s")), str(s.get("text", "")),
              str(s.get("phase") or "other")) for s in raw]
    items.sort(key=lambda it: it[0])
    return [_Sentence(i, text, phase, start, max(start, end))
            for i, (start, end, text, phase) in enumerate(items)]


def _flags(session: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for f in session.get("flags") or []:
        if not isinstance(f, dict):
            continue
        ev = _dict(f.get("evidence"))
        out.append({"id": str(f.get("id", "")), "severity": str(f.get("severity", "")),
                    "advice": str(f.get("advice", "")), "prompted": bool(f.get("prompted")),
                    "quote": str(ev.get("quote", "")), "start_s": _num(ev.get("start_s"))})
    return out


def _segments(sentences: list[_Sentence]) -> list[tuple[str, float, float]]:
    """Consecutive sentences of one phase merged into (phase, start_s, end_s)."""
    segs: list[tuple[str, float, float]] = []
    for s in sentences:
        if segs and segs[-1][0] == s.phase:
            segs[-1] = (s.phase, segs[-1][1], max(segs[-1][2], s.end_s))
        else:
            segs.append((s.phase, s.start_s, s.end_s))
    return segs


class _Palette:
    def __init__(self) -> None:
        self.extra: dict[str, str] = {}

    def __call__(self, phase: str) -> str:
        if phase in PHASE_COLORS:
            return PHASE_COLORS[phase]
        if phase not in self.extra:
            self.extra[phase] = EXTRA_COLORS[len(self.extra) % len(EXTRA_COLORS)]
        return self.extra[phase]


# ------------------------------------------------------------------------------ rendering


def render_html(session: dict[str, Any], session_dir: Path, audio: _Audio) -> str:
    prompt = _dict(session.get("prompt"))
    prompt_text = str(prompt.get("text") or "Mock interview")
    date = _format_date(session.get("created"))
    metrics = _dict(session.get("metrics"))
    sentences = _sentences(session)
    flags = _flags(session)
    strengths = [str(s) for s in session.get("strengths") or []]
    color = _Palette()
    for phase in PHASE_COLORS:  # the usual order first, then whatever else the session has
        if any(s.phase == phase for s in sentences):
            color(phase)
    duration = max([_num(metrics.get("duration_s")), audio.duration_s or 0.0]
                   + [s.end_s for s in sentences] + [f["start_s"] for f in flags] + [0.0])

    kind = str(session.get("kind") or "")
    meta = [x for x in (date, KIND_LABELS.get(kind, kind.capitalize()),
                        f"{mmss(duration)} long" if duration else "",
                        f"{int(_num(metrics.get('words')))} words" if metrics.get("words") else "")
            if x]
    phases_present = list(dict.fromkeys(s.phase for s in sentences))
    data = {
        "duration_s": round(duration, 3),
        "phases": [_phase_title(p) for p in phases_present],
        "sentences": [[round(s.start_s, 3), round(s.end_s, 3), phases_present.index(s.phase)]
                      for s in sentences],
    }
    title = f"Interview report: {prompt_text}" + (f" ({date})" if date else "")

    body = [
        '<header class="top">',
        '<p class="eyebrow">voice-coach &middot; mock interview report</p>',
        f"<h1>{_e(prompt_text)}</h1>",
        f'<p class="meta">{" &middot; ".join(_e(m) for m in meta)}</p>',
        "</header>",
        _player_html(audio, sentences, flags, duration, color, metrics.get("phase_durations_s")),
        "<main>",
        _strengths_html(strengths),
        _flags_html(flags),
        _metrics_html(metrics, duration, color),
        _transcript_html(session, sentences, flags, color),
        _spoken_html(session, session_dir),
        "</main>",
        _footer_html(session),
    ]
    script = _SCRIPT
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = ("default-src 'none'; media-src data:; img-src data:; style-src 'unsafe-inline'; "
           f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'")
    return "\n".join([
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="generator" content="voice-coach">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *body,
        f'<script type="application/json" id="vc-data">{_json_for_script(data)}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
        "",
    ])


def _player_html(audio: _Audio, sentences: list[_Sentence], flags: list[dict[str, Any]],
                 duration: float, color: _Palette, phase_s: object = None) -> str:
    out = ['<section class="player" aria-label="Recording and timeline">']
    if audio.uri:
        out.append('<audio id="vc-audio" controls preload="auto" '
                   f'src="{audio.uri}">Your browser cannot play the embedded WAV.</audio>')
    if duration > 0 and sentences:
        def pct(t: float) -> str:
            return f"{100 * min(max(t, 0.0), duration) / duration:.3f}%"

        marks = []
        for i, f in enumerate(flags, 1):
            sev = _sev(f)
            marks.append(f'<button type="button" class="tl-flag sev-{sev}" style="left:'
                         f'{pct(f["start_s"])}" data-seek="{_t(f["start_s"])}" '
                         f'title="{_e(f["id"])} at {mmss(f["start_s"])}" '
                         f'aria-label="Flag {i}: {_e(_humanize(f["id"]))} at '
                         f'{mmss(f["start_s"])}"></button>')
        segs = []
        for phase, start, end in _segments(sentences):
            c = color(phase)
            name = _phase_title(phase)
            segs.append(f'<button type="button" class="tl-seg" style="left:{pct(start)};'
                        f'width:{pct(end - start)};background:{c}" data-seek="{_t(start)}" '
                        f'title="{_e(name)} {mmss(start)}–{mmss(end)}" aria-label="{_e(name)} '
                        f'from {mmss(start)}"><span>{_e(name)}</span></button>')
        out += [
            '<div class="timeline">',
            f'<div class="tl-flags">{"".join(marks)}</div>',
            '<div class="tl-track" id="vc-track" title="Click to play from here">',
            *segs,
            '<div class="tl-head" id="vc-head" hidden></div>',
            "</div>",
            f'<div class="tl-scale"><span>00:00</span><span id="vc-now" aria-live="off"></span>'
            f"<span>{mmss(duration)}</span></div>",
            "</div>",
        ]
    out.append("</section>")
    if audio.note:  # below the sticky player, so it scrolls away
        out.append(f'<div class="notewrap"><p class="note">{_e(audio.note)}</p></div>')
    if sentences:
        totals: dict[str, float] = {}
        for phase, start, end in _segments(sentences):
            totals[phase] = totals.get(phase, 0.0) + end - start
        if isinstance(phase_s, dict) and phase_s:  # the analysis's own figures, when given
            totals = {str(p): max(0.0, _num(v)) for p, v in phase_s.items()}
        items = "".join(
            f'<li><span class="sw" style="background:{color(p)}"></span>{_e(_phase_title(p))}'
            f' <span class="dim">{v:.0f} s</span></li>' for p, v in totals.items())
        out.append(f'<ul class="legend" aria-label="Phases">{items}'
                   '<li><span class="sw gap"></span>Pause <span class="dim">(no speech)</span>'
                   "</li></ul>")
    return "\n".join(out)


def _strengths_html(strengths: list[str]) -> str:
    if strengths:
        items = "".join(f"<li>{_e(s)}</li>" for s in strengths)
        return f'<section class="card strengths"><h2>What went well</h2><ul>{items}</ul></section>'
    return ('<section class="card strengths"><h2>What went well</h2>'
            '<p class="dim">Nothing to credit yet: the fixes below are where to start.</p>'
            "</section>")


def _flags_html(flags: list[dict[str, Any]]) -> str:
    out = ['<section class="card fixes"><h2>What to fix, most important first</h2>']
    if not flags:
        out.append('<p class="dim">No flags: the answer covers the rubric.</p></section>')
        return "\n".join(out)
    out.append('<ol class="flags">')
    for i, f in enumerate(flags, 1):
        sev = _sev(f)
        at = mmss(f["start_s"])
        quote = f["quote"]
        if quote.startswith("(not said)"):
            rest = quote[len("(not said)"):].strip()
            prefix = "expected before:"
            if rest.lower().startswith(prefix):
                rest = rest[len(prefix):].strip()
            evidence = (f'<p class="evidence missing"><span class="tag">not said</span> '
                        f"expected before {at}" + (f": <q>{_e(rest)}</q>" if rest else "")
                        + "</p>")
        else:
            evidence = (f'<p class="evidence"><span class="tag">at {at}</span> '
                        f"<q>{_e(quote)}</q></p>")
        asked = ('<span class="asked" title="This came up only after a follow-up question">'
                 "only when asked</span>") if f["prompted"] else ""
        out.append(
            f'<li class="flag sev-{sev}" id="flag-{i}" data-seek="{_t(f["start_s"])}" '
            f'role="button" tabindex="0" aria-label="Flag {i}, play from {at}">'
            f'<div class="flag-head"><span class="sev">{_e(f["severity"] or "note")}</span>'
            f'<strong class="fname">{_e(_humanize(f["id"]))}</strong>'
            f'<code class="fid">{_e(f["id"])}</code>{asked}'
            f'<span class="play">&#9654; {at}</span></div>'
            f'<p class="advice">{_e(f["advice"])}</p>{evidence}</li>')
    out.append("</ol></section>")
    return "\n".join(out)


def _metrics_html(metrics: dict[str, Any], duration: float, color: _Palette) -> str:
    if not metrics:
        return ""
    goal = metrics.get("time_to_member_goal_s")
    rows = [
        ("Duration", mmss(_num(metrics.get("duration_s"), duration))),
        ("Words", f"{int(_num(metrics.get('words')))}"),
        ("Speaking rate", f"{_num(metrics.get('wpm')):.0f} words/min"),
        ("Filler words", f"{int(_num(metrics.get('fillers')))} "
                         f"({_num(metrics.get('filler_per_min')):.1f} a minute)"),
        ("Pauses over 3 s", f"{int(_num(metrics.get('long_pauses')))}"),
        ("Time to the member goal", mmss(_num(goal)) if goal is not None else "never stated"),
    ]
    body = "".join(f"<tr><th scope=\"row\">{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    phases = metrics.get("phase_durations_s")
    phase_rows = ""
    if isinstance(phases, dict) and phases:
        total = sum(max(0.0, _num(v)) for v in phases.values()) or 1.0
        for p, v in phases.items():
            secs = max(0.0, _num(v))
            phase_rows += (
                f'<tr><th scope="row"><span class="sw" style="background:{color(str(p))}"></span>'
                f"{_e(_phase_title(str(p)))}</th><td>{secs:.0f} s "
                f'<span class="bar"><span style="width:{100 * secs / total:.1f}%;'
                f'background:{color(str(p))}"></span></span></td></tr>')
        phase_rows = (f'<tr class="sub"><th colspan="2">Time per phase</th></tr>{phase_rows}')
    note = ('<p class="dim">Times are estimated from the text (no word timings).</p>'
            if metrics.get("timing_estimated") else "")
    return (f'<section class="card"><h2>Delivery</h2><div class="scroll"><table class="metrics">'
            f"<tbody>{body}{phase_rows}</tbody></table></div>{note}</section>")


def _context_lines(session: dict[str, Any]) -> list[tuple[float, str, str]]:
    """Other speakers' sentences (an interviewer in a transcript), one line per turn."""
    out: list[tuple[float, str, str]] = []
    last = None
    raw = sorted((s for s in session.get("sentences") or [] if isinstance(s, dict)),
                 key=lambda s: _num(s.get("start_s")))
    for s in raw:
        who = s.get("speaker")
        if not who or not isinstance(who, str):
            last = None
            continue
        if last == who:
            start, _, text = out[-1]
            out[-1] = (start, who, f"{text} {s.get('text', '')}")
        else:
            out.append((_num(s.get("start_s")), who, str(s.get("text", ""))))
        last = who
    return out


def _turn_questions(session: dict[str, Any]) -> list[tuple[float, str, str]]:
    turns = session.get("turns")
    if not isinstance(turns, list) or not turns:
        return []
    out = []
    for i, t in enumerate(turns):
        if not isinstance(t, dict):
            continue
        a = _dict(t.get("audio"))
        label = "Question" if i == 0 else f"Follow-up {i}"
        out.append((_num(a.get("start_s")), label, str(t.get("question") or "")))
    out.sort(key=lambda q: q[0])
    return out


def _transcript_html(session: dict[str, Any], sentences: list[_Sentence],
                     flags: list[dict[str, Any]], color: _Palette) -> str:
    out = ['<section class="card transcript"><h2>Transcript</h2>',
           '<p class="dim hint">Click a sentence to hear it. Colours follow the phases '
           "of the timeline.</p>"]
    if not sentences:
        out.append('<p class="dim">No transcript in this session.</p></section>')
        return "\n".join(out)
    flags_at: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    for i, f in enumerate(flags, 1):
        if f["quote"].startswith("(not said)"):
            continue
        best = min(sentences, key=lambda s: abs(s.start_s - f["start_s"]))
        if abs(best.start_s - f["start_s"]) < 0.05:
            flags_at.setdefault(best.index, []).append((i, f))
    questions = sorted(_turn_questions(session) + _context_lines(session), key=lambda q: q[0])
    block: str | None = None
    parts: list[str] = []

    def close_block() -> None:
        nonlocal block
        if block is not None:
            out.append(f'<p class="sents">{" ".join(parts)}</p></div>')
            parts.clear()
        block = None

    for s in sentences:
        while questions and questions[0][0] <= s.start_s + 0.05:
            start, label, text = questions.pop(0)
            close_block()
            out.append(f'<div class="turn-q" data-seek="{_t(start)}" role="button" tabindex="0">'
                       f'<span class="tag">{_e(label)} &middot; {mmss(start)}</span> '
                       f"{_e(text)}</div>")
        if s.phase != block:
            close_block()
            c = color(s.phase)
            out.append(f'<div class="phase-block" style="border-color:{c};'
                       f'background:{_rgba(c, 0.07)}"><h3><span class="sw" '
                       f'style="background:{c}"></span>{_e(_phase_title(s.phase))} '
                       f'<span class="dim">{mmss(s.start_s)}</span></h3>')
            block = s.phase
        marks = "".join(f' <a class="fl-badge sev-{_sev(f)}" href="#flag-{i}" '
                        f'title="{_e(f["advice"])}">{_e(f["id"])}</a>'
                        for i, f in flags_at.get(s.index, []))
        parts.append(f'<span class="s" id="s-{s.index}" data-seek="{_t(s.start_s)}" '
                     f'role="button" tabindex="0" title="{mmss(s.start_s)}–{mmss(s.end_s)}">'
                     f"{_e(s.text)}</span>{marks}")
    close_block()
    for start, label, text in questions:
        out.append(f'<div class="turn-q" data-seek="{_t(start)}" role="button" tabindex="0">'
                   f'<span class="tag">{_e(label)} &middot; {mmss(start)}</span> {_e(text)}</div>')
    out.append("</section>")
    return "\n".join(out)


def _spoken_html(session: dict[str, Any], session_dir: Path) -> str:
    fb = _dict(session.get("feedback"))
    spoken = str(fb.get("spoken") or "")
    if not spoken:
        return ""
    uri = _feedback_audio(session, session_dir)
    player = (f'<audio controls preload="none" src="{uri}"></audio>' if uri else "")
    return (f'<section class="card"><details><summary>What the coach said</summary>'
            f"{player}<p>{_e(spoken)}</p></details></section>")


def _footer_html(session: dict[str, Any]) -> str:
    bits = []
    if session.get("model"):
        bits.append(f"speech model {session['model']}")
    source = session.get("source")
    if isinstance(source, str) and source:
        bits.append(f"source {Path(source).name if '/' in source else source}")
    prompt = _dict(session.get("prompt"))
    if prompt.get("system"):
        bits.append(f"system {prompt['system']}")
    text = " &middot; ".join(_e(b) for b in bits)
    return ("<footer>Made offline by voice-coach; this file loads nothing from the network."
            + (f"<br>{text}" if text else "") + "</footer>")


# --------------------------------------------------------------------------- style, script

_CSS = """
:root{--bg:#f6f7f9;--card:#fff;--fg:#1d2330;--dim:#667085;--line:#e3e6ec;--track:#e9ecf1;
--accent:#2f6fdf;--high:#d63b3b;--medium:#dd7a1f;--low:#2f9e44;--other:#8a919c;
--sentence-hover:rgba(47,111,223,.12);--now:rgba(255,196,0,.38)}
@media (prefers-color-scheme:dark){:root{--bg:#11141a;--card:#1a1f28;--fg:#e6e9ef;
--dim:#98a2b3;--line:#2b3240;--track:#262d3a;--sentence-hover:rgba(120,160,255,.18);
--now:rgba(255,196,0,.28)}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.55;
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top,main,.player,.legend,.notewrap,footer{max-width:920px;margin:0 auto;padding:0 20px}
header.top{padding-top:28px}
.eyebrow{margin:0;color:var(--dim);font-size:.8rem;letter-spacing:.06em;text-transform:uppercase}
h1{margin:.25em 0 .2em;font-size:clamp(1.35rem,3.2vw,1.9rem);line-height:1.25;
overflow-wrap:anywhere}
.meta{margin:0 0 12px;color:var(--dim)}
.dim{color:var(--dim)}
.player{position:sticky;top:0;z-index:5;background:var(--bg);padding-top:10px;padding-bottom:6px;
border-bottom:1px solid var(--line)}
@media (max-height:560px){.player{position:static}}
audio{width:100%;display:block;margin:0 0 8px}
.note{margin:10px 0 0;padding:10px 12px;border-radius:8px;background:rgba(221,122,31,.12);
border:1px solid rgba(221,122,31,.35)}
.timeline{user-select:none}
.tl-flags{position:relative;height:14px}
.tl-flag{position:absolute;top:0;width:12px;height:12px;margin-left:-6px;padding:0;border:0;
cursor:pointer;clip-path:polygon(0 0,100% 0,50% 100%);background:var(--other)}
.tl-flag.sev-high{background:var(--high)}.tl-flag.sev-medium{background:var(--medium)}
.tl-flag.sev-low{background:var(--low)}
.tl-track{position:relative;height:30px;border-radius:7px;background:var(--track);
overflow:hidden;cursor:pointer}
.tl-seg{position:absolute;top:0;bottom:0;min-width:3px;padding:0 6px;border:0;margin:0;
color:#fff;font:600 .72rem/30px system-ui,sans-serif;text-align:left;overflow:hidden;
white-space:nowrap;text-overflow:ellipsis;cursor:pointer;border-right:1px solid var(--card)}
.tl-seg span{pointer-events:none;text-shadow:0 1px 1px rgba(0,0,0,.25)}
.tl-seg:hover,.tl-seg:focus-visible{filter:brightness(1.12);outline:none}
.tl-head{position:absolute;top:0;bottom:0;width:2px;margin-left:-1px;background:var(--fg);
pointer-events:none;box-shadow:0 0 0 1px var(--card)}
.tl-scale{display:flex;justify-content:space-between;gap:8px;font-size:.78rem;color:var(--dim);
font-variant-numeric:tabular-nums;margin-top:3px}
#vc-now{color:var(--fg);font-weight:600;text-align:center;overflow:hidden;white-space:nowrap;
text-overflow:ellipsis}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding-top:10px;
padding-bottom:4px;margin:0 auto;font-size:.85rem}
.legend li{display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:11px;height:11px;border-radius:3px;flex:none;margin-right:6px;
vertical-align:-1px}
.legend .sw{margin-right:0}
.sw.gap{background:var(--track);border:1px solid var(--line)}
main{padding-top:8px;padding-bottom:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px;
margin:16px 0;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.card h2{margin:0 0 12px;font-size:1.15rem}
.strengths ul{margin:0;padding:0;list-style:none}
.strengths li{position:relative;padding:4px 0 4px 28px}
.strengths li::before{content:"\\2713";position:absolute;left:4px;top:4px;color:var(--low);
font-weight:700}
ol.flags{list-style:none;margin:0;padding:0;counter-reset:f}
.flag{counter-increment:f;border:1px solid var(--line);border-left:5px solid var(--other);
border-radius:10px;padding:12px 14px;margin:10px 0;cursor:pointer;transition:background .15s}
.flag:hover,.flag:focus-visible{background:var(--sentence-hover);outline:none}
.flag.sev-high{border-left-color:var(--high)}.flag.sev-medium{border-left-color:var(--medium)}
.flag.sev-low{border-left-color:var(--low)}
.flag-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px}
.flag-head::before{content:counter(f) ".";font-weight:700;color:var(--dim)}
.sev{font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:#fff;
background:var(--other);border-radius:999px;padding:1px 8px}
.sev-high .sev{background:var(--high)}.sev-medium .sev{background:var(--medium)}
.sev-low .sev{background:var(--low)}
.fid{font-size:.78rem;color:var(--dim);overflow-wrap:anywhere}
.asked{font-size:.75rem;border:1px dashed var(--dim);color:var(--dim);border-radius:999px;
padding:0 8px}
.play{margin-left:auto;font-size:.85rem;color:var(--accent);font-weight:600;white-space:nowrap;
font-variant-numeric:tabular-nums}
.advice{margin:8px 0 6px}
.evidence{margin:0;color:var(--dim);font-size:.93rem;overflow-wrap:anywhere}
.evidence q{font-style:italic;color:var(--fg)}
.tag{display:inline-block;font-size:.72rem;font-weight:600;border-radius:6px;padding:0 6px;
background:var(--track);color:var(--dim);margin-right:4px;font-variant-numeric:tabular-nums}
.missing .tag{background:rgba(214,59,59,.14);color:var(--high)}
.scroll{overflow-x:auto}
table.metrics{border-collapse:collapse;width:100%;min-width:280px;
font-variant-numeric:tabular-nums}
.metrics th,.metrics td{text-align:left;padding:7px 8px;border-bottom:1px solid var(--line);
vertical-align:middle}
.metrics th{font-weight:500;color:var(--dim);width:45%}
.metrics tr.sub th{color:var(--fg);font-weight:600;padding-top:14px}
.metrics td{white-space:nowrap}
.bar{display:inline-block;width:120px;max-width:28vw;height:8px;border-radius:4px;
background:var(--track);margin-left:8px;vertical-align:middle;overflow:hidden}
.bar span{display:block;height:100%}
.hint{margin-top:-6px;font-size:.88rem}
.phase-block{border-left:4px solid;border-radius:8px;padding:8px 12px 4px;margin:10px 0}
.phase-block h3{margin:0 0 4px;font-size:.9rem;display:flex;align-items:center;gap:4px}
.phase-block h3 .dim{font-weight:400;font-variant-numeric:tabular-nums;margin-left:4px}
.phase-block .sw{margin-right:4px}
.sents{margin:0 0 6px;overflow-wrap:anywhere}
.s{cursor:pointer;border-radius:4px;padding:1px 2px;transition:background .15s}
.s:hover,.s:focus-visible{background:var(--sentence-hover);outline:none}
.s.now{background:var(--now)}
.fl-badge{font-size:.7rem;font-weight:600;text-decoration:none;color:#fff;background:var(--other);
border-radius:999px;padding:0 7px;vertical-align:1px;white-space:nowrap}
.fl-badge.sev-high{background:var(--high)}.fl-badge.sev-medium{background:var(--medium)}
.fl-badge.sev-low{background:var(--low)}
.turn-q{margin:16px 0 6px;padding:8px 12px;border-radius:8px;background:var(--track);
cursor:pointer;font-style:italic;overflow-wrap:anywhere}
.turn-q .tag{font-style:normal;background:var(--card)}
details summary{cursor:pointer;font-weight:600}
details audio{margin-top:10px}
footer{color:var(--dim);font-size:.8rem;padding-bottom:32px;overflow-wrap:anywhere}
.flash{animation:flash 1.2s ease-out}
@keyframes flash{from{box-shadow:0 0 0 3px var(--accent)}to{box-shadow:0 0 0 3px transparent}}
@media (max-width:560px){
header.top,main,.player,.legend,.notewrap,footer{padding-left:12px;padding-right:12px}
.card{padding:14px 14px;border-radius:10px}
.tl-seg span{display:none}
.play{margin-left:0}
body{font-size:15px}}
@media print{.player{position:static}audio,.tl-flags{display:none}
.card{break-inside:avoid}}
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("vc-data").textContent);
  var audio = document.getElementById("vc-audio");
  var track = document.getElementById("vc-track");
  var head = document.getElementById("vc-head");
  var now = document.getElementById("vc-now");
  var total = data.duration_s || 0;
  var current = -1;

  function mmss(t) {
    var s = Math.max(0, Math.round(t));
    var m = Math.floor(s / 60);
    s = s % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function seek(t) {
    if (!audio || !isFinite(t)) { return; }
    var go = function () {
      var end = isFinite(audio.duration) && audio.duration > 0 ? audio.duration - 0.05 : t;
      audio.currentTime = Math.max(0, Math.min(t, end));
      var p = audio.play();
      if (p && p.catch) { p.catch(function () {}); }
    };
    if (audio.readyState >= 1) { go(); return; }
    audio.addEventListener("loadedmetadata", go, {once: true});
    if (audio.networkState === 0) { audio.load(); }
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-seek]") : null;
    if (el) {
      ev.preventDefault();
      seek(parseFloat(el.getAttribute("data-seek")));
      return;
    }
    if (track && total > 0 && (ev.target === track || ev.target === head)) {
      var r = track.getBoundingClientRect();
      seek(total * Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width)));
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var el = ev.target;
    if (el && el.getAttribute && el.getAttribute("role") === "button" &&
        el.hasAttribute("data-seek")) {
      ev.preventDefault();
      seek(parseFloat(el.getAttribute("data-seek")));
    }
  });

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.fl-badge") : null;
    if (!a) { return; }
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (target) {
      target.classList.remove("flash");
      void target.offsetWidth;
      target.classList.add("flash");
    }
  });

  if (!audio) { return; }
  audio.addEventListener("timeupdate", function () {
    var t = audio.currentTime;
    if (head && total > 0) {
      head.hidden = false;
      head.style.left = (100 * Math.min(t, total) / total) + "%";
    }
    var idx = -1;
    for (var i = 0; i < data.sentences.length; i++) {
      var s = data.sentences[i];
      if (t >= s[0] && t < s[1] + 0.25) { idx = i; }
      if (s[0] > t) { break; }
    }
    if (idx !== current) {
      var old = document.getElementById("s-" + current);
      if (old) { old.classList.remove("now"); }
      var cur = document.getElementById("s-" + idx);
      if (cur) { cur.classList.add("now"); }
      current = idx;
    }
    if (now) {
      var phase = idx >= 0 ? data.phases[data.sentences[idx][2]] : "";
      now.textContent = mmss(t) + (phase ? " \\u00b7 " + phase : "");
    }
  });
})();
"""
