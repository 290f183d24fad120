#!/usr/bin/env python3
"""Does Smart Turn v3 (Pipecat's acoustic end-of-turn model) earn a place next to the content
signals? An offline evaluation on the bench's end-of-answer audio.

    python scripts/eval_smart_turn.py --model PATH/smart-turn-v3.2-cpu.onnx [--voices piper,espeak]
        [--json OUT]

The model is not a dependency of voice-coach. To evaluate it, take it from the PyPI wheel
(BSD-2), nothing else of the package is needed:

    pip download pipecat-ai --no-deps -d /tmp/pc
    unzip -o /tmp/pc/pipecat_ai-*.whl 'pipecat/audio/turn/smart_turn/data/*' -d /tmp/pc
    # -> /tmp/pc/pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx

Points, per voice, from the sentences and answers of scripts/bench.py (each sentence
synthesized on its own, as the bench does):

- ``end``: the last sentence of a complete answer (the answer is over);
- ``mid complete``: every other sentence end inside an answer, followed by a pause (a thinking
  pause after a complete sentence: the coach must not end there);
- ``mid sentence``: a sentence cut after a word in its middle (at a recognizer word boundary),
  as when someone stops to think in the middle of a sentence.

At each point Smart Turn sees what Pipecat gives it: the last 8 s of the answer up to 0.2 s
after the last word (zero-padded in front), as Whisper log-mel features of the zero-mean,
unit-variance waveform (faster-whisper's mel filters, computed in float64 as Pipecat's vendored
extractor does; on the bench audio the two give identical features). The content signals
see the text said so far (``turntaking.py``): the silence they would wait (1 s at a close,
10 s after a complete sentence mid-answer, 14 s after an unfinished one). Then two ways of
shortening the 10 s wait are scored against the rule that no thinking pause of up to 8 s
after a complete sentence mid-answer may be cut: Smart Turn's probability over a threshold,
and (no model) the rubric phases covered so far.

TTS prosody is not a person's: every sentence is synthesized on its own and ends with the
fall of a finished statement, and nobody hesitates. Read the figures as what the model does on
this audio, not as its accuracy on people.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402  (the answers and sentence pool of the end-of-answer section)

SR = 16000
WINDOW_S = 8.0  # Smart Turn v3 looks at the last 8 s
AFTER_S = 0.2  # Pipecat asks it once its VAD has heard 0.2 s of silence
GAP_S = 0.7  # pause between sentences when an answer is put together here


# ---------------------------------------------------------------------------- the model
class SmartTurn:
    """Smart Turn v3.x ONNX: probability that the turn is complete, from the last 8 s."""

    def __init__(self, model: Path) -> None:
        import onnxruntime as ort
        from faster_whisper.feature_extractor import FeatureExtractor

        so = ort.SessionOptions()
        so.inter_op_num_threads = 1
        so.intra_op_num_threads = 1
        self._session = ort.InferenceSession(str(model), sess_options=so,
                                             providers=["CPUExecutionProvider"])
        # faster-whisper's (Slaney) mel filters; the rest in float64 as Pipecat computes it:
        # the model is quantized, and float32 rounding alone moves its output by ~0.02
        self._mel = FeatureExtractor.get_mel_filters(SR, 400, n_mels=80)
        self._window = np.hanning(401)[:-1]

    def features(self, audio: np.ndarray) -> np.ndarray:
        """Whisper log-mel (80 x 800) of the last 8 s, zero-padded in front, on the
        zero-mean unit-variance waveform."""
        n = int(WINDOW_S * SR)
        x = audio[-n:].astype(np.float32)
        x = np.pad(x, (n - len(x), 0))
        x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)
        padded = np.pad(x.astype(np.float64), (200, 200), mode="reflect")
        frames = np.lib.stride_tricks.sliding_window_view(padded, 400)[::160]
        power = (np.abs(np.fft.rfft(frames * self._window, axis=-1)) ** 2).T
        log_spec = np.log10(np.maximum(1e-10, self._mel @ power))[:, :-1]
        log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
        return ((log_spec + 4.0) / 4.0).astype(np.float32)

    def probability(self, audio: np.ndarray) -> float:
        feats = self.features(audio)[None]
        return float(self._session.run(None, {"input_features": feats})[0][0][0])


# ---------------------------------------------------------------------------- the audio
def pool_audio(voice: str) -> list[np.ndarray]:
    """The bench's sentences in one voice, float32 at 16 kHz (piper: the bench's cache)."""
    if voice == "piper":
        return [np.frombuffer(p, dtype=np.int16).astype(np.float32) / 32768.0
                for p in bench.sentence_audio()]
    from voice_coach.audio.io import iter_file_chunks
    from voice_coach.tts import SPEAKERS, SpeakOptions

    cache = bench.CACHE / voice
    cache.mkdir(parents=True, exist_ok=True)
    out = []
    for i, text in enumerate(bench.SENTENCES):
        path = cache / f"s{i:02d}.pcm"
        if not path.exists():
            with tempfile.TemporaryDirectory() as tmp:
                wav = SPEAKERS[voice](SpeakOptions(engine=voice)).synthesize(
                    text, Path(tmp) / "s.wav")
                path.write_bytes(b"".join(c.pcm for c in iter_file_chunks(wav)))
        out.append(np.frombuffer(path.read_bytes(), dtype=np.int16).astype(np.float32)
                   / 32768.0)
    return out


def voiced_end(x: np.ndarray) -> int:
    """Sample index just after the last 30 ms frame with sound in it."""
    n = len(x) // 480 * 480
    rms = np.sqrt((x[:n].reshape(-1, 480) ** 2).mean(axis=1)) * 32768
    idx = np.nonzero(rms > 100)[0]
    return (int(idx[-1]) + 1) * 480 if len(idx) else 0


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SR), dtype=np.float32)


@dataclass
class Point:
    voice: str
    kind: str  # end | mid complete | mid sentence
    answer: str
    text: str  # what was said up to the point
    probability: float = 0.0
    content_wait_s: float = 0.0
    content_why: str = ""
    phases: int = 0  # rubric phases the answer has covered so far


def points(voice: str, pool: list[np.ndarray], word_cuts: dict[int, tuple[int, str]],
           model: SmartTurn) -> list[Point]:
    answers = [(f"complete-{k}", list(a)) for k, a in enumerate(bench.EOA_COMPLETE)]
    answers += [(f"paused-{k}", [*first, *rest]) for k, (first, rest) in
                enumerate(bench.EOA_PAUSED)]
    out = []
    for name, idx in answers:
        audio = np.zeros(0, dtype=np.float32)
        said: list[str] = []
        for j, s in enumerate(idx):
            if len(audio):
                audio = np.concatenate([audio, silence(GAP_S)])
            if s in word_cuts:
                # the same sentence, stopped after a word in its middle
                cut, prefix = word_cuts[s]
                x = np.concatenate([audio, pool[s][:cut], silence(AFTER_S)])
                out.append(Point(voice, "mid sentence", name, " ".join([*said, prefix]),
                                 model.probability(x)))
            audio = np.concatenate([audio, pool[s][:voiced_end(pool[s])]])
            said.append(bench.SENTENCES[s])
            x = np.concatenate([audio, silence(AFTER_S)])
            kind = "end" if j == len(idx) - 1 else "mid complete"
            out.append(Point(voice, kind, name, " ".join(said), model.probability(x)))
    return out


def word_cuts(pool: list[np.ndarray]) -> dict[int, tuple[int, str]]:
    """For each sentence: where to stop it in its middle (sample index after a recognizer
    word near its middle that does not end a clause) and the words said up to there."""
    from voice_coach.asr import FasterWhisperTranscriber

    tr = FasterWhisperTranscriber()
    cuts = {}
    for i, x in enumerate(pool):
        words = tr.transcribe_array(x, 0.0)
        if len(words) < 6:
            continue
        k = len(words) // 2
        while k < len(words) - 2 and words[k].text.rstrip().endswith((",", ".", ":")):
            k += 1
        cuts[i] = (int(words[k].end_s * SR), " ".join(w.text for w in words[:k + 1]))
    return cuts


# ---------------------------------------------------------------------------- content side
def content(pts: list[Point]) -> None:
    from voice_coach.analysis.analyzer import Analyzer
    from voice_coach.analysis.incremental import parse_words
    from voice_coach.analysis.repair import words_from_text
    from voice_coach.live.turntaking import TurnOptions, evidence_from_parse, silence_needed

    analyzer, opt = Analyzer(), TurnOptions()
    for p in pts:
        ev = evidence_from_parse(parse_words(analyzer, words_from_text(p.text)), opt)
        p.content_wait_s, p.content_why = silence_needed(ev, opt)
        p.phases = len(ev.phases or ())


# ---------------------------------------------------------------------------- scoring
KINDS = ("end", "mid complete", "mid sentence")


def summary(pts: list[Point], thresholds: tuple[float, ...], middle_waits: tuple[float, ...]
            ) -> dict:
    out: dict = {"per_kind": {}, "combined": []}
    for kind in KINDS:
        ps = [p for p in pts if p.kind == kind]
        if not ps:
            continue
        probs = [p.probability for p in ps]
        out["per_kind"][kind] = {
            "n": len(ps),
            "smart_turn_complete_share": round(sum(q > 0.5 for q in probs) / len(ps), 3),
            "smart_turn_median_probability": round(statistics.median(probs), 3),
            "smart_turn_min_probability": round(min(probs), 3),
            "content_waits": {f"{w:g}s": sum(p.content_wait_s == w for p in ps)
                              for w in sorted({p.content_wait_s for p in ps})},
        }
    # the p90 case: a complete answer the content reads as "complete, mid-answer" (10 s).
    # Would "Smart Turn says complete" let it end after a middle wait, and at what cost?
    ends = [p for p in pts if p.kind == "end"]
    mids = [p for p in pts if p.kind == "mid complete"]
    for th in thresholds:
        for wait in middle_waits:
            def wait_of(p: Point, th: float = th, wait: float = wait) -> float:
                if p.content_wait_s > wait and p.content_why.startswith("complete") \
                        and p.probability > th:
                    return wait
                return p.content_wait_s
            out["combined"].append({
                "threshold": th, "middle_wait_s": wait,
                "ends_shortened": sum(wait_of(p) < p.content_wait_s for p in ends),
                "ends_at_10s_before": sum(p.content_wait_s >= 10 for p in ends),
                # a thinking pause up to 8 s after a complete sentence is cut if it needs
                # no more than 8 s of silence
                "mid_complete_cut_by_8s_pause": sum(wait_of(p) <= 8.0 for p in mids),
                "mid_complete_cut_by_8s_pause_content_alone": sum(
                    p.content_wait_s <= 8.0 for p in mids),
                "mid_complete_n": len(mids)})
    # without the model: the answer has covered k rubric phases and its last sentence is
    # complete -> a middle wait instead of 10 s (the "general signal" of issue 14's p90 case)
    out["coverage"] = []
    for k in (3, 4, 5, 6):
        def cov(p: Point, k: int = k) -> bool:
            return p.content_why.startswith("complete") and p.phases >= k
        out["coverage"].append({"min_phases": k, "ends_shortened": sum(cov(p) for p in ends),
                                "mid_complete_shortened": sum(cov(p) for p in mids),
                                "mid_complete_n": len(mids)})
    out["phases_at_end_not_closed"] = sorted(p.phases for p in ends
                                             if p.content_why.startswith("complete"))
    # as a voice agent uses it: Smart Turn alone, ending after a short silence
    out["acoustic_alone_ends_mid_complete"] = sum(p.probability > 0.5 for p in mids)
    out["acoustic_alone_ends_mid_sentence"] = sum(
        p.probability > 0.5 for p in pts if p.kind == "mid sentence")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path,
                    default=ROOT / "models" / "smart-turn-v3.2-cpu.onnx",
                    help="the Smart Turn v3.x ONNX file (see the module docstring)")
    ap.add_argument("--voices", default="piper,espeak")
    ap.add_argument("--json", type=Path, help="write the points and figures here too")
    args = ap.parse_args()
    if not args.model.is_file():
        print(f"{args.model}: no Smart Turn model there; see `{Path(__file__).name} --help` "
              "for where to get it (pass --model).", file=sys.stderr)
        return 2
    model = SmartTurn(args.model)
    figures: dict = {"model": args.model.name, "voices": {}}
    all_points: list[Point] = []
    for voice in args.voices.split(","):
        print(f"[{voice}] synthesizing and scoring...", file=sys.stderr, flush=True)
        pool = pool_audio(voice)
        pts = points(voice, pool, word_cuts(pool), model)
        content(pts)
        all_points += pts
        figures["voices"][voice] = summary(pts, (0.5, 0.8, 0.95), (3.0, 4.0, 6.0))
    figures["points"] = [p.__dict__ for p in all_points]
    for voice, f in figures["voices"].items():
        print(f"\n{voice}: Smart Turn v3 and the content signals at each kind of point")
        print(f"{'point':>14} {'n':>4} {'ST complete':>12} {'ST median p':>12} "
              f"{'ST min p':>9}  content waits")
        for kind, k in f["per_kind"].items():
            print(f"{kind:>14} {k['n']:>4} {k['smart_turn_complete_share']:>12.0%} "
                  f"{k['smart_turn_median_probability']:>12.3f} "
                  f"{k['smart_turn_min_probability']:>9.3f}  {k['content_waits']}")
        print(f"Smart Turn alone (p > 0.5 ends the turn): ends at "
              f"{f['acoustic_alone_ends_mid_complete']} mid-answer complete sentences, "
              f"{f['acoustic_alone_ends_mid_sentence']} mid-sentence stops")
        print("combined: a complete sentence the content reads as mid-answer (10 s) ends "
              "after a middle wait when Smart Turn's p > threshold")
        print(f"{'threshold':>9} {'wait':>5} {'ends shortened':>15} "
              f"{'mid-answer pauses cut (<= 8 s)':>31}")
        for c in f["combined"]:
            print(f"{c['threshold']:>9.2f} {c['middle_wait_s']:>4.0f}s "
                  f"{c['ends_shortened']:>7}/{c['ends_at_10s_before']:<7} "
                  f"{c['mid_complete_cut_by_8s_pause']:>15}/{c['mid_complete_n']:<3} "
                  f"(content alone {c['mid_complete_cut_by_8s_pause_content_alone']})")
        print("content alone, a middle wait once the answer has covered k phases and its last "
              f"sentence is complete (phases at the ends read as mid-answer: "
              f"{f['phases_at_end_not_closed']}):")
        for c in f["coverage"]:
            print(f"  k={c['min_phases']}: ends shortened {c['ends_shortened']}, mid-answer "
                  f"pauses that would be cut {c['mid_complete_shortened']}/{c['mid_complete_n']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
