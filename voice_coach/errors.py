"""Expected failures: each carries one line a person can act on and an exit code.

The CLI catches these and prints the message without a traceback. Anything else is a bug
and keeps its traceback (exit 1).
"""

from __future__ import annotations

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2  # missing/undecodable file, silence, malformed data file, bad flag
EXIT_MISSING = 3  # a model, engine or system package is not installed
EXIT_DEVICE = 4  # audio device absent or failed
EXIT_OUTPUT = 5  # cannot write the output (read-only folder, disk full)
EXIT_INTERRUPTED = 130


class VoiceCoachError(Exception):
    """An expected failure with a one-line, actionable message."""

    exit_code = EXIT_BUG

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInputError(VoiceCoachError):
    exit_code = EXIT_BAD_INPUT


class NoSpeechError(BadInputError):
    pass


class MissingComponentError(VoiceCoachError):
    exit_code = EXIT_MISSING


class DeviceError(VoiceCoachError):
    exit_code = EXIT_DEVICE


class OutputError(VoiceCoachError):
    exit_code = EXIT_OUTPUT
