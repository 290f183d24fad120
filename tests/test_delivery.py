"""Delivery metrics from word timestamps."""

from __future__ import annotations

from voice_coach.analysis.delivery import count_fillers, delivery_metrics
from voice_coach.values import Sentence, Word


def words_at(text: str, step: float = 0.4) -> list[Word]:
    return [Word(t, i * step, i * step + step - 0.05) for i, t in enumerate(text.split())]


def test_pace_fillers_and_pauses():
    words = [*words_at("um so the member wants uh a show"), Word("fast.", 20.0, 20.3)]
    sents = [Sentence("um so the member wants uh a show fast.", "clarify_goal", 0.0, 20.3)]
    m = delivery_metrics(words, sents)
    assert m.fillers == 2
    assert m.long_pauses == 1          # 3.2 s -> 20.0 s
    assert m.words == 9
    assert m.wpm == round(9 / (20.3 / 60), 1)
    assert m.filler_per_min == round(2 / (20.3 / 60), 2)
    assert m.time_to_member_goal_s == 0.0
    assert m.phase_durations_s == {"clarify_goal": 20.3}


def test_fillers_with_punctuation_and_case_count():
    words = [Word("Um,", 0, 0.2), Word("uh...", 0.3, 0.5), Word("umbrella", 1, 2)]
    assert count_fillers(words) == 2


def test_time_to_goal_and_time_per_phase():
    sents = [Sentence("I'd build a ranker.", "design", 0.0, 30.0),
             Sentence("The member wants a show.", "clarify_goal", 30.0, 40.0),
             Sentence("Another ranker detail.", "design", 40.0, 50.0)]
    m = delivery_metrics(words_at("x " * 10), sents, duration_s=50.0)
    assert m.time_to_member_goal_s == 30.0
    assert m.phase_durations_s == {"design": 40.0, "clarify_goal": 10.0}
    assert m.duration_s == 50.0


def test_no_words_no_division_by_zero():
    m = delivery_metrics([], [], duration_s=5.0)
    assert m.wpm == 0.0 and m.filler_per_min == 0.0 and m.time_to_member_goal_s is None
