"""Speech recognition: the Transcriber protocol and the faster-whisper backend."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from voice_coach.errors import MissingComponentError
from voice_coach.models import ResolvedModel, resolve_whisper
from voice_coach.values import SAMPLE_RATE_HZ, Utterance, Word

log = logging.getLogger(__name__)

# Whisper omits disfluencies unless its context shows them: a prompt written with fillers
# makes it keep "um" and "uh", which the delivery metrics count.
FILLER_PROMPT = "Um, so, uh, I think, like, um, you know, uh."
# Words every answer to this interview uses; the prompt's own domain terms are added to them.
INTERVIEW_TERMS = ("member", "metric", "guardrail", "A/B test", "rollback", "latency",
                   "trade-off", "scope")


class Transcriber(Protocol):
    name: str

    def transcribe_array(self, audio: np.ndarray, offset_s: float, context: str = ""
                         ) -> list[Word]:
        """Words of 16 kHz float32 audio, with times shifted by ``offset_s``."""
        ...


GAP_S = 0.3  # silence put between utterances batched into one recognizer call
MAX_CALL_S = 28.0  # one recognizer call stays inside whisper's 30 s window


def transcribe_utterances(transcriber: Transcriber, utterances: list[Utterance],
                          context: str = "") -> list[Word]:
    """Transcribe several utterances in as few calls as fit in one 30 s window each (fewer,
    fuller windows are faster and give the model more context), mapping word times back to
    the stream's clock.

    A call longer than 30 s is split here: measured on tiny.en, with an initial prompt a
    second window makes the model skip the whole first window (25 s of speech lost)."""
    if not utterances:
        return []
    groups: list[list[Utterance]] = [[]]
    total = 0.0
    for u in utterances:
        dur = len(u.pcm) / 2 / SAMPLE_RATE_HZ + GAP_S
        if groups[-1] and total + dur > MAX_CALL_S:
            groups.append([])
            total = 0.0
        groups[-1].append(u)
        total += dur
    words: list[Word] = []
    for group in groups:
        ctx = " ".join([context] + [w.text for w in words[-40:]]).strip() if words else context
        words += _transcribe_group(transcriber, group, ctx)
    return words


def _transcribe_group(transcriber: Transcriber, utterances: list[Utterance],
                      context: str) -> list[Word]:
    gap = np.zeros(int(GAP_S * SAMPLE_RATE_HZ), dtype=np.float32)
    parts: list[np.ndarray] = []
    spans: list[tuple[float, float, float]] = []  # (batch start, batch end, stream start)
    pos = 0.0
    for u in utterances:
        a = u.samples()
        spans.append((pos, pos + a.size / SAMPLE_RATE_HZ, u.start_s))
        parts += [a, gap]
        pos += a.size / SAMPLE_RATE_HZ + GAP_S
    audio = np.concatenate(parts)

    def to_stream(t: float) -> float:
        for b0, b1, s0 in spans:
            if t <= b1 + GAP_S / 2:
                return s0 + max(0.0, min(t, b1) - b0)
        b0, b1, s0 = spans[-1]
        return s0 + (b1 - b0)

    words = transcriber.transcribe_array(audio, 0.0, context)
    return [Word(w.text, round(to_stream(w.start_s), 3), round(to_stream(w.end_s), 3), w.prob)
            for w in words]


def usable_cpus() -> int:
    """The CPUs this process may run on: a container or `taskset` can give it fewer than the
    machine has, and more recognizer threads than CPUs make them wait on each other."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 2


@dataclass(frozen=True)
class TranscribeOptions:
    model: str | None = None  # name or path; None: tiny.en
    compute_type: str = "int8"
    cpu_threads: int = field(default_factory=usable_cpus)
    # greedy for live practice (the end of an answer waits on the last utterance); the file
    # commands ask for 5 (cli.FILE_BEAM_SIZE), which heard cue words better
    beam_size: int = 1
    keep_fillers: bool = True
    hotwords: tuple[str, ...] = ()  # domain terms to bias decoding towards
    # Biasing towards the interview's terms is off by default because it measured worse:
    # `eval_analysis.py --speech` on 32 answers, hotwords on vs off: flag agreement with the
    # text 0.928 vs 0.953 (espeak voice) and 0.925 vs 0.938 (piper). The longer prompt makes
    # tiny.en hear the terms better but drop more ordinary words. `--hotwords` turns it on.
    use_hotwords: bool = False
    no_speech_threshold: float = 0.6
    min_avg_logprob: float = -1.2  # below this a segment is likely invented (noise, music)
    temperature: float = 0.0
    max_tokens_per_s: float = 8.0
    hallucination_silence_s: float | None = 0.5


class FasterWhisperTranscriber:
    def __init__(self, options: TranscribeOptions | None = None) -> None:
        self.opt = options or TranscribeOptions()
        self.model_info: ResolvedModel = resolve_whisper(self.opt.model)
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise MissingComponentError(
                "faster-whisper is not installed: run `make install`."
            ) from None
        # str(): ctranslate2 rejects Path objects. local_files_only: never reach a hub.
        self._model = WhisperModel(
            str(self.model_info.path), device="cpu", compute_type=self.opt.compute_type,
            cpu_threads=self.opt.cpu_threads, local_files_only=True,
        )
        self.name = self.model_info.name

    def transcribe_array(self, audio: np.ndarray, offset_s: float, context: str = ""
                         ) -> list[Word]:
        if audio.size < SAMPLE_RATE_HZ // 10:
            return []
        prompt_parts = []
        if self.opt.keep_fillers:
            prompt_parts.append(FILLER_PROMPT)
        if context:
            prompt_parts.append(context[-200:])
        duration_s = audio.size / SAMPLE_RATE_HZ
        initial_prompt = " ".join(prompt_parts) or None
        hotwords = (", ".join(dict.fromkeys(INTERVIEW_TERMS + self.opt.hotwords)) or None) \
            if self.opt.use_hotwords else None
        words = self._decode(audio, offset_s, initial_prompt, hotwords)
        if initial_prompt or hotwords:
            if degenerate(words, duration_s):
                # measured on tiny.en: with a prompt it sometimes skips a whole window or
                # loops on one phrase ("the rest of the time, the rest of the time, ..."); one
                # plain re-decode recovers the words (fillers may be lost for that window)
                retry = self._decode(audio, offset_s, None, None)
                if len({_bare(w.text) for w in retry}) > len({_bare(w.text) for w in words}):
                    log.debug("re-decoded a degenerate window without prompt")
                    words = retry
            else:
                hole = skipped_speech(words, audio, offset_s)
                if hole is not None:
                    # ... or it skips only part of the window (measured: 6-15 s at the start
                    # of a window cut mid-word, in 19 of 92 synthesized answers): the plain
                    # re-decode's words fill the hole, the prompted ones stay elsewhere
                    retry = self._decode(audio, offset_s, None, None)
                    words = fill_hole(words, retry, hole)
        return drop_hallucinations(collapse_loops(words), audio, offset_s)

    def _decode(self, audio: np.ndarray, offset_s: float, initial_prompt: str | None,
                hotwords: str | None) -> list[Word]:
        duration_s = audio.size / SAMPLE_RATE_HZ
        segments, _info = self._model.transcribe(
            audio,
            language="en",
            beam_size=self.opt.beam_size,
            word_timestamps=True,
            vad_filter=False,  # webrtcvad already gated speech
            condition_on_previous_text=False,  # stops repetition loops on long inputs
            initial_prompt=initial_prompt,
            hotwords=hotwords,
            no_speech_threshold=self.opt.no_speech_threshold,
            # One greedy pass: the temperature fallback re-decodes up to 6 times (seconds on a
            # short utterance) and mostly produces different hallucinations, not better text.
            temperature=self.opt.temperature,
            # nobody says more than ~6 tokens a second; a runaway decode is cut short
            # and prompt + output must fit whisper's 448-token window
            max_new_tokens=min(440 - self._prompt_tokens(initial_prompt, hotwords),
                               int(12 + self.opt.max_tokens_per_s * duration_s)),
            hallucination_silence_threshold=self.opt.hallucination_silence_s,
        )
        words: list[Word] = []
        for seg in segments:
            if seg.no_speech_prob > self.opt.no_speech_threshold and seg.avg_logprob < -0.8:
                log.debug("dropped likely non-speech segment %r", seg.text)
                continue
            if seg.avg_logprob < self.opt.min_avg_logprob:
                log.debug("dropped low-confidence segment %r (%.2f)", seg.text, seg.avg_logprob)
                continue
            for w in seg.words or []:
                text = w.word.strip()
                if not text:
                    continue
                start, end = round(offset_s + float(w.start), 3), round(offset_s + float(w.end), 3)
                if words and not w.word.startswith(" ") and not text[0].isalnum():
                    # whisper emits "-off" of "trade-off" or the "%" of "1%" as its own word
                    # without a leading space: it belongs to the word before
                    prev = words[-1]
                    words[-1] = Word(prev.text + text, prev.start_s, end,
                                     min(prev.prob, round(float(w.probability), 3)))
                    continue
                words.append(Word(text, start, end, round(float(w.probability), 3)))
        return words

    def _prompt_tokens(self, initial_prompt: str | None, hotwords: str | None) -> int:
        """Tokens faster-whisper puts before the output: <|startofprev|>, the hotwords and
        the initial prompt (each capped at 223), the start sequence; plus a small margin."""
        n = 1 + 4 + 4
        tok = getattr(self._model, "hf_tokenizer", None)
        for text in (hotwords, initial_prompt):
            if text:
                count = len(tok.encode(" " + text.strip()).ids) if tok is not None \
                    else len(text) // 2
                n += min(count, 223)
        return n


def _bare(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _loop_at(bare: list[str], i: int, min_repeats: int = 3) -> int:
    """Length n of a phrase of 2-16 words starting at i that repeats at least ``min_repeats``
    times in a row, or 0 (tiny.en's loops are sentences: "I'm going to look at the same thing
    that I'm going to do.")."""
    for n in range(2, 17):
        reps = 1
        while bare[i + reps * n:i + (reps + 1) * n] == bare[i:i + n]:
            reps += 1
        if reps >= min_repeats:
            return n
    return 0


def collapse_loops(words: list[Word], min_repeats: int = 3) -> list[Word]:
    """Keep one copy of a phrase the model repeated three or more times in a row."""
    bare = [_bare(w.text) for w in words]
    out: list[Word] = []
    i = 0
    while i < len(words):
        n = _loop_at(bare, i, min_repeats)
        if n:
            out.extend(words[i:i + n])
            i += n
            while bare[i:i + n] == bare[i - n:i] and i < len(words):
                i += n
            continue
        out.append(words[i])
        i += 1
    return out


def degenerate(words: list[Word], duration_s: float, min_words_per_s: float = 1.0) -> bool:
    """A decode that lost the speech: far fewer words than the (VAD-gated) audio holds, or a
    phrase loop."""
    if duration_s >= 5.0 and len(words) < min_words_per_s * duration_s:
        return True
    bare = [_bare(w.text) for w in words]
    return any(_loop_at(bare, i) for i in range(len(bare)))


def _frame_energy(audio: np.ndarray) -> tuple[np.ndarray, float]:
    """RMS of each 20 ms frame (50 a second), and the loud level: the frames' 90th
    percentile (0.0 for audio shorter than a frame)."""
    frame = SAMPLE_RATE_HZ // 50
    n = audio.size // frame
    if n == 0:
        return np.zeros(0, dtype=np.float32), 0.0
    rms = np.sqrt(np.mean(audio[: n * frame].reshape(n, frame) ** 2, axis=1))
    return rms, float(np.percentile(rms, 90))


def skipped_speech(words: list[Word], audio: np.ndarray, offset_s: float,
                   min_hole_s: float = 3.0, min_voiced: float = 0.5
                   ) -> tuple[float, float] | None:
    """The longest stretch of the (VAD-gated) audio with no word in it, as (start_s, end_s)
    on the words' clock, if it is at least ``min_hole_s`` long and mostly speech (frames
    louder than a tenth of the audio's loud frames): words the decoder skipped."""
    if audio.size / SAMPLE_RATE_HZ < min_hole_s:
        return None
    rms, ref = _frame_energy(audio)
    n = rms.size
    if ref <= 0:
        return None
    end_s = offset_s + audio.size / SAMPLE_RATE_HZ
    edges = [offset_s] + [t for w in words for t in (w.start_s, w.end_s)] + [end_s]
    best: tuple[float, float] | None = None
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if b - a < min_hole_s or (best is not None and b - a <= best[1] - best[0]):
            continue
        seg = rms[max(0, int((a - offset_s) * 50)):min(n, int((b - offset_s) * 50))]
        if seg.size and float(np.mean(seg > 0.1 * ref)) >= min_voiced:
            best = (a, b)
    return best


def fill_hole(words: list[Word], retry: list[Word], hole: tuple[float, float]) -> list[Word]:
    """``words`` with the words of ``retry`` (another decode of the same audio) that lie
    inside ``hole`` put in their place in time."""
    a, b = hole
    inside = [w for w in retry if w.start_s >= a - 0.05 and w.end_s <= b + 0.05]
    if not inside:
        return words
    log.debug("filled a %.1f s hole with %d re-decoded words", b - a, len(inside))
    return sorted(words + inside, key=lambda w: w.start_s)


def drop_hallucinations(words: list[Word], audio: np.ndarray, offset_s: float,
                        tail_energy_ratio: float = 0.15, max_repeat: int = 2) -> list[Word]:
    """Remove what tiny.en invents on short clips: a word repeated in a run ("test test test
    test"), punctuation-only words, and words at the end that sit on near-silence ("Thank
    you." after the speaker stopped)."""
    out: list[Word] = []
    run = 0
    for w in words:
        if not _bare(w.text):
            continue
        if out and _bare(out[-1].text) == _bare(w.text):
            run += 1
            if run >= max_repeat:
                continue
        else:
            run = 0
        out.append(w)
    # collapse the repeats we kept of runs that were degenerate (more than max_repeat long)
    if not out:
        return out
    rms, ref = _frame_energy(audio)
    n = rms.size
    if ref <= 0:
        return out

    def energy(w: Word) -> float:
        a = int((w.start_s - offset_s) * 50)
        b = max(a + 1, int((w.end_s - offset_s) * 50))
        seg = rms[max(0, a):min(n, b)]
        return float(seg.max()) if seg.size else 0.0

    while out and energy(out[-1]) < tail_energy_ratio * ref:
        log.debug("dropped trailing word on silence: %r", out[-1].text)
        out.pop()
    return out


TRANSCRIBERS = {"faster-whisper": FasterWhisperTranscriber}


def make_transcriber(options: TranscribeOptions | None = None) -> Transcriber:
    return FasterWhisperTranscriber(options)


def intelligible(words: list[Word], min_median_prob: float = 0.5) -> bool:
    """Whether a transcript looks like real English speech rather than text the model invented
    over music, noise or another language: those come out as few, low-confidence words or
    fillers only (measured: English speech has a median word probability of 0.93-0.98 here;
    German speech 0.36, synthesized music 0.11)."""
    from voice_coach.analysis.delivery import FILLERS

    content = [w for w in words if "".join(c for c in w.text.lower() if c.isalpha())
               not in FILLERS]
    if not content:
        return False
    probs = sorted(w.prob for w in content)
    return probs[len(probs) // 2] >= min_median_prob
