"""Captions: WebVTT and SRT parsed back with strict parsers; the `report` command's wiring."""

from __future__ import annotations

import html
import json
import re
import sys
import types
from pathlib import Path

import pytest
from conftest import timed_words

from voice_coach.cli import main
from voice_coach.errors import BadInputError
from voice_coach.report.export import (
    MAX_CUE_S,
    MAX_CUE_WORDS,
    export_captions,
    session_cues,
    to_srt,
    to_vtt,
)

MISSING_Q = "(not said) expected before: "

SENTENCES = [  # phase, text, start, end
    ("clarify_goal", "A member opens the app on the TV after work and scrolls for minutes "
     "without finding anything they want to watch tonight.", 0.5, 9.5),
    ("metrics", "The metric is the <b>share</b> of visits that lead to a play & fast.", 10.0,
     14.0),
    ("design", "A small ranker reorders the top row.", 14.5, 17.0),
    ("validation", "I would run an A/B test --> then roll back if plays drop.", 3600.5,
     3605.0),
]


@pytest.fixture(autouse=True)
def _no_real_history(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICE_COACH_DB", str(tmp_path / "history.sqlite3"))


def make_session(sentences=SENTENCES, flags=None) -> dict:
    words = timed_words(sentences)
    return {
        "schema_version": 1, "kind": "run", "created": "2026-01-02T10:00:00+0000",
        "prompt": {"id": "homepage-recommendations", "text": "Improve it.", "system": "x"},
        "words": words,
        "sentences": [{"text": t, "phase": p, "start_s": a, "end_s": b}
                      for p, t, a, b in sentences],
        "flags": flags if flags is not None else [
            {"id": "no_guardrail", "severity": "high",
             "evidence": {"quote": SENTENCES[1][1], "start_s": 10.0},
             "advice": "Pair the metric with a <guardrail> & say it --> now.", "prompted": False},
            {"id": "no_tradeoff", "severity": "medium",
             "evidence": {"quote": MISSING_Q + SENTENCES[3][1], "start_s": 3600.5},
             "advice": "Say a trade-off.", "prompted": False},
        ],
        "strengths": [], "metrics": {"duration_s": 3606.0, "words": 60, "wpm": 1.0,
                                     "filler_per_min": 0.0},
    }


# -- strict parsers --------------------------------------------------------------------------

VTT_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
VTT_TIMING = re.compile(rf"^{VTT_TIME} --> {VTT_TIME}((?:[ \t]+[a-z]+:[^ \t]+)*)$")
SRT_TIMING = re.compile(r"^(\d{2}):([0-5]\d):([0-5]\d),(\d{3}) --> "
                        r"(\d{2}):([0-5]\d):([0-5]\d),(\d{3})$")
ENTITY = re.compile(r"&(amp|lt|gt);")


def _secs(h, m, s, ms) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_vtt(text: str) -> list[dict]:
    """WebVTT as the spec has it: signature line, blank line, cue blocks of an optional id, a
    timing line (start < end, start times in order) and text lines where '<' and '&' only
    appear escaped and '-->' never does."""
    assert "\r" not in text
    lines = text.split("\n")
    assert lines[0] == "WEBVTT" or re.match(r"^WEBVTT[ \t][^\n]*$", lines[0]), lines[0]
    assert "-->" not in lines[0]
    assert lines[1] == "", "the header must be followed by a blank line"
    cues = []
    blocks = re.split(r"\n{2,}", "\n".join(lines[2:]).strip("\n"))
    last_start = -1.0
    for block in blocks:
        bl = block.split("\n")
        if "-->" not in bl[0]:
            bl = bl[1:]  # a cue identifier
            assert bl, block
        m = VTT_TIMING.match(bl[0])
        assert m, f"bad timing line: {bl[0]!r}"
        start, end = _secs(*m.groups()[0:4]), _secs(*m.groups()[4:8])
        settings = dict(s.split(":", 1) for s in m.group(9).split())
        assert set(settings) <= {"vertical", "line", "position", "size", "align", "region"}
        assert start < end, bl[0]
        assert start >= last_start, "cue start times must not go back"
        last_start = start
        body = bl[1:]
        assert body, f"cue without text: {block!r}"
        for line in body:
            assert line.strip(), "blank line inside a cue"
            assert "-->" not in line and "<" not in line
            assert "&" not in ENTITY.sub("", line), line
        cues.append({"start": start, "end": end, "settings": settings,
                     "text": html.unescape("\n".join(body))})
    return cues


def parse_srt(text: str) -> list[dict]:
    blocks = re.split(r"\n{2,}", text.strip("\n"))
    cues = []
    for i, block in enumerate(blocks, 1):
        bl = block.split("\n")
        assert bl[0] == str(i), f"cue {i} is numbered {bl[0]!r}"
        m = SRT_TIMING.match(bl[1])
        assert m, bl[1]
        start, end = _secs(*m.groups()[:4]), _secs(*m.groups()[4:])
        assert start < end
        body = bl[2:]
        assert body and all(line.strip() and "-->" not in line for line in body)
        cues.append({"start": start, "end": end, "text": "\n".join(body)})
    return cues


def _label(text: str) -> tuple[str, str]:
    m = re.match(r"^\[([^\]]+)\] (.*)$", text.replace("\n", " "), re.S)
    assert m, text
    return m.group(1), m.group(2)


# -- WebVTT ----------------------------------------------------------------------------------

def test_vtt_parses_back_with_phases_flags_and_times(tmp_path):
    out = tmp_path / "sub" / "a.vtt"
    export_captions(make_session(), vtt=out)
    cues = parse_vtt(out.read_text(encoding="utf-8"))
    assert len(cues) > 0
    starts = [c["start"] for c in cues]
    assert starts == sorted(starts)
    speech = [c for c in cues if not c["text"].startswith("⚑")]
    flags = [c for c in cues if c["text"].startswith("⚑")]
    labels = [_label(c["text"])[0] for c in speech]
    assert labels[0] == "Member and goal" and {"Metrics", "Design", "Validation"} <= set(labels)
    # one hour in: the hours field is used
    assert any(c["start"] > 3600 for c in speech)
    assert "01:00:00.500 --> " in out.read_text()
    # flag notes at the evidence time, at the top of the frame
    assert [(c["start"], c["text"].split(":")[0]) for c in flags] == [
        (10.0, "⚑ no_guardrail"), (3600.5, "⚑ no_tradeoff (expected here, not said)")]
    assert all(c["settings"] == {"line": "0"} for c in flags)
    assert flags[0]["text"].replace("\n", " ") == (
        "⚑ no_guardrail: Pair the metric with a <guardrail> & say it --> now.")
    assert flags[1]["text"].replace("\n", " ").endswith(": Say a trade-off.")


def test_vtt_escaping(tmp_path):
    out = tmp_path / "a.vtt"
    export_captions(make_session(), vtt=out)
    raw = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;share&lt;/b&gt;" in raw and "<b>" not in raw
    assert "play &amp; fast." in raw
    cues = parse_vtt(raw)
    metric_text = " ".join(_label(c["text"])[1] for c in cues
                           if c["text"].startswith("[Metrics]"))
    assert metric_text == SENTENCES[1][1]
    validation = " ".join(_label(c["text"])[1] for c in cues
                          if c["text"].startswith("[Validation]"))
    assert validation == SENTENCES[3][1]  # '-->' kept in the text, escaped in the file
    # nowhere in the file does '-->' appear outside a timing line
    for line in raw.splitlines():
        if "-->" in line:
            assert VTT_TIMING.match(line), line


def test_cues_respect_limits_and_sentence_boundaries():
    session = make_session()
    cues = [c for c in session_cues(session) if c.kind == "speech"]
    sentences = session["sentences"]
    rebuilt: dict[int, list[str]] = {}
    for c in cues:
        _, body = _label(c.text)
        assert len(body.split()) <= MAX_CUE_WORDS
        assert c.end_s - c.start_s <= MAX_CUE_S + 1e-6
        owner = [i for i, s in enumerate(sentences)
                 if s["start_s"] - 0.05 <= c.start_s and c.end_s <= s["end_s"] + 0.05]
        assert len(owner) == 1, c  # never across a sentence boundary
        rebuilt.setdefault(owner[0], []).append(body)
        assert all(len(line) <= 60 for line in c.text.split("\n"))
    for i, s in enumerate(sentences):
        assert " ".join(rebuilt[i]) == s["text"]
    # the 22-word, 9-second first sentence is cut in two balanced cues
    assert [len(_label(c.text)[1].split()) for c in cues[:2]] == [11, 11]


def test_repaired_text_is_timed_by_the_words():
    """The sentence text ('A/B') differs from the recognizer's words ('a B'): cues show the
    sentence text, timed within the sentence."""
    s = make_session([("validation", "I'd run an A/B test.", 1.0, 3.0)], flags=[])
    s["words"] = [{"text": t, "start_s": 1.0 + i * 0.33, "end_s": 1.3 + i * 0.33}
                  for i, t in enumerate(["I'd", "run", "an", "a", "B", "test."])]
    (cue,) = session_cues(s)
    assert cue.text == "[Validation] I'd run an A/B test."
    assert (cue.start_s, round(cue.end_s, 2)) == (1.0, 2.95)


def test_word_on_a_boundary_is_captioned_once():
    s = make_session([("design", "The design is simple.", 0.0, 2.0),
                      ("design", "Really simple.", 2.0, 3.0)], flags=[])
    s["words"] = [{"text": t, "start_s": a, "end_s": b} for t, a, b in
                  [("The", 0.0, 0.5), ("design", 0.5, 1.0), ("is", 1.0, 1.5),
                   ("simple.", 1.5, 2.0), ("Really", 2.0, 2.5), ("simple.", 2.5, 3.0)]]
    cues = session_cues(s)
    assert [(c.start_s, c.end_s) for c in cues] == [(0.0, 2.0), (2.0, 3.0)]


def test_no_words_no_captions():
    s = make_session([], flags=[])
    with pytest.raises(BadInputError, match="no transcribed words"):
        session_cues(s)


# -- SRT -------------------------------------------------------------------------------------

def test_srt_parses_back_and_matches_the_vtt(tmp_path):
    vtt, srt = tmp_path / "a.vtt", tmp_path / "a.srt"
    assert export_captions(make_session(), vtt=vtt, srt=srt) == [vtt, srt]
    v = parse_vtt(vtt.read_text(encoding="utf-8"))
    s = parse_srt(srt.read_text(encoding="utf-8"))
    assert len(s) == len(v) > 0
    assert [c["start"] for c in s] == [c["start"] for c in v]
    assert [c["end"] for c in s] == [c["end"] for c in v]
    raw = srt.read_text(encoding="utf-8")
    assert "<b>" not in raw and "‹b›share‹/b›" in raw  # no markup a player would apply
    assert sum(c["text"].startswith("⚑") for c in s) == 2
    assert all(_label(c["text"])[0] for c in s if not c["text"].startswith("⚑"))


def test_zero_length_words_still_give_start_before_end():
    s = make_session([("other", "Hm.", 5.0, 5.0)], flags=[])
    s["words"] = [{"text": "Hm.", "start_s": 5.0, "end_s": 5.0}]
    for c in parse_vtt(to_vtt(session_cues(s))) + parse_srt(to_srt(session_cues(s))):
        assert c["start"] < c["end"]


# -- through the CLI -------------------------------------------------------------------------

def _write(d: Path, session: dict) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "session.json").write_text(json.dumps(session), encoding="utf-8")
    return d


def test_export_command(tmp_path, capsys):
    d = _write(tmp_path / "s", make_session())
    assert main(["export", str(d), "--vtt", str(tmp_path / "o.vtt"), "--srt",
                 str(tmp_path / "o.srt")]) == 0
    out = capsys.readouterr().out
    assert "Captions written to" in out and "2 flag notes" in out
    assert parse_vtt((tmp_path / "o.vtt").read_text(encoding="utf-8"))
    assert main(["export", str(d), "--srt", str(tmp_path / "n.srt"), "--no-flags"]) == 0
    assert "⚑" not in (tmp_path / "n.srt").read_text(encoding="utf-8")


def test_export_needs_a_format(tmp_path, capsys):
    d = _write(tmp_path / "s", make_session())
    assert main(["export", str(d)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["voice-coach: nothing to export: give --vtt OUT.vtt and/or --srt OUT.srt."]


def test_report_command_calls_the_html_writer(tmp_path, capsys, monkeypatch):
    calls = []

    def write_html_report(session: dict, session_dir: Path, out: Path) -> Path:
        calls.append((session["prompt"]["id"], session_dir, out))
        out.write_text("<html></html>")
        return out

    fake = types.ModuleType("voice_coach.report.html")
    fake.write_html_report = write_html_report  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "voice_coach.report.html", fake)
    d = _write(tmp_path / "s", make_session())
    out = tmp_path / "r.html"
    assert main(["report", str(d), "--html", str(out)]) == 0
    assert calls == [("homepage-recommendations", d, out)]
    assert f"Report written to {out}" in capsys.readouterr().out
    assert main(["report", str(d)]) == 2
    assert "--html OUT.html" in capsys.readouterr().err
