"""The real tiny.en model on small real clips."""

from __future__ import annotations

import itertools

import pytest
from conftest import assert_heard

from voice_coach.asr import TranscribeOptions, transcribe_utterances, usable_cpus
from voice_coach.audio.io import iter_file_chunks
from voice_coach.audio.vad import utterances
from voice_coach.errors import MissingComponentError
from voice_coach.models import resolve_whisper

pytestmark = pytest.mark.models


def words_of(path, transcriber):
    utts = list(utterances(iter_file_chunks(path)))
    return transcribe_utterances(transcriber, utts)


def test_jfk_transcribed_with_word_times(jfk, transcriber):
    words = words_of(jfk, transcriber)
    text = " ".join(w.text for w in words).lower()
    # a real voice, and the best-known sentence in the clip: yet what tiny.en hears still
    # depends on the CPU's int8 kernels, so 5 of its 6 phrases must be heard, not all
    assert_heard(text, ("fellow americans", "ask not", "what your country", "can do for you",
                        "ask what you can do", "for your country"), at_least=5)
    assert all(a.start_s <= b.start_s for a, b in itertools.pairwise(words))
    assert 0 <= words[0].start_s < 1.5 and 9 < words[-1].end_s < 11.5


def test_synthesized_answer_keeps_interview_terms(spoken_answer, transcriber):
    words = words_of(spoken_answer, transcriber)
    text = " ".join(w.text for w in words).lower()
    # espeak's robotic voice is hard for tiny.en, and which words it misses depends on the CPU
    # (an AMD EPYC lost "trade-off", this machine "latency"): the interview terms survive if
    # 10 of these 13 are heard, in any spelling
    assert_heard(text, ("member", "netflix", "metric", "guardrail", "cancellation",
                        "first version", "top row", "milliseconds", "ranker", "trade-off",
                        "fall back", "roll back", "validate"), at_least=10)


def test_silence_yields_no_words(silence_wav, transcriber):
    assert words_of(silence_wav, transcriber) == []


def test_model_resolution_order(tmp_path, monkeypatch):
    explicit = resolve_whisper()  # the installed package
    assert explicit.source.startswith("package")
    # a models/NAME folder wins over the package
    fake = tmp_path / "models" / "tiny.en"
    fake.mkdir(parents=True)
    (fake / "model.bin").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    assert resolve_whisper("tiny.en").source == "models/ folder"
    # an explicit path wins over both
    assert resolve_whisper(str(fake)).source == "explicit path"


def test_unknown_model_lists_what_was_tried():
    with pytest.raises(MissingComponentError) as err:
        resolve_whisper("large-v9")
    msg = err.value.message
    assert "models/large-v9" in msg and "tried" in msg


def test_recognizer_threads_follow_the_cpus_this_process_may_use(monkeypatch):
    # under `taskset -c 0` or a container's CPU set the machine still reports all its cores;
    # more recognizer threads than usable CPUs make them wait on each other
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert usable_cpus() == 1
    assert TranscribeOptions().cpu_threads == 1
