"""Analyzer behaviour on hard cases (real spaCy model; each case is an idea, not a corpus
sentence)."""

from __future__ import annotations

import pytest

from voice_coach.analysis.analyzer import Analyzer, flag_vector
from voice_coach.analysis.repair import repair_words, words_from_text
from voice_coach.analysis.rules import default_rules
from voice_coach.values import Word

STRONG = (
    "The member is a parent who wants to find a safe show for their kid in under a minute, "
    "and today they give up and hand over the tablet. "
    "Success is the share of kids profiles sessions that start a play within a minute, "
    "and the guardrail is that parental complaints must not go up. "
    "For version one I would start with only the kids row on TV in Canada. "
    "Latency matters: the row has to load in under two hundred milliseconds, and we have "
    "little data on new kids profiles so cold start is the learning constraint. "
    "The design is a rules filter on maturity ratings plus a small ranker over the existing "
    "candidates. "
    "The trade-off is less personalization in exchange for safety, which I accept because "
    "a single wrong title costs more trust than a dull row. "
    "If the ranker is down we fall back to an editorial row. "
    "I would A/B test it on a small share of kids profiles, watch plays and complaints in "
    "week one, and roll back if complaints rise."
)


def flags_of(analyzer: Analyzer, text: str) -> dict[str, bool]:
    return flag_vector(analyzer.analyze_text(text))


def test_strong_answer_has_no_core_flags(analyzer):
    got = flags_of(analyzer, STRONG)
    assert [k for k, v in got.items() if v] == []


def test_strengths_come_from_what_was_said(analyzer):
    a = analyzer.analyze_text(STRONG)
    assert any("guardrail" in s for s in a.strengths)
    weak = analyzer.analyze_text("Great question. I would build a microservice with a cache.")
    assert not any("guardrail" in s for s in weak.strengths)


def test_architecture_first_is_flagged(analyzer):
    text = ("I would stand up a ranking service backed by a feature store and a Kafka stream. "
            "The embeddings get recomputed nightly in a batch pipeline. " + STRONG)
    got = flags_of(analyzer, text)
    assert got["architecture_before_goal"]


def test_metric_named_without_guardrail(analyzer):
    text = STRONG.replace("and the guardrail is that parental complaints must not go up", "")
    text = text.replace("watch plays and complaints in week one, and roll back if complaints rise",
                        "and ship it if plays go up")
    got = flags_of(analyzer, text)
    assert got["no_guardrail"]
    assert not got["no_success_metric"]


def test_refusing_metrics_names_no_metric(analyzer):
    text = ("The member wants to find a show fast. I won't get into metrics here. "
            "I would build a ranker with a cache.")
    got = flags_of(analyzer, text)
    assert got["no_success_metric"] and got["no_guardrail"]


def test_hedged_tradeoff_names_no_tradeoff(analyzer):
    text = ("The member wants to find a show fast. There are always trade-offs in any design. "
            "I would build a ranker with a cache.")
    assert flags_of(analyzer, text)["no_tradeoff"]


def test_concrete_tradeoff_counts(analyzer):
    text = ("The member wants to find a show fast. I'd rather show slightly staler rows than "
            "make the page slower, so we accept a few hours of lag.")
    assert not flags_of(analyzer, text)["no_tradeoff"]


def test_goal_stated_late_is_architecture_first(analyzer):
    text = ("We build a two tower retrieval model and a transformer ranker and a real-time "
            "feature store. Then a row generation service. Why? Members scroll and give up.")
    got = flags_of(analyzer, text)
    assert got["architecture_before_goal"] and not got["no_member_goal"]


def test_bundled_v1_is_overbuilt(analyzer):
    text = ("The member wants to find a show fast. In the first release we ship a new ranking "
            "model, a feature store, a bandit layer, a notification service, an LLM summarizer "
            "and a chat component, all at once.")
    assert flags_of(analyzer, text)["overbuilt_v1"]


def test_missing_flags_carry_a_place_and_every_flag_has_advice(analyzer):
    a = analyzer.analyze_text("Great question. I would build a microservice with a cache.")
    assert a.flags
    for f in a.flags:
        assert f.advice and f.evidence.quote
        assert f.evidence.start_s >= 0


def test_run_on_sentence_is_split(analyzer):
    text = " ".join(["so the member wants to watch something and then we build a ranker and "
                     "then we cache it and then we test it"] * 4)
    a = analyzer.analyze_text(text)
    assert len(a.sentences) >= 3


def test_asr_repair_keeps_times():
    words = [Word("run", 0, 0.2), Word("an", 0.2, 0.3), Word("a", 0.3, 0.4),
             Word("slash", 0.4, 0.6), Word("b", 0.6, 0.7), Word("test.", 0.7, 1.0)]
    out = repair_words(words, default_rules()[3])
    assert [w.text for w in out] == ["run", "an", "A/B", "test."]
    assert out[2].start_s == 0.3 and out[2].end_s == 0.7


def test_mishearing_repaired_before_analysis(analyzer):
    text = ("The member wants to find a show fast. We'd run an a slash b test on one percent of "
            "members and role back if plays drop.")
    got = flags_of(analyzer, text)
    assert not got["no_validation"]


def test_delivery_metrics_from_timestamps(analyzer):
    words = [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in
             enumerate("um the member wants uh a show".split())]
    words += [Word("fast.", 10.0, 10.4)]  # a pause of more than 3 s before it
    a = analyzer.analyze(words)
    assert a.metrics.fillers == 2
    assert a.metrics.long_pauses == 1
    assert a.metrics.time_to_member_goal_s is not None


def test_blank_pipeline_still_works():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    a = Analyzer(nlp=nlp).analyze(words_from_text(STRONG), estimated=True)
    assert len(a.sentences) >= 8
    assert {s.phase for s in a.sentences} >= {"clarify_goal", "validation"}


@pytest.mark.parametrize("system,before,after", [
    ("playback", "no_guardrail", "no_success_metric"),
    (None, "no_success_metric", "no_guardrail"),
])
def test_fix_priority_depends_on_prompt_system(analyzer, system, before, after):
    a = analyzer.analyze(words_from_text("I would build a cache and a ranker."), system=system)
    ids = [f.id for f in a.flags]
    assert ids.index(before) < ids.index(after)
