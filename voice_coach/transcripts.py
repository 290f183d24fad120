"""Text transcripts as `analyze` reads them: plain text, text with speaker labels, WebVTT, SRT.

Each format becomes typed turns (:class:`Turn`: speaker, text, and times when the format has
them), then words (:func:`transcript_words`): the candidate's words get speaker ``""``, every
other speaker's words keep their name, so the analyzer shows them as context and never
credits them.

Speaker labels are detected cautiously: an answer may well contain "Note: ..." or
"Goal: retention" at the start of a line. A label counts only when it is a role
("Interviewer", "Q"/"A") or recurs, never when its first word is a heading word, and a text
is read as labelled only with two such speakers or one long role label
(voice_coach/data/transcript_labels.toml).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tomllib

from voice_coach.errors import BadInputError
from voice_coach.values import CANDIDATE, Word

LABELS_FILE = Path(__file__).parent / "data" / "transcript_labels.toml"
TEXT_WPM = 150.0  # pace assumed for a text without times (as before: words_from_text)
UNKNOWN_SPEAKER = "Unknown"  # an unnamed caption in a file whose other captions name speakers


@dataclass(frozen=True)
class Turn:
    """What one speaker said in one go. ``speaker`` is "" when the format names nobody;
    ``start_s``/``end_s`` are set for caption formats. ``line`` is where it starts (1-based)."""

    speaker: str
    text: str
    start_s: float | None = None
    end_s: float | None = None
    line: int = 0


@dataclass(frozen=True)
class Transcript:
    format: str  # "text", "labeled", "vtt" or "srt"
    turns: tuple[Turn, ...]
    ignored_words: int = 0  # before the first speaker label (a title, a date line)

    @property
    def timed(self) -> bool:
        return self.format in ("vtt", "srt")

    @property
    def labeled(self) -> bool:
        return any(t.speaker for t in self.turns)

    def speakers(self) -> dict[str, int]:
        """Words per speaker, in the order they first speak (speakers with no words omitted)."""
        counts: dict[str, int] = {}
        for t in self.turns:
            n = len(t.text.split())
            if n:
                counts[t.speaker] = counts.get(t.speaker, 0) + n
        return counts


@dataclass(frozen=True)
class Labels:
    candidate_roles: frozenset[str]
    interviewer_roles: frozenset[str]
    headings: frozenset[str]
    # heard forms of the role labels in a transcript read aloud, as word tuples
    spoken_candidate: tuple[tuple[str, ...], ...] = ()
    spoken_interviewer: tuple[tuple[str, ...], ...] = ()

    def role(self, key: str) -> str | None:
        if key in self.candidate_roles:
            return "candidate"
        if key in self.interviewer_roles:
            return "interviewer"
        return None


@lru_cache(maxsize=1)
def default_labels() -> Labels:
    with LABELS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    roles = data["roles"]
    spoken = data.get("spoken", {})

    def forms(key: str) -> tuple[tuple[str, ...], ...]:
        raw = spoken.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(x, str) and x.split() for x in raw):
            raise ValueError(f"{LABELS_FILE}: [spoken] {key} must be a list of phrases")
        return tuple(tuple(x.lower().split()) for x in raw)

    return Labels(frozenset(roles["candidate"]), frozenset(roles["interviewer"]),
                  frozenset(data["headings"]["words"]), forms("candidate"),
                  forms("interviewer"))


def _n_words(n: int) -> str:
    return f"{n} word{'s' if n != 1 else ''}"


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


# -- speaker labels ----------------------------------------------------------------------

_STAMP = r"(?:[\[(]?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]?)"
_NAME = r"(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+(?:[^\W\d_][\w.'’-]*|\d+)){0,3})"
# "Alice Smith:", "Speaker 2:", "Q:", optionally with a time before or after the name
# ("[00:01:02] Alice:", "Alice (00:12):"); or a name and a time alone on a line, the text
# below (Otter: "Alice Smith  0:03").
_LABEL = re.compile(rf"^\s*(?:{_STAMP}\s+)?(?:[-–—]\s*|>>\s*)?{_NAME}"
                    rf"(?:\s+{_STAMP})?\s*:(?:\s+|$)(?P<text>.*)$")
_NAME_AND_TIME = re.compile(rf"^\s*{_NAME}\s+{_STAMP}\s*$")
_STAMP_LINE = re.compile(rf"^\s*{_STAMP}\s*$")
# lower-case words a name may hold ("Ana de Souza"); any other word must be capitalised, so
# "So the goal: retention" is no label
_PARTICLES = frozenset("de da del della der den van von la le du dos das di bin al el".split())


def _label_at(line: str, labels: Labels) -> tuple[str, str] | None:
    """(name, rest of the line) when the line opens with something shaped like a label."""
    m = _LABEL.match(line) or _NAME_AND_TIME.match(line)
    if m is None:
        return None
    name = " ".join(m.group("name").split())
    first, *rest = name.split()
    if labels.role(_key(name)) is None and not (
            first[0].isupper()
            and all(w[0].isupper() or w.isdigit() or w in _PARTICLES for w in rest)):
        return None
    text = m.groupdict().get("text") or ""  # a name-and-time line has its text below
    return name, text.strip()


def _accepted(candidates: Sequence[str], labels: Labels) -> set[str]:
    """Keys of the label candidates that are speakers: roles, or names that recur and are not
    heading words. Empty when the whole does not read as a labelled transcript."""
    counts: dict[str, int] = {}
    for name in candidates:
        counts[_key(name)] = counts.get(_key(name), 0) + 1
    ok = {k for k, n in counts.items()
          if labels.role(k) or (n >= 2 and k.split()[0] not in labels.headings)}
    strong = any(labels.role(k) and len(k) > 1 for k in ok)
    return ok if len(ok) >= 2 or strong else set()


# -- plain and labelled text -------------------------------------------------------------

# a typed line that is an item of its own: a bullet or a number opens it ("- book a slot",
# "2) reviews", "a) compute per query")
_ITEM_LINE = re.compile(r"^\s*(?:[-–—•*·+]|\d{1,2}[.)]|[A-Za-z]\))\s")
# a line that already ends a sentence or a clause, or runs on by its last mark ("... and -")
_LINE_ENDED = re.compile(r"[.?!:;,\-–—/+&(]['\"’”)\]]*$|[.?!]['\"’”)\]]+$")


def end_typed_lines(lines: Sequence[str]) -> str:
    """Typed lines joined into one text, each line that is an item ending as a sentence does.

    Prep notes end their items at the line break, not with a full stop ("Salon app - launch
    scope" / "V1 = online booking, ..." / "Target: fill empty weekday slots"); joined with
    spaces they would run on as one sentence, and a label would sink into the line before it.
    A line with no closing mark gets a full stop when it is an item, or the next line opens
    one or starts with a capital or a digit; a line wrapped inside a sentence (the next line
    goes on in lower case) runs on as it was typed."""
    kept = [line.strip() for line in lines if line.strip()]
    out = []
    for line, nxt in zip(kept, [*kept[1:], ""][:len(kept)], strict=True):
        if nxt and not _LINE_ENDED.search(line) and (
                _ITEM_LINE.match(line) or _ITEM_LINE.match(nxt) or nxt[0].isupper() or
                nxt[0].isdigit()):
            line += "."
        out.append(line)
    return " ".join(out)


def parse_text(text: str, labels: Labels | None = None) -> Transcript:
    labels = labels or default_labels()
    lines = _split_inline_roles(text, labels).splitlines()
    found = [_label_at(line, labels) for line in lines]
    speakers = _accepted([f[0] for f in found if f is not None], labels)
    if not speakers:
        return Transcript("text", (Turn(CANDIDATE, end_typed_lines(lines), line=1),))
    display: dict[str, str] = {}
    turns: list[Turn] = []
    current: tuple[str, int, list[str]] | None = None  # speaker, line, texts
    ignored = 0
    for i, (line, lab) in enumerate(zip(lines, found, strict=True), 1):
        if lab is not None and _key(lab[0]) in speakers:
            if current is not None:
                turns.append(Turn(current[0], end_typed_lines(current[2]), line=current[1]))
            name = display.setdefault(_key(lab[0]), lab[0])
            current = (name, i, [lab[1]] if lab[1] else [])
        elif _STAMP_LINE.match(line) or not line.strip():
            continue  # meeting tools put a bare time every few minutes
        elif current is None:
            ignored += len(line.split())
        else:
            current[2].append(line.strip())
    if current is not None:
        turns.append(Turn(current[0], end_typed_lines(current[2]), line=current[1]))
    return Transcript("labeled", tuple(turns), ignored)


def _split_inline_roles(text: str, labels: Labels) -> str:
    """A dialogue run together on few lines ("... cache. Interviewer: Why? Candidate: ...")
    gets a line break before each role label that follows a sentence end, when labels of
    both sides are there; any other text is returned as it is."""
    roles = sorted(labels.candidate_roles | labels.interviewer_roles, key=len, reverse=True)
    at = re.compile(r"(?:^|(?<=[.?!\"'”])[ \t]+)(?=(" + "|".join(map(re.escape, roles))
                    + r"):(?:\s|$))", re.IGNORECASE | re.MULTILINE)
    sides = {labels.role(m.group(1).casefold()) for m in at.finditer(text)}
    if sides != {"candidate", "interviewer"}:
        return text
    return at.sub(lambda m: "\n" if m.start() > 0 and text[m.start() - 1] != "\n" else "", text)


# -- captions ----------------------------------------------------------------------------

_LOOKS_TIMED = re.compile(r"^\s*[\d:.,]*\d[\d:.,]*\s*-->")  # a timing line, well-formed or not
_TIME = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]*>")


def _seconds(stamp: str) -> float | None:
    m = _TIME.match(stamp)
    if m is None or int(m.group("s")) >= 60 or (m.group("h") and int(m.group("m")) >= 60):
        return None
    frac = m.group("f") or "0"
    return (int(m.group("h") or 0) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
            + int(frac) / 10 ** len(frac))


def _stamp(t: float) -> str:
    ms = round(t * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


@dataclass
class _Cue:
    start_s: float
    end_s: float
    line: int
    parts: list[tuple[str | None, str]] = field(default_factory=list)  # (voice tag, text)


def _blocks(lines: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) of each cue-sized block: blocks are separated by blank
    lines, and a second timing line starts a new block even without one (some writers
    leave the blank line out; a number just before it is that cue's id)."""
    block: list[str] = []
    start = 0
    for i, line in enumerate(lines, 1):
        if not line.strip():
            if block:
                yield start, block
                block = []
            continue
        if "-->" in line and any("-->" in b for b in block):
            cue_id = [block.pop()] if block[-1].strip().isdigit() else []
            yield start, block
            block, start = cue_id, i - len(cue_id)
        if not block:
            start = i
        block.append(line)
    if block:
        yield start, block


def _voices(text: str) -> list[tuple[str | None, str]]:
    """A cue's text split at its voice tags: [(name or None, plain text)]."""
    parts: list[tuple[str | None, str]] = []
    pos, name = 0, None
    for m in _VOICE.finditer(text):
        parts.append((name, text[pos:m.start()]))
        name = " ".join((m.group("name") or "").split()) or None
        pos = m.end()
    parts.append((name, text[pos:]))
    out = []
    for who, chunk in parts:
        plain = " ".join(html.unescape(_TAG.sub(" ", chunk)).split())
        if plain:
            out.append((who, plain))
    return out


def parse_captions(text: str, fmt: str, where: str, labels: Labels | None = None
                   ) -> Transcript:
    """WebVTT or SRT cues as turns. Broken timings (unparseable, ending before they start,
    going backwards) are a BadInputError naming the line."""
    labels = labels or default_labels()
    cues: list[_Cue] = []
    for first, block in _blocks(text.splitlines()):
        head = block[0].strip()
        if fmt == "vtt" and (head.startswith("WEBVTT") or head.split(" ")[0] in
                             ("NOTE", "STYLE", "REGION")) and "-->" not in head:
            continue
        at = next((k for k, line in enumerate(block) if "-->" in line), None)
        if at is None:
            if cues and not (len(block) == 1 and head.isdigit()):
                cues[-1].parts += _voices(" ".join(block))  # a blank line inside a cue
            continue
        lineno = first + at
        left, right = block[at].split("-->", 1)
        a = _seconds(left.strip())
        b = _seconds(right.split()[0]) if right.split() else None  # then cue settings
        if a is None or b is None:
            raise BadInputError(f"{where} line {lineno}: cannot read the caption timing "
                                f"{block[at].strip()!r}; expected e.g. "
                                "00:01:02.500 --> 00:01:05.000.")
        if b < a:
            raise BadInputError(f"{where} line {lineno}: the caption ends ({_stamp(b)}) before "
                                f"it starts ({_stamp(a)}); fix its timing.")
        if cues and a < cues[-1].start_s:
            raise BadInputError(f"{where} line {lineno}: the caption starts at {_stamp(a)}, "
                                f"before the one above ({_stamp(cues[-1].start_s)}): the "
                                "timings go backwards.")
        cues.append(_Cue(a, b, lineno, _voices(" ".join(block[at + 1:]))))
    # "Name: text" at the start of a cue, when no voice tag names the speaker
    prefixed = [_label_at(c.parts[0][1], labels) if c.parts and c.parts[0][0] is None else None
                for c in cues]
    speakers = _accepted([p[0] for p in prefixed if p is not None], labels)
    for cue, lab in zip(cues, prefixed, strict=True):
        if lab is not None and _key(lab[0]) in speakers:
            cue.parts[0] = (lab[0], lab[1])
    named = any(who for c in cues for who, _ in c.parts)
    display: dict[str, str] = {}
    turns: list[Turn] = []
    current = ""
    for cue in cues:
        total = sum(len(t.split()) for _, t in cue.parts)
        t0, done = cue.start_s, 0
        for who, chunk in cue.parts:
            if who:
                current = display.setdefault(_key(who), who)
            elif named and not current:
                current = UNKNOWN_SPEAKER
            n = len(chunk.split())
            # several voices in one cue share its time in proportion to their words
            a = cue.start_s + (cue.end_s - cue.start_s) * done / total if total else t0
            done += n
            b = cue.start_s + (cue.end_s - cue.start_s) * done / total if total else t0
            turns.append(Turn(current, chunk, round(a, 3), round(b, 3), cue.line))
    return Transcript(fmt, tuple(turns))


# -- any of them -------------------------------------------------------------------------

def detect_format(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        return "vtt"
    if any(_LOOKS_TIMED.match(line) for line in lines[:50]):
        return "srt"
    return "text"


def parse_transcript(text: str, where: str = "the transcript") -> Transcript:
    """Any supported format, detected from the content (not the file name)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fmt = detect_format(text)
    if fmt == "text":
        return parse_text(text)
    return parse_captions(text, fmt, where)


# -- whose turns are analyzed ------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """The candidate's name ("" when the transcript names nobody) and why it was chosen."""

    candidate: str
    reason: str
    speakers: dict[str, int]

    def summary(self) -> str:
        if not self.candidate:
            return ""
        others = ", ".join(f"{n} ({_n_words(w)})" for n, w in self.speakers.items()
                           if n != self.candidate)
        return (f"Analyzing {self.candidate}'s turns ({_n_words(self.speakers[self.candidate])}, "
                f"{self.reason})" + (f"; as context: {others}." if others else "."))


def choose_candidate(tr: Transcript, wanted: str | None, where: str,
                     labels: Labels | None = None) -> Choice:
    """The speaker whose turns are analyzed: ``wanted`` (any case; a unique first word or
    prefix will do), else the one labelled as the candidate, else the speaker with the most
    words who is not labelled as the interviewer."""
    labels = labels or default_labels()
    speakers = tr.speakers()
    listing = ", ".join(f"{n or '(unnamed)'} ({_n_words(w)})" for n, w in speakers.items())
    if not speakers:
        raise BadInputError(f"{where}: no words to analyze in the transcript.")
    if wanted is not None:
        if not tr.labeled:
            raise BadInputError(f"{where}: names no speakers, so --speaker {wanted!r} cannot "
                                "be found; leave --speaker out to analyze the whole text.")
        key = _key(wanted)
        exact = [n for n in speakers if _key(n) == key]
        near = exact or [n for n in speakers if _key(n).startswith(key)]
        if len(near) != 1:
            why = "matches several" if near else "is not one"
            raise BadInputError(f"{where}: --speaker {wanted!r} {why} of the speakers: "
                                f"{listing}.")
        return Choice(near[0], "chosen with --speaker", speakers)
    if not tr.labeled:
        return Choice(CANDIDATE, "", speakers)
    named = [n for n in speakers if labels.role(_key(n)) == "candidate"]
    if named:
        return Choice(named[0], f"labelled {named[0]!r}", speakers)
    eligible = {n: w for n, w in speakers.items() if labels.role(_key(n)) != "interviewer"}
    if not eligible:
        raise BadInputError(f"{where}: no candidate turns, only the interviewer's "
                            f"({listing}); give the transcript with the answers.")
    best = max(eligible, key=lambda n: eligible[n])  # the first of equals: dict order
    return Choice(best, "the speaker with the most words", speakers)


def transcript_words(tr: Transcript, candidate: str, wpm: float = TEXT_WPM) -> list[Word]:
    """Every word in order; the candidate's with speaker "" and the others' with their name.
    Caption times are spread evenly over each turn's words; a text without times is given
    times at ``wpm`` words a minute, every speaker's words taking their turn."""
    out: list[Word] = []
    step = 60.0 / wpm
    for turn in tr.turns:
        tokens = turn.text.split()
        who = CANDIDATE if turn.speaker == candidate else turn.speaker
        if turn.start_s is not None and turn.end_s is not None:
            each = (turn.end_s - turn.start_s) / len(tokens) if tokens else 0.0
            out += [Word(tok, round(turn.start_s + k * each, 3),
                         round(turn.start_s + (k + 1) * each, 3), speaker=who)
                    for k, tok in enumerate(tokens)]
        else:
            i0 = len(out)
            out += [Word(tok, round((i0 + k) * step, 3), round((i0 + k + 1) * step - 0.05, 3),
                         speaker=who) for k, tok in enumerate(tokens)]
    return out


def transcript_info(tr: Transcript, choice: Choice) -> dict[str, object]:
    """What session.json keeps about the transcript (the words carry the speakers)."""
    return {"format": tr.format, "timed": tr.timed, "candidate": choice.candidate,
            "speakers": dict(choice.speakers), "ignored_words": tr.ignored_words}


def read_transcript_text(path: Path) -> str:
    """The file's text (``-`` is stdin); a missing, undecodable or empty file is bad input."""
    import sys

    if str(path) == "-":
        text = sys.stdin.read()
    else:
        if not path.is_file():
            raise BadInputError(f"{path}: no such file.")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise BadInputError(f"{path}: not a UTF-8 text file. Give a text transcript "
                                "(plain, labelled, .vtt or .srt; use `voice-coach run` for "
                                "audio).") from None
    if not text.strip():
        raise BadInputError(f"{path}: the transcript is empty.")
    return text
