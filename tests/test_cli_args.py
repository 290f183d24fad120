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
