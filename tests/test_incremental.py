"""Analysis while listening: words parsed as they arrive must give the analysis of one whole
parse, and leave only the open tail to parse when the answer ends."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from voice_coach.analysis.incremental import (
    IncrementalOptions,
    IncrementalParse,
    analyze_parses,
    parse_words,
)
from voice_coach.analysis.repair import words_from_text

HELDOUT = Path(__file__).parent / "data" / "heldout"


def _answers() -> list[str]:
    return [" ".join(s["text"] for s in json.loads(p.read_text())["sentences"])
            for p in sorted(HELDOUT.glob("*.json"))]


def _feed_in_utterances(p: IncrementalParse, words, seed: int = 0) -> None:
    rng = random.Random(seed)
    i = 0
    while i < len(words):
        k = rng.randint(3, 30)  # an utterance's words, as the recognizer hands them over
        p.feed(words[i:i + k])
        i += k


def _summary(analysis):
    return ([(s.phase, s.text, s.start_s, s.end_s) for s in analysis.sentences],
            sorted(f.id for f in analysis.flags), analysis.strengths)


@pytest.mark.parametrize("seed", [0, 1])
def test_parsing_while_listening_gives_the_whole_parse(analyzer, seed):
    answers = _answers()
    assert len(answers) >= 10
    for text in answers:
        words = words_from_text(text)
        p = IncrementalParse(analyzer)
        _feed_in_utterances(p, words, seed)
        assert _summary(analyze_parses(analyzer, [p])) == _summary(analyzer.analyze(words))


def test_only_the_open_tail_is_left_for_the_end(analyzer):
    # a 20-minute-long answer: the heldout answers back to back
    words = words_from_text(" ".join(_answers()))
    assert len(words) > 2000
    p = IncrementalParse(analyzer)
    _feed_in_utterances(p, words)
    # committed sentences cover nearly everything; what waits is a couple of sentences
    assert len(p.sentences) > 50
    assert len(p._pending) < 150, len(p._pending)
    assert p.parses < len(words) / IncrementalOptions().min_pending_words + 5


def test_snapshot_does_not_commit_the_open_sentence(analyzer):
    p = IncrementalParse(analyzer, IncrementalOptions(min_pending_words=1))
    p.feed(words_from_text("The member is a parent who wants to find a show for the kids."))
    p.feed(words_from_text("Success is the share of sessions that start a title within"))
    _, mid = p.snapshot()
    assert mid[-1].span.text.endswith("within")
    p.feed(words_from_text("a minute, and the guardrail is cancellations."))
    words, infos = p.snapshot()
    # the sentence cut by the snapshot is whole again
    assert infos[-1].span.text.strip().endswith("cancellations.")
    assert " ".join(w.text for w in words).count("within") == 1


def test_a_repair_is_not_split_between_feeds(analyzer):
    p = IncrementalParse(analyzer, IncrementalOptions(min_pending_words=1))
    p.feed(words_from_text("We would run an a slash"))
    p.feed(words_from_text("b test on new members. Then we ship it."))
    words, _ = p.snapshot()
    assert "A/B" in [w.text for w in words]
    assert "slash" not in [w.text for w in words]


def test_context_sentence_is_not_returned_twice(analyzer):
    words = words_from_text(" ".join(_answers()[:3]))
    p = IncrementalParse(analyzer)
    _feed_in_utterances(p, words)
    all_words, infos = p.snapshot()
    assert [w.text for w in all_words] == [w.text for w in words]
    # every word belongs to exactly one sentence, in order
    spans = [(s.first_word, s.last_word) for s in infos]
    assert spans[0][0] == 0 and spans[-1][1] == len(words) - 1
    assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(spans))


def test_unpunctuated_speech_is_still_committed(analyzer):
    text = " ".join(_answers()[:4]).replace(".", "").replace(",", "").replace("?", "").lower()
    words = words_from_text(text)
    p = IncrementalParse(analyzer, IncrementalOptions(max_pending_words=200))
    _feed_in_utterances(p, words)
    assert p.sentences and len(p._pending) < 260
    analysis = analyze_parses(analyzer, [p])
    assert sum(len(s.text.split()) for s in analysis.sentences) == len(words)


def test_turns_parsed_separately_are_analyzed_together(analyzer):
    a, b = _answers()[:2]
    wa = words_from_text(a)
    wb = [type(w)(w.text, w.start_s + 600, w.end_s + 600) for w in words_from_text(b)]
    joint = analyze_parses(analyzer, [parse_words(analyzer, wa), parse_words(analyzer, wb)])
    assert [s.text for s in joint.sentences] == \
        [s.text for s in analyzer.analyze(wa).sentences + analyzer.analyze(wb).sentences]
    # the phases chosen jointly were not written back into either turn's parse
    first = parse_words(analyzer, wa)
    alone = analyze_parses(analyzer, [first])
    analyze_parses(analyzer, [first, parse_words(analyzer, wb)])
    assert [s.phase for s in analyze_parses(analyzer, [first]).sentences] == \
        [s.phase for s in alone.sentences]


def test_a_repair_sees_its_context_across_feeds(analyzer):
    """"the cash" a few words after a money word is money, even once that word is committed
    and only the words after it are still being repaired."""
    said = ["Members pay monthly.", "Most of them use the phone app for everything.",
            "A few of them top up at a shop near home.", "We keep the cash for later.",
            "The balance shows on the account page right away.",
            "Support can see the same balance when a member calls.",
            "Nothing else changes for members in the first version.",
            "That keeps the launch small and easy to roll back."]
    whole = analyzer.analyze(words_from_text(" ".join(said)))
    p = IncrementalParse(analyzer, IncrementalOptions(min_pending_words=1))
    for sentence in said:
        p.feed(words_from_text(sentence))
    assert p.sentences and "cash" not in " ".join(w.text for w in p._pending)  # committed
    words, infos = p.snapshot()
    assert "cash" in [w.text for w in words] and "cache" not in [w.text for w in words]
    assert [s.span.text.strip() for s in infos] == [s.text for s in whole.sentences]


@pytest.mark.parametrize("step", [1, 2, 5])
def test_a_heard_full_stop_read_as_a_pause_is_read_so_while_listening(analyzer, step):
    """A full stop before "Because" is joined wherever the feeds split the words, so the
    sentences committed while listening are those of one whole parse."""
    said = ("The member is a commuter who reads alerts on the train. The guardrail is "
            "opt-outs. Because if we spam people, they turn alerts off. We show one alert a "
            "day at most. Like a gentle nudge in the morning. Then we watch the first week. "
            "If opt-outs rise, we roll back.")
    words = words_from_text(said)
    whole = analyzer.analyze(words)
    assert len(whole.sentences) == 5
    p = IncrementalParse(analyzer, IncrementalOptions(min_pending_words=1))
    for i in range(0, len(words), step):
        p.feed(words[i:i + step])
    assert _summary(analyze_parses(analyzer, [p])) == _summary(whole)
