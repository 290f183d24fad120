"""ASR repair: the usual mishearings of interview terms, fixed before analysis."""

from __future__ import annotations

from functools import lru_cache

import pytest

from voice_coach.analysis.analyzer import Analyzer
from voice_coach.analysis.repair import repair_words, words_from_text
from voice_coach.analysis.rules import default_rules

RULES = default_rules()[3]


def fixed(text: str) -> str:
    return " ".join(w.text for w in repair_words(words_from_text(text), RULES))


@pytest.mark.parametrize("heard,meant", [
    ("we run a slash b test", "we run A/B test"),
    ("an a b test on members", "an A/B test on members"),
    ("put it in the cash layer", "put it in the cache layer"),
    ("the cope is one market", "the scope is one market"),
    ("and role back if plays drop", "and roll back if plays drop"),
    ("the guard rail is churn", "the guardrail is churn"),
    ("we fall back to the row", "we fallback to the row"),
    ("the trade off is freshness", "the trade-off is freshness"),
])
def test_usual_mishearings_are_repaired(heard, meant):
    assert fixed(heard) == meant


@pytest.mark.parametrize("text", [
    "people pay cash at the door",     # money, not a cache
    "they cope with a slow network",   # the verb, not scope
    "the actor's role is small",       # a role, not roll back
])
def test_words_with_another_meaning_are_left_alone(text):
    assert fixed(text) == text


def test_trailing_punctuation_survives_repair():
    assert fixed("then we role back.") == "then we roll back."


# --- ASR-side guards (voice_coach/asr.py): windows the model loses or loops on ------------

def _words(text: str, step: float = 0.4) -> list:
    from voice_coach.values import Word

    return [Word(t, i * step, i * step + step - 0.05) for i, t in enumerate(text.split())]


def test_phrase_loops_are_collapsed_to_one_copy():
    from voice_coach.asr import collapse_loops, degenerate

    loop = _words("and the rest of the time, the rest of the time, the rest of the time, "
                  "the rest of the time, done")
    assert degenerate(loop, 8.0)
    assert " ".join(w.text for w in collapse_loops(loop)) == "and the rest of the time, done"


def test_ordinary_repetition_is_kept():
    from voice_coach.asr import collapse_loops, degenerate

    words = _words("no no we said one by one and step by step")
    assert not degenerate(words, 4.0)
    assert collapse_loops(words) == words


def test_a_window_with_too_few_words_is_degenerate():
    from voice_coach.asr import degenerate

    assert degenerate(_words("team, that's my answer."), 25.0)
    assert not degenerate(_words("team, that's my answer."), 2.0)


def test_long_batches_are_split_into_whisper_windows():
    from voice_coach.asr import transcribe_utterances
    from voice_coach.values import SAMPLE_RATE_HZ, Utterance, Word

    calls: list[float] = []

    class Fake:
        name = "fake"

        def transcribe_array(self, audio, offset_s, context=""):
            calls.append(audio.size / SAMPLE_RATE_HZ)
            return [Word("x", 0.1, 0.2)]

    def utt(start: float, dur: float) -> Utterance:
        return Utterance(start, start + dur, b"\x00\x00" * int(dur * SAMPLE_RATE_HZ))

    words = transcribe_utterances(Fake(), [utt(0, 25.0), utt(25.0, 13.7)])
    assert len(calls) == 2 and max(calls) < 30.0
    assert [round(w.start_s, 1) for w in words] == [0.1, 25.1]


def _later(words: list, dt_s: float) -> list:
    import dataclasses

    return [dataclasses.replace(w, start_s=w.start_s + dt_s, end_s=w.end_s + dt_s)
            for w in words]


def _speechlike(seconds: float, quiet: tuple[float, float] | None = None):
    """Synthetic audio: a loud tone throughout, silent over ``quiet`` (start_s, end_s)."""
    import numpy as np

    from voice_coach.values import SAMPLE_RATE_HZ

    t = np.arange(int(seconds * SAMPLE_RATE_HZ)) / SAMPLE_RATE_HZ
    audio = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    if quiet:
        audio[int(quiet[0] * SAMPLE_RATE_HZ):int(quiet[1] * SAMPLE_RATE_HZ)] = 0.0
    return audio


def test_speech_the_decoder_skipped_is_found():
    from voice_coach.asr import skipped_speech

    # words at 0-2 s and 12-14 s of 14 s of speech: 10 s in between were skipped
    words = _words("so we keep") + _later(_words("the previews"), 12.0)
    hole = skipped_speech(words, _speechlike(14.0), 0.0)
    assert hole is not None and hole[1] - hole[0] > 9.0
    # the same words over audio that is silent in between: nothing was skipped
    assert skipped_speech(words, _speechlike(14.0, quiet=(1.5, 11.9)), 0.0) is None
    # on the stream's clock (offset) too, and a hole at the window's start counts
    late = _later(_words("the previews"), 108.0)
    hole = skipped_speech(late, _speechlike(10.0), 100.0)
    assert hole is not None and hole[0] == 100.0


def test_a_hole_is_filled_from_the_plain_decode_and_the_rest_kept():
    from voice_coach.asr import fill_hole

    prompted = _words("um so we keep") + _later(_words("for that profile"), 10.0)
    plain = _later(_words("so we keep previews for members who watch them and stop for the "
                          "ones who never do"), 0.4) + _later(_words("for that profile"), 10.0)
    hole = (prompted[3].end_s, prompted[4].start_s)
    got = [w.text for w in fill_hole(prompted, plain, hole)]
    # the prompted words (with the filler) stay; the skipped ones come from the plain decode
    assert got[:4] == ["um", "so", "we", "keep"] and got[-3:] == ["for", "that", "profile"]
    assert "previews" in got and "never" in got and got.count("keep") == 1


@pytest.mark.parametrize("heard,meant", [
    ("shoppers went to know what arrives", "shoppers want to know what arrives"),
    ("a pair assisted download path", "a peer-assisted download path"),
    ("segments shared pair to pair", "segments shared peer-to-peer"),
    ("a smaller coding ladder for phones", "a smaller encoding ladder for phones"),
    ("a pure assisted swarm", "a peer-assisted swarm"),
    ("an LLM summer imer for threads", "an LLM summarizer for threads"),
    ("run a slash beat test", "run A/B test"),
    ("the remover ratio stays flat", "the rebuffer ratio stays flat"),
])
def test_domain_terms_misheard_in_context_are_repaired(heard, meant):
    assert fixed(heard) == meant


@pytest.mark.parametrize("text", [
    "she went to see the doctor",        # "went to" with a verb of moving on is English
    "a pair of headphones",              # a pair, not a peer
    "the coding interview",              # coding, not an encoding ladder
    "a pure coincidence",                # pure, not a peer
    "the summer holidays",               # the season
    "a remover for stains",              # a remover, not rebuffering
])
def test_repairs_need_their_context_word(text):
    assert fixed(text) == text


@pytest.mark.parametrize("text", [
    "members pay at checkout and the cash option stays for older phones",
    "the driver hands over a cash refund at the door",
    "we stopped cashing checks at the branch",
])
def test_cash_near_money_words_stays_money(text):
    assert fixed(text) == text


def test_cash_in_a_systems_answer_is_a_cache():
    assert fixed("we keep hot rows in the cash so reads are fast") == \
        "we keep hot rows in the cache so reads are fast"


@pytest.mark.parametrize("heard,meant", [
    # "accept" heard as "except" where a cost was just named, after a pause
    ("Trade-off, some riders walk further, except, a predictable spot is worth more.",
     "Trade-off, some riders walk further, accept, a predictable spot is worth more."),
    ("The downside is a few stale rows. Except they fix themselves overnight.",
     "The downside is a few stale rows. accept they fix themselves overnight."),
    # no pause before it, or no cost before it: a real "except"
    ("Trade-off: it ignores all income except salary, so some false alarms.",
     "Trade-off: it ignores all income except salary, so some false alarms."),
    ("Every market gets it, except Brazil.", "Every market gets it, except Brazil."),
])
def test_accept_heard_as_except_after_a_cost(heard, meant):
    assert fixed(heard) == meant


@pytest.mark.parametrize("key", ["unless_near", "only_after"])
def test_unknown_repair_context_is_named(tmp_path, key):
    from voice_coach.analysis.rules import load_repairs
    from voice_coach.errors import BadInputError

    bad = tmp_path / "asr_repair.toml"
    bad.write_text(f'context_window = 5\nrules = [{{ words = ["x"], to = ["y"], '
                   f'{key} = "fruit" }}]\n[contexts]\nmoney = ["pay"]\n')
    with pytest.raises(BadInputError, match=f"{key} 'fruit' is not in"):
        load_repairs(bad)


# --- a transcript read aloud: the role labels heard as words ------------------------------

def _heard(text: str) -> list:
    from voice_coach.values import Word

    return [Word(t, i * 0.4, i * 0.4 + 0.35) for i, t in enumerate(text.split())]


def test_spoken_role_labels_give_the_turns_and_are_dropped():
    from voice_coach.analysis.repair import spoken_turns
    from voice_coach.values import CANDIDATE

    words = spoken_turns(_heard(
        "Interviewer, members say the row is full. How would you fix it candidate? Sure, "
        "first, any constraints? Interviewer. The budget is 150 milliseconds. Can today. "
        "Okay, so the member I'm thinking of turns on the TV."))
    said = {(w.text, w.speaker) for w in words}
    assert ("row", "Interviewer") in said and ("milliseconds.", "Interviewer") in said
    assert ("constraints?", CANDIDATE) in said and ("member", CANDIDATE) in said
    # the labels are gone, and a sentence end heard on one ends the sentence before it
    assert not {"interviewer", "candidate", "can", "today."} & {w.text.lower().strip(",.?")
                                                               for w in words}
    assert ("it?", "Interviewer") in said


def test_an_answer_after_the_interviewers_last_question_is_the_candidates():
    from voice_coach.analysis.repair import spoken_turns
    from voice_coach.values import CANDIDATE

    # the candidate's label before "I'd mainly want ..." was not heard
    words = spoken_turns(_heard(
        "Interviewer, members say the row is full. Candidate. I'd hide shows nobody finished. "
        "Interviewer, how would you know it worked? I'd mainly want to make sure hours "
        "streamed don't go down, because some shows get picked back up. Interviewer, is that "
        "your success measure? Is it? Candidate. Yes, with plays per member."))
    said = {(w.text, w.speaker) for w in words}
    assert ("worked?", "Interviewer") in said and ("streamed", CANDIDATE) in said
    # a question after a question is still the interviewer's, and a short tail is too
    assert ("measure?", "Interviewer") in said and ("it?", "Interviewer") in said
    assert ("row", "Interviewer") in said


@pytest.mark.parametrize("text", [
    # a role spoken of, not a label
    "The candidate should ask the interviewer one question, and a strong candidate "
    "states an assumption.",
    # one role only
    "Interviewer, how would you fix it? Interviewer, the budget is small. Interviewer.",
    # a heard form of several words only counts at a pause
    "What can today look like for members, and how can today be better, can today matter, "
    "interviewer?",
])
def test_an_answer_that_mentions_roles_keeps_its_speaker(text):
    from voice_coach.analysis.repair import spoken_turns
    from voice_coach.values import CANDIDATE

    words = _heard(text)
    assert spoken_turns(words) == words
    assert {w.speaker for w in spoken_turns(words)} == {CANDIDATE}


@pytest.mark.parametrize("heard,meant", [
    ("Late and see matters most on TVs", "latency matters most on TVs"),
    ("I'd run a flashy test on new members", "I'd run an A/B test on new members"),
    ("the rows on the foam page", "the rows on the homepage"),
    ("B1 is one market", "V1 is one market"),
    ("a fold-out of ten percent", "a holdout of ten percent"),
    ("matching has to fold up when a driver drops", "matching has to hold up when a driver "
     "drops"),
    ("ours per member must not drop", "hours per member must not drop"),
    ("we accept that for be one", "we accept that for V1"),
    ("for me one, debit cards only", "for V1, debit cards only"),
    ("Go metric, share of episodes skipped", "goal metric, share of episodes skipped"),
    ("and the guard drill is playback quality", "and the guardrail is playback quality"),
    ("the guard rate is fraud losses", "the guardrail is fraud losses"),
    ("Malidation, four weeks", "validation, four weeks"),
    ("browse take great must hold", "browse take rate must hold"),
    ("total viewing hours remember shouldn't drop", "total viewing hours per member "
     "shouldn't drop"),
    ("protect place remember flat", "protect plays per member flat"),
    ("so I'd lunch in three markets", "so I'd launch in three markets"),
    ("I'd big two or three countries", "I'd pick two or three countries"),
    ("I'd arrow to known titles", "I'd narrow to known titles"),
    ("if the index is tail we still serve", "if the index is stale we still serve"),
])
def test_rubric_words_the_voices_are_misheard_as_are_repaired(heard, meant):
    assert fixed(heard).lower() == meant.lower()


@pytest.mark.parametrize("text", [
    "a fold in the map",             # folding, not holding
    "we ran late and the show was not ready",
    "it would be one of the first screens",
    "give me one example",
    "we'd take great care with kids' profiles",
    "members remember the last scene",
    "the long tail is where the catalogue lives",
    "what hurts on TVs is tail latency",
    "a big lunch for twelve people",
])
def test_near_misses_of_those_repairs_are_left_alone(text):
    assert fixed(text) == text


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return Analyzer()


def listed(text: str, before: str = "") -> str:
    words = _analyzer().repair(words_from_text(text), before=words_from_text(before))
    return " ".join(w.text for w in words)


@pytest.mark.parametrize("heard,meant", [
    # numbered notes read aloud: the number, then the heading with a pause after it
    ("Four constraints. Billing must never double charge.",
     "4) Constraints: Billing must never double charge."),
    ("Done. One member, card expired after fraud.", "Done. 1) Member: Card expired after fraud."),
    ("Free V1. Card expired failures only.", "3) V1: Card expired failures only."),
    ("Six trade-offs. We accept a day of lag.", "6) Trade-offs: We accept a day of lag."),
])
def test_numbered_notes_items_read_aloud_are_written_back_as_typed(heard, meant):
    assert listed(heard) == meant


@pytest.mark.parametrize("text", [
    "For testing, I'd A/B test the new menu layout.",  # a homophone before a comma
    "To scale, we shard by region.",
    "Two metrics matter here.",             # no pause after the heading word
    "We had two. Metrics came later.",      # not a number then a heading
    "I'd say one, scope is narrow.",        # not at a sentence start
])
def test_sentences_that_only_look_like_numbered_items_are_left_alone(text):
    assert listed(text) == text


def test_a_numbered_item_after_words_said_before_is_found_at_their_sentence_end():
    assert listed("Five design. A reminder first.", before="The end.").startswith("5) Design:")
    assert listed("five design. A reminder first.", before="and then") == \
        "five design. A reminder first."


def test_an_empty_text_has_no_words():
    assert words_from_text("") == [] and words_from_text("  \n\n") == []


def joined(text: str) -> str:
    from voice_coach.analysis.repair import join_heard_pauses

    joiners = default_rules()[2].words["heard_joiners"]
    return " ".join(w.text for w in join_heard_pauses(words_from_text(text), joiners))


@pytest.mark.parametrize("heard,meant", [
    # the recognizer's full stop where the speaker only paused before a reason or an example
    ("We lose the alert channel. Because if we spam people, they turn alerts off.",
     "We lose the alert channel, because if we spam people, they turn alerts off."),
    ("That person is going to be annoyed. Like your manager asking something.",
     "That person is going to be annoyed, like your manager asking something."),
])
def test_a_heard_full_stop_before_a_word_that_opens_no_sentence_is_a_pause(heard, meant):
    assert joined(heard) == meant


@pytest.mark.parametrize("text", [
    "We lose the alert channel. But if we spam people, they turn alerts off.",
    "We lose the alert channel? Because if we spam people, they turn alerts off.",
    "Because if we spam people, they turn alerts off.",   # nothing before it
    "We lose the alert channel... because people leave.",  # a trailing-off, not a guess
])
def test_other_full_stops_are_kept(text):
    assert joined(text) == text


def test_a_typed_answer_keeps_its_full_stops_and_heard_words_do_not(analyzer):
    text = ("The guardrail is opt-outs. Because if we spam people, they turn alerts off and "
            "we lose the channel.")
    assert len(analyzer.analyze_text(text).sentences) == 2
    assert len(analyzer.analyze(words_from_text(text)).sentences) == 1


def test_a_guardrails_reason_heard_after_a_full_stop_is_no_trade_off(analyzer):
    # typed as one sentence ("..., because if we spam ..."): the guardrail's reason. Heard
    # with a full stop before "Because", the reason alone read as a cost the speaker accepts.
    heard = ("The guardrail is complaints and notification opt-outs. Because if we spam people "
             "with scary warnings, they'll turn notifications off and we lose the channel for "
             "fraud alerts too.")
    kinds = [c.kind for c in analyzer.analyze(words_from_text(heard)).claims]
    assert "guardrail" in kinds and "tradeoff" not in kinds
