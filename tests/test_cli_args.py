"""The CLI only maps flags onto the stages' options: checked without running anything."""

from __future__ import annotations

import pytest

from voice_coach.cli import FILE_BEAM_SIZE, _transcribe_options, build_parser


def test_file_commands_search_wider_than_live_practice_and_say_so():
    args = build_parser().parse_args(["run", "answer.wav"])
    assert _transcribe_options(args).beam_size == FILE_BEAM_SIZE == 5
    args = build_parser().parse_args(["demo", "--beam-size", "1"])
    assert _transcribe_options(args).beam_size == 1


@pytest.mark.parametrize("bad", ["0", "11", "wide"])
def test_a_bad_beam_size_is_one_clear_error(bad, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["run", "answer.wav", "--beam-size", bad])
    assert exc.value.code == 2
    assert "beam size must be a whole number from 1 to 10" in capsys.readouterr().err


class _Stop(Exception):
    """Raised by a stand-in stage: the options it was given are all the test needs."""


def test_the_speech_rate_reaches_the_coachs_voice_in_run_and_practice(monkeypatch):
    import voice_coach.live.practice as practice_mod
    import voice_coach.pipeline as pipeline
    from voice_coach.cli import main

    seen = []

    def stage(opt, *a, **k):
        seen.append(opt.speak.rate_wpm)
        raise _Stop

    monkeypatch.setattr(pipeline, "run_file", stage)
    monkeypatch.setattr(practice_mod, "practice", stage)
    for argv in (["run", "answer.wav", "--rate", "240"], ["practice", "--rate", "240"],
                 ["run", "answer.wav"]):
        with pytest.raises(_Stop):
            main(argv)
    assert seen == [240, 240, 165]


@pytest.mark.parametrize("bad", ["20", "900", "fast"])
def test_a_bad_speech_rate_is_one_clear_error(bad, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["practice", "--rate", bad])
    assert exc.value.code == 2
    assert "speech rate must be a whole number of words per minute" in capsys.readouterr().err
