"""Child process for pyttsx3: one utterance, one file, then exit.

Run as ``python -m voice_coach.tts_worker OUT.wav RATE`` with the text on stdin. Living in
its own process lets the parent time out a hung engine and start clean each time.
"""

from __future__ import annotations

import sys


def main() -> int:
    out, rate = sys.argv[1], int(sys.argv[2])
    text = sys.stdin.read()
    import pyttsx3

    engine = pyttsx3.init()
    engine.setProperty("rate", rate)
    engine.save_to_file(text, out)
    engine.runAndWait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
