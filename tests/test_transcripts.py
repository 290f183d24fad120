"""`analyze` on real transcripts: the reader (plain, labelled text, WebVTT, SRT) on small
invented fixtures, the choice of the candidate, caption times, bad input; the plumbing (which
words and speakers reach the analyzer, what is written) with a recording analyzer; and each
fixture end to end through the CLI."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from test_cli import assert_clean_failure, vc

from voice_coach.analysis.delivery import delivery_metrics
from voice_coach.analysis.repair import words_from_text
from voice_coach.errors import BadInputError
from voice_coach.feedback import transcript_markdown
from voice_coach.pipeline import AnalyzeOptions, analyze_transcript
from voice_coach.report import open_session
from voice_coach.report.html import render_html
from voice_coach.report.replay import render_step, replay_plan
from voice_coach.session import analysis_from_dict
from voice_coach.transcripts import (
    choose_candidate,
    detect_format,
    parse_transcript,
    transcript_words,
)
from voice_coach.values import Analysis, Sentence, Word

DATA = Path(__file__).resolve().parent / "data" / "transcripts"
DANA, ARJUN = "Dana Whitfield", "Arjun Rao"

# fixture -> (format, interviewer, candidate, words of each)
FIXTURES = {
    "teams.vtt": ("vtt", DANA, ARJUN, 24, 131),
    "zoom.vtt": ("vtt", DANA, ARJUN, 24, 131),
    "meet.srt": ("srt", "Dana", "Arjun", 24, 131),
    "interview.txt": ("labeled", "Interviewer", "Candidate", 22, 146),
    "qa.txt": ("labeled", "Q", "A", 18, 95),
    "names.txt": ("labeled", "Priya Natarajan", "Sam Okafor", 19, 103),
}


def read(name: str):
    return parse_transcript((DATA / name).read_text(encoding="utf-8"), name)


# -- the reader ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_each_format_gives_both_speakers_and_the_candidate(name):
    fmt, other, cand, n_other, n_cand = FIXTURES[name]
    tr = read(name)
    assert tr.format == fmt and tr.timed == (fmt in ("vtt", "srt"))
    assert tr.speakers() == {other: n_other, cand: n_cand}
    choice = choose_candidate(tr, None, name)
    assert choice.candidate == cand
    assert f"Analyzing {cand}'s turns" in choice.summary() and other in choice.summary()
    words = transcript_words(tr, cand)
    assert {w.speaker for w in words} == {"", other}
    assert sum(1 for w in words if w.speaker == "") == n_cand
    # the interviewer speaks first in every fixture, and the words stay in the spoken order
    assert words[0].speaker == other and words[-1].speaker == ""
    assert all(a.start_s <= b.start_s for a, b in pairwise(words))


def test_voice_tags_name_speakers_and_markup_is_dropped():
    text = ("WEBVTT\n\n00:01.000 --> 00:04.000\n<v.loud Dana Whitfield><i>Hi</i> &amp; welcome"
            "</v>\n\n00:04.000 --> 00:06.000\n<v Arjun Rao>Thanks, <b>glad</b> to be here.</v>\n")
    tr = parse_transcript(text)
    assert [(t.speaker, t.text) for t in tr.turns] == [
        (DANA, "Hi & welcome"), (ARJUN, "Thanks, glad to be here.")]
    assert (tr.turns[0].start_s, tr.turns[0].end_s) == (1.0, 4.0)  # mm:ss.ttt is valid VTT


def test_words_of_a_cue_share_its_time_evenly():
    text = "WEBVTT\n\n00:00:10.000 --> 00:00:12.000\n<v A>one two three four</v>\n"
    words = transcript_words(parse_transcript(text), "A")
    assert [(w.start_s, w.end_s) for w in words] == [(10.0, 10.5), (10.5, 11.0),
                                                     (11.0, 11.5), (11.5, 12.0)]


def test_two_voices_in_one_cue_split_its_time_by_words():
    text = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Q>Why?</v> <v A>Because it is so.</v>\n"
    words = transcript_words(parse_transcript(text), "A")
    assert [(w.text, w.speaker) for w in words][:2] == [("Why?", "Q"), ("Because", "")]
    assert words[0].end_s == pytest.approx(0.8) and words[-1].end_s == pytest.approx(4.0)


def test_an_unnamed_cue_continues_the_speaker_before_it():
    tr = read("meet.srt")  # cues 5 and 8 carry no name: Arjun goes on talking
    fifth = next(t for t in tr.turns if t.text.startswith("Success is"))
    assert fifth.speaker == "Arjun" and (fifth.start_s, fifth.end_s) == (31.5, 43.5)


def test_cues_without_blank_lines_between_them_are_still_cues():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nDana: Hi.\n2\n00:00:02,000 --> 00:00:03,000\n"
            "Arjun: Hello.\n00:00:03,000 --> 00:00:04,000\nDana: Go on.\n\n"
            "4\n00:00:04,000 --> 00:00:05,000\nArjun: Sure.\n")
    tr = parse_transcript(text)
    assert [(t.speaker, t.text, t.start_s) for t in tr.turns] == [
        ("Dana", "Hi.", 1.0), ("Arjun", "Hello.", 2.0), ("Dana", "Go on.", 3.0),
        ("Arjun", "Sure.", 4.0)]


def test_caption_times_survive_into_the_words():
    words = transcript_words(read("teams.vtt"), ARJUN)
    success = next(w for w in words if w.text == "Success")
    assert success.start_s == 31.5 and words[-1].end_s == 76.0  # the last cue's end
    # the gap between two cues of the candidate is kept: a real pause, not an estimate
    before = words[words.index(success) - 1]
    assert success.start_s - before.end_s == pytest.approx(4.5)


@pytest.mark.parametrize("text", [
    (DATA / "plain_with_colons.txt").read_text(encoding="utf-8"),
    "Note: the member is a returning viewer.\nSo the goal: retention.\nNote: cache it.\n",
    "A: the first option is a new row.\nB: the second is search.\nI would pick A.\n",
    "Netflix: members want to find something.\nWe measure starts.\n",
])
def test_ordinary_answers_with_colons_are_not_speaker_turns(text):
    tr = parse_transcript(text)
    assert tr.format == "text" and not tr.labeled
    assert transcript_words(tr, "") == words_from_text(text)  # exactly as before


def test_labels_are_case_insensitive_and_a_note_inside_a_turn_stays_in_it():
    tr = read("interview.txt")
    cand = [t.text for t in tr.turns if t.speaker == "Candidate"]
    assert any("Note: this is the moment we lose them." in t and "So the goal:" in t
               for t in cand)
    tr2 = parse_transcript("interviewer: Go ahead.\nCANDIDATE: The member wants speed.\n")
    assert [t.speaker for t in tr2.turns] == ["interviewer", "CANDIDATE"]


def test_otter_style_names_with_times_and_names_with_particles_or_accents():
    text = ("Ana de Souza  0:00\nHow would you improve discovery?\n\n"
            "Zoë Ødegaard  0:05\nI would start from the member.\nThey want speed.\n\n"
            "Ana de Souza  0:12\nGo on.\n\nZoë Ødegaard  0:14\nThe metric is starts.\n")
    tr = parse_transcript(text)
    assert tr.format == "labeled"
    assert tr.speakers() == {"Ana de Souza": 7, "Zoë Ødegaard": 13}
    assert tr.turns[1].text == "I would start from the member. They want speed."


def test_a_cue_before_any_named_one_is_unknown_and_arrows_need_no_spaces():
    text = ("1\n00:00:00,000-->00:00:02,000\nHello there.\n\n"
            "2\n00:00:02,000 --> 00:00:04,000 align:start\nDana: Welcome.\n\n"
            "3\n00:00:04,000 --> 00:00:06,000\nArjun: Thanks.\n\n"
            "4\n00:00:06,000 --> 00:00:08,000\nDana: Go on.\n\n"
            "5\n00:00:08,000 --> 00:00:09,000\nArjun: Sure.\n")
    tr = parse_transcript(text)
    assert [t.speaker for t in tr.turns] == ["Unknown", "Dana", "Arjun", "Dana", "Arjun"]
    assert (tr.turns[0].start_s, tr.turns[0].end_s) == (0.0, 2.0)


def test_a_dialogue_run_together_on_one_line_is_split_at_its_role_labels():
    text = ("Interviewer: Design the homepage. Candidate: The member wants speed. "
            "Interviewer: Why? Candidate: Because they leave after a minute.")
    tr = parse_transcript(text)
    assert [(t.speaker, t.text) for t in tr.turns] == [
        ("Interviewer", "Design the homepage."), ("Candidate", "The member wants speed."),
        ("Interviewer", "Why?"), ("Candidate", "Because they leave after a minute.")]
    # one side only, or a label inside a sentence: an ordinary answer
    for plain in ("The member wants speed. Candidate: I would cache it.",
                  "We ask Interviewer: a question. Candidate: answers, in a loop."):
        assert not parse_transcript(plain).labeled


def test_a_title_before_the_first_label_is_ignored_and_counted():
    tr = read("names.txt")
    assert tr.ignored_words == 4  # "Mock interview, 3 November"; the bare times are dropped
    assert not any("00:05:00" in t.text for t in tr.turns)


def test_one_role_label_is_enough_and_an_interviewer_alone_is_no_candidate():
    tr = parse_transcript("Candidate: The member wants to find a show fast.\n")
    assert choose_candidate(tr, None, "t").candidate == "Candidate"
    with pytest.raises(BadInputError, match="no candidate turns"):
        choose_candidate(parse_transcript("Interviewer: Design a homepage.\n"), None, "t")


def test_the_labelled_candidate_wins_over_the_speaker_with_most_words():
    text = ("Interviewer: " + "Tell me more about it please. " * 10 + "\n"
            "Candidate: The member wants speed.\n")
    ch = choose_candidate(parse_transcript(text), None, "t")
    assert ch.candidate == "Candidate" and "labelled" in ch.reason


def test_speaker_option_matches_any_case_and_a_unique_prefix():
    tr = read("teams.vtt")
    assert choose_candidate(tr, "dana whitfield", "t").candidate == DANA
    assert choose_candidate(tr, "arjun", "t").candidate == ARJUN
    words = transcript_words(tr, DANA)
    assert {w.speaker for w in words} == {"", ARJUN}


@pytest.mark.parametrize("wanted, why", [("Bob", "is not one"), ("", "matches several")])
def test_unknown_or_ambiguous_speaker_lists_the_speakers(wanted, why):
    with pytest.raises(BadInputError, match=why) as e:
        choose_candidate(read("zoom.vtt"), wanted, "zoom.vtt")
    assert f"{DANA} (24 words)" in e.value.message and f"{ARJUN} (131 words)" in e.value.message


def test_speaker_option_on_a_text_without_speakers_is_bad_input():
    with pytest.raises(BadInputError, match="names no speakers"):
        choose_candidate(parse_transcript("The member wants speed."), "Alice", "t")


CUE = "1\n00:00:05,000 --> 00:00:07,000\nA: first\n\n"


@pytest.mark.parametrize("text, what", [
    ("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\n<v A>hello</v>\n", "cannot read the caption"),
    ("WEBVTT\n\n00:00:01.000 --> soon\n<v A>hello</v>\n", "cannot read the caption"),
    ("WEBVTT\n\n00:01:75.000 --> 00:01:80.000\n<v A>hello</v>\n", "cannot read the caption"),
    (CUE + "2\n00:00:09,000 --> 00:00:08,000\nA: second\n", r"ends \(00:00:08.000\) before"),
    (CUE + "2\n00:00:03,000 --> 00:00:04,000\nA: second\n", "go backwards"),
])
def test_broken_caption_timings_are_one_line_naming_the_line(text, what):
    with pytest.raises(BadInputError, match=what) as e:
        parse_transcript(text, "call.vtt")
    assert e.value.message.startswith("call.vtt line ") and "\n" not in e.value.message


def test_format_is_detected_from_the_content():
    assert detect_format("\ufeffWEBVTT\n\n") == "vtt"
    assert detect_format("1\n00:00:01,000 --> 00:00:02,000\nhi\n") == "srt"
    assert detect_format("We move from v1 --> v2 in a month.") == "text"


# -- the plumbing: what reaches the analyzer, what is written --------------------------------

class RecordingAnalyzer:
    """Keeps the words it is given; makes one sentence per run of one speaker, as the real
    analyzer does under the speaker contract (others' sentences are phase "other")."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[Word], bool]] = []

    def analyze(self, words, duration_s=None, estimated=False, system=None) -> Analysis:
        self.calls.append((list(words), estimated))
        runs: list[list[Word]] = []
        for w in words:
            if runs and runs[-1][0].speaker == w.speaker:
                runs[-1].append(w)
            else:
                runs.append([w])
        sents = [Sentence(" ".join(w.text for w in r), "other" if r[0].speaker else "design",
                          r[0].start_s, r[-1].end_s, r[0].speaker) for r in runs]
        mine = [w for w in words if not w.speaker]
        return Analysis(sents, [], [], delivery_metrics(mine, sents, None, estimated))


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_the_analyzer_gets_every_word_in_order_with_speakers(name, tmp_path):
    fmt, other, cand, n_other, n_cand = FIXTURES[name]
    fake = RecordingAnalyzer()
    path = DATA / name
    res = analyze_transcript(AnalyzeOptions(path), path.read_text(encoding="utf-8"), fake)
    (words, estimated), = fake.calls
    assert estimated == (fmt == "labeled")  # captions carry real times
    assert len(words) == n_other + n_cand
    assert [w.speaker for w in words].count(other) == n_other
    assert res.choice.candidate == cand and res.session_dir is None
    assert not list(tmp_path.iterdir())  # nothing written without --out


def test_caption_times_reach_the_delivery_metrics(tmp_path):
    fake = RecordingAnalyzer()
    path = DATA / "zoom.vtt"
    res = analyze_transcript(AnalyzeOptions(path), path.read_text(encoding="utf-8"), fake)
    m = res.analysis.metrics
    assert not m.timing_estimated
    assert m.duration_s == 76.0  # the last cue ends at 01:16
    assert m.wpm == pytest.approx(131 / ((76.0 - 7.4) / 60), abs=0.1)


@pytest.fixture()
def transcript_session(tmp_path):
    path = DATA / "teams.vtt"
    out = tmp_path / "s"
    res = analyze_transcript(AnalyzeOptions(path, out_dir=out),
                             path.read_text(encoding="utf-8"), RecordingAnalyzer())
    assert res.session_dir == out.absolute()
    return out


def test_the_session_keeps_the_speakers_and_the_transcript(transcript_session):
    session_dir, s = open_session(transcript_session)
    assert s["kind"] == "transcript" and s["audio"] is None
    assert s["transcript"]["format"] == "vtt" and s["transcript"]["candidate"] == ARJUN
    assert s["transcript"]["speakers"] == {DANA: 24, ARJUN: 131}
    assert {w.get("speaker", "") for w in s["words"]} == {"", DANA}
    assert [x["speaker"] for x in s["sentences"]][:3] == [DANA, "", DANA]
    md = (session_dir / "transcript.md").read_text(encoding="utf-8")
    assert f"**{DANA}:** Let's start." in md and f"**{DANA}:** And what would you build" in md
    assert "## Other" not in md  # the interviewer's lines are context, not a phase
    assert analysis_from_dict(s).sentences[0].speaker == DANA


def test_replay_shows_the_interviewer_as_context_not_as_steps(transcript_session):
    _, s = open_session(transcript_session)
    plan = replay_plan(s)
    assert [st.phase for st in plan.steps] == ["design"] * 3  # each new turn is a step
    assert all(not x.speaker for st in plan.steps for x in st.sentences)
    assert [len(st.context) for st in plan.steps] == [1, 1, 1]
    shown = render_step(plan.steps[2], 3, 3)
    assert shown.index(f"{DANA}: And what would you build first?") < shown.index("The first")


def test_html_report_shows_the_interviewer_lines_outside_the_timeline(transcript_session):
    from voice_coach.report.html import _Audio

    session_dir, s = open_session(transcript_session)
    page = render_html(s, session_dir, _Audio(None, None, "no recording"))
    assert f'<span class="tag">{DANA} &middot; 00:44</span> And what would you build' in page
    data = json.loads(page.split('id="vc-data">')[1].split("</script>")[0])
    assert data["phases"] == ["Design"]  # no "Other" phase from the interviewer's lines


def test_a_run_session_without_speakers_renders_as_before():
    a = Analysis([Sentence("The member wants speed.", "clarify_goal", 0.0, 2.0)], [], [],
                 delivery_metrics([], [], 2.0))
    md = transcript_markdown(a, "t")
    assert "## Member and goal" in md and "**" not in md.split("\n", 1)[1]


# -- end to end through the CLI --------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_cli_analyzes_each_format_with_the_interviewer_as_context(name, tmp_path):
    fmt, other, cand, n_other, n_cand = FIXTURES[name]
    out = tmp_path / "session"
    proc = vc("analyze", str(DATA / name), "--json", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"Analyzing {cand}'s turns ({n_cand} words" in proc.stderr
    d = json.loads(proc.stdout)
    assert d["transcript"]["candidate"] == cand and d["transcript"]["format"] == fmt
    assert d["metrics"]["timing_estimated"] == (fmt == "labeled")
    s = json.loads((out / "session.json").read_text(encoding="utf-8"))
    assert sum(1 for w in s["words"] if w.get("speaker") == other) == n_other
    md = (out / "transcript.md").read_text(encoding="utf-8")
    assert "improve title discovery for returning members" in md  # the interviewer's words
    assert f"**{other}:**" in md
    assert all(x["phase"] == "other" for x in s["sentences"] if x.get("speaker"))


@pytest.mark.slow
def test_cli_video_call_vtt_end_to_end_through_replay_report_and_export(tmp_path):
    out = tmp_path / "call"
    proc = vc("analyze", str(DATA / "teams.vtt"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"Analyzing {ARJUN}'s turns (131 words, the speaker with the most words)" \
        in proc.stderr
    assert "Delivery:" in proc.stdout and "estimated" not in proc.stdout
    assert f"Session written to {out}" in proc.stdout
    replay = vc("replay", str(out))
    report = vc("report", str(out), "--html", str(tmp_path / "r.html"))
    export = vc("export", str(out), "--vtt", str(tmp_path / "c.vtt"))
    for p in (replay, report, export):
        assert p.returncode == 0, p.stderr
    shown = " ".join(replay.stdout.split())  # the terminal lines are wrapped
    assert "And what would you build first?" in shown
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Analyzed from a text transcript" in page and "improve title discovery" in page
    assert f"{DANA}: And what would you build first?" in shown
    assert f"{DANA} &middot; 00:44" in page
    assert f"[{DANA}]" in (tmp_path / "c.vtt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_cli_speaker_option_picks_the_other_speaker(tmp_path):
    proc = vc("analyze", str(DATA / "zoom.vtt"), "--speaker", "dana", "--json")
    assert proc.returncode == 0, proc.stderr
    assert f"Analyzing {DANA}'s turns (24 words, chosen with --speaker)" in proc.stderr
    assert json.loads(proc.stdout)["transcript"]["candidate"] == DANA


@pytest.mark.slow
def test_cli_plain_text_says_nothing_about_speakers(tmp_path):
    proc = vc("analyze", str(DATA / "plain_with_colons.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Analyzing" not in proc.stderr
    assert set(json.loads(proc.stdout)) == {"sentences", "flags", "strengths", "metrics",
                                            "claims"}


def _bad_transcripts(tmp: Path) -> dict[str, tuple[Path, list[str]]]:
    broken = tmp / "broken.vtt"
    broken.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:07.000\n<v A>one</v>\n\n"
                      "00:00:02.000 --> 00:00:03.000\n<v B>two</v>\n", encoding="utf-8")
    ends = tmp / "ends.srt"
    ends.write_text("1\n00:00:05,000 --> 00:00:04,000\nA: one\n", encoding="utf-8")
    garbled = tmp / "garbled.srt"
    garbled.write_text("1\n00:00:05,000 --> 00:00:0?,000\nA: one\n", encoding="utf-8")
    only_q = tmp / "only_q.txt"
    only_q.write_text("Interviewer: Design the homepage.\nInterviewer: Take your time.\n",
                      encoding="utf-8")
    empty_cues = tmp / "empty.vtt"
    empty_cues.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A></v>\n",
                          encoding="utf-8")
    zoom = DATA / "zoom.vtt"
    return {"backwards": (broken, []), "ends_before_start": (ends, []),
            "unparseable": (garbled, []), "no_candidate": (only_q, []),
            "no_words": (empty_cues, []), "unknown_speaker": (zoom, ["--speaker", "Bob"])}


@pytest.mark.slow
@pytest.mark.parametrize("case", ["backwards", "ends_before_start", "unparseable",
                                  "no_candidate", "no_words", "unknown_speaker"])
def test_cli_bad_transcripts_are_one_line_exit_2_nothing_written(tmp_path, case):
    path, extra = _bad_transcripts(tmp_path)[case]
    out = tmp_path / "out"
    proc = vc("analyze", str(path), "--out", str(out), *extra)
    assert_clean_failure(proc, 2)
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert proc.stdout == ""


def test_typed_lines_end_their_items_and_wrapped_lines_run_on():
    # prep notes end an item at the line break; joined with spaces the items would run on as
    # one sentence and a label would sink into the line before it
    text = ("Renters' repair app - first cut\nV1 = photo report, plumber booking\n"
            "Target: repairs done within\na week\n- repair log\n2) agent chat\nDone.")
    want = ("Renters' repair app - first cut. V1 = photo report, plumber booking. Target: "
            "repairs done within a week. - repair log. 2) agent chat. Done.")
    assert parse_transcript(text).turns[0].text == want
    assert " ".join(w.text for w in words_from_text(text)) == want
    labelled = parse_transcript("Interviewer: First version?\nCandidate: A photo report\n"
                                "Then a plumber booking")
    assert labelled.turns[1].text == "A photo report. Then a plumber booking"
