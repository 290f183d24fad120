#!/usr/bin/env python3
"""Evaluate the analyzer against a labeled corpus: per-flag precision/recall/F1, macro-F1 and
sentence phase accuracy; with --speech, also through text-to-speech and the real recognizer.

    python scripts/eval_analysis.py ../shared/corpus/answers [--verbose] [--halves]
    python scripts/eval_analysis.py ../shared/corpus/answers --speech [--voices espeak,piper]
        [--no-repair] [--no-hotwords] [--limit N]

Phase accuracy aligns our sentences to the labeled ones by character overlap (our splits may
differ from the labeller's): each labeled sentence takes the phase of the analyzed sentence
that covers most of its characters. In speech mode the transcript's words are aligned to the
labeled text's words (difflib), and each labeled sentence takes the majority phase of the
transcript words aligned to it.

--speech synthesizes each answer with each voice (espeak-ng and piper), transcribes it with
faster-whisper through the same path `voice-coach run` uses (VAD endpointer, batched
utterances, filler-keeping prompt, hotwords), and prints, per voice: phase accuracy (vs the
labels and vs the text-mode phases), flag agreement with text mode (fraction of answer x flag
pairs where the flags from speech equal the flags from the text), macro-F1 from speech, an
ablation of hotword biasing x ASR repair, and how many "um"/"uh" survive transcription with
and without the filler prompt. Audio and transcripts are cached under .cache/eval/.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_coach.analysis.analyzer import Analyzer, AnalyzerOptions, flag_vector  # noqa: E402
from voice_coach.analysis.delivery import FILLERS  # noqa: E402
from voice_coach.analysis.repair import spoken_turns  # noqa: E402
from voice_coach.analysis.rules import CORE_FLAGS  # noqa: E402
from voice_coach.values import Analysis, Word  # noqa: E402

CACHE = ROOT / ".cache" / "eval"
# domain terms given to the recognizer on top of asr.INTERVIEW_TERMS (what a prompt's
# domain_terms would add; the corpus answers are not tied to the prompt library)
# bump when the transcription path changes, so cached transcripts are redone
ASR_PATH = ("v5: calls split to <= 28 s; degenerate windows (loops up to 16 words) re-decoded; "
            "skipped speech filled from a plain re-decode")
EVAL_HOTWORDS = ("churn", "take rate", "cache", "cold start", "rebuffering", "p95", "V1")


# ----------------------------------------------------------------------------- scoring
@dataclass
class Tally:
    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]
    ph_ok: int = 0
    ph_n: int = 0

    @classmethod
    def new(cls) -> Tally:
        return cls(dict.fromkeys(CORE_FLAGS, 0), dict.fromkeys(CORE_FLAGS, 0),
                   dict.fromkeys(CORE_FLAGS, 0))

    def add_flags(self, got: dict[str, bool], want: dict[str, bool]) -> None:
        for k in CORE_FLAGS:
            self.tp[k] += got[k] and want[k]
            self.fp[k] += got[k] and not want[k]
            self.fn[k] += want[k] and not got[k]

    def f1s(self) -> dict[str, tuple[float, float, float]]:
        out = {}
        for k in CORE_FLAGS:
            tp, fp, fn = self.tp[k], self.fp[k], self.fn[k]
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            out[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
        return out

    def macro(self) -> float:
        f = self.f1s()
        return sum(v[2] for v in f.values()) / len(f)

    def phase_acc(self) -> float:
        return self.ph_ok / self.ph_n if self.ph_n else 0.0


def phase_hits(labeled: list[dict], analysis: Analysis
               ) -> tuple[int, int, list[tuple[str, str, str]]]:
    """(correct, total, mistakes) by character overlap in the normalised text."""
    ours = []
    pos = 0
    text = " ".join(s.text for s in analysis.sentences)
    for s in analysis.sentences:
        start = text.find(s.text, pos)
        ours.append((start, start + len(s.text), s.phase))
        pos = start + len(s.text)
    correct, mistakes = 0, []
    lpos = 0
    ltext = " ".join(s["text"] for s in labeled)
    for s in labeled:
        a = ltext.find(s["text"], lpos)
        b = a + len(s["text"])
        lpos = b
        best, best_ov = "other", -1
        for o0, o1, ph in ours:
            ov = min(b, o1) - max(a, o0)
            if ov > best_ov:
                best, best_ov = ph, ov
        if best == s["phase"]:
            correct += 1
        else:
            mistakes.append((s["phase"], best, s["text"]))
    return correct, len(labeled), mistakes


def print_table(t: Tally, n_answers: int, title: str = "") -> None:
    if title:
        print(title)
    print(f"{'flag':26s} {'P':>5s} {'R':>5s} {'F1':>5s}  tp fp fn")
    for k, (p, r, f1) in t.f1s().items():
        print(f"{k:26s} {p:5.2f} {r:5.2f} {f1:5.2f}  {t.tp[k]:2d} {t.fp[k]:2d} {t.fn[k]:2d}")
    print(f"macro-F1 {t.macro():.3f}   phase accuracy {t.phase_acc():.3f} "
          f"({t.ph_ok}/{t.ph_n} sentences, {n_answers} answers)")


def load_corpus(path: Path) -> list[dict[str, Any]]:
    return [json.loads(f.read_text()) | {"_stem": f.stem} for f in sorted(path.glob("*.json"))]


def text_mode(analyzer: Analyzer, answers: list[dict[str, Any]], verbose: bool
              ) -> tuple[Tally, dict[str, Analysis]]:
    t = Tally.new()
    out = {}
    for d in answers:
        a = analyzer.analyze_text(d["text"])
        out[d["_stem"]] = a
        got = flag_vector(a)
        want = {k: bool(d["flags"][k]) for k in CORE_FLAGS}
        t.add_flags(got, want)
        if verbose:
            for k in CORE_FLAGS:
                if got[k] != want[k]:
                    print(f"  {d['_stem']} {k}: got {got[k]} want {want[k]}")
        c, n, mistakes = phase_hits(d["sentences"], a)
        t.ph_ok += c
        t.ph_n += n
        if verbose:
            for w, g, text in mistakes:
                print(f"  {d['_stem']} phase {w} -> {g}: {text[:110]}")
    return t, out


# ----------------------------------------------------------------------------- speech
def _norm(w: str) -> str:
    return re.sub(r"[^a-z0-9]", "", w.lower())


def _key(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:10]


def synthesize(voice: str, text: str, stem: str, speakers: dict[str, Any]) -> Path:
    from voice_coach.tts import SPEAKERS, SpeakOptions

    out = CACHE / "audio" / voice / f"{stem}-{_key(voice, text)}.wav"
    if out.exists() and out.stat().st_size > 1000:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    if voice not in speakers:
        speakers[voice] = SPEAKERS[voice](SpeakOptions(engine=voice, rate_wpm=165,
                                                       timeout_s=600))
    tmp = out.with_suffix(".tmp.wav")
    speakers[voice].synthesize(text, tmp)
    tmp.replace(out)
    return out


# the recognizer's beam width; set from --beam-size (default: what `voice-coach run` uses)
BEAM_SIZE = 5


def transcribe(wav: Path, voice: str, stem: str, hotwords: bool, fillers: bool,
               transcribers: dict[tuple[bool, bool], Any]) -> tuple[list[Word], float]:
    from voice_coach.asr import FILLER_PROMPT, INTERVIEW_TERMS, TranscribeOptions
    from voice_coach.audio.vad import EndpointOptions
    from voice_coach.pipeline import transcribe_file
    from voice_coach.ui import Status

    # (greedy transcripts keep their old cache names)
    cfg = f"hw{int(hotwords)}-fill{int(fillers)}" + (f"-b{BEAM_SIZE}" if BEAM_SIZE != 1 else "")
    key = _key(wav.name, cfg, FILLER_PROMPT, ",".join(INTERVIEW_TERMS + EVAL_HOTWORDS), ASR_PATH)
    out = CACHE / "asr" / voice / cfg / f"{stem}-{key}.json"
    if out.exists():
        d = json.loads(out.read_text())
        return [Word(*w) for w in d["words"]], d["duration_s"]
    if (hotwords, fillers) not in transcribers:
        from voice_coach.asr import FasterWhisperTranscriber

        transcribers[(hotwords, fillers)] = FasterWhisperTranscriber(TranscribeOptions(
            hotwords=EVAL_HOTWORDS, use_hotwords=hotwords, keep_fillers=fillers,
            beam_size=BEAM_SIZE))
    t0 = time.perf_counter()
    words, duration = transcribe_file(wav, transcribers[(hotwords, fillers)], None,
                                      EndpointOptions(), Status(quiet=True))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"words": [[w.text, w.start_s, w.end_s, w.prob] for w in words],
                               "duration_s": duration,
                               "seconds": round(time.perf_counter() - t0, 1)}))
    return words, duration


def speech_phase_hits(labeled: list[dict], words: list[Word], analysis: Analysis
                      ) -> tuple[list[str], list[str]]:
    """For each labeled sentence, the majority phase of the transcript words aligned to it.
    Returns (predicted phases, gold phases)."""
    # phase of each transcript word, from the analyzed sentences' time spans
    w_phase = []
    si = 0
    sents = analysis.sentences
    for w in words:
        while si + 1 < len(sents) and w.start_s >= sents[si + 1].start_s:
            si += 1
        w_phase.append(sents[si].phase if sents else "other")
    lab_words: list[str] = []
    lab_sent: list[int] = []
    for i, s in enumerate(labeled):
        for tok in s["text"].split():
            if _norm(tok):
                lab_words.append(_norm(tok))
                lab_sent.append(i)
    hyp = [_norm(w.text) for w in words]
    sm = difflib.SequenceMatcher(a=lab_words, b=hyp, autojunk=False)
    votes: list[dict[str, int]] = [{} for _ in labeled]
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            li, hi = lab_sent[blk.a + k], blk.b + k
            votes[li][w_phase[hi]] = votes[li].get(w_phase[hi], 0) + 1
    pred = [max(v, key=lambda p: v[p]) if v else "other" for v in votes]
    return pred, [s["phase"] for s in labeled]


def count_fillers_text(text: str) -> int:
    return sum(1 for t in text.split() if _norm(t) in FILLERS)


def speech_mode(args: argparse.Namespace, answers: list[dict[str, Any]]) -> int:
    voices = [v.strip() for v in args.voices.split(",") if v.strip()]
    nlp_an = Analyzer()
    an_repair = nlp_an
    an_norepair = Analyzer(nlp=nlp_an.nlp, options=AnalyzerOptions(repair_asr=False))
    _text_tally, text_an = text_mode(an_repair, answers, verbose=False)
    speakers: dict[str, Any] = {}
    transcribers: dict[tuple[bool, bool], Any] = {}
    headline = (not args.no_hotwords, not args.no_repair)
    configs = [(True, True), (True, False), (False, True), (False, False)]
    if args.headline_only:
        configs = [headline]
    filler_answers = [d for d in answers if count_fillers_text(d["text"]) >= 3]
    t_start = time.perf_counter()
    for voice in voices:
        res: dict[tuple[bool, bool], dict[str, Any]] = {
            c: {"tally": Tally.new(), "agree": 0, "pairs": 0, "ph_text_ok": 0, "ph_n": 0,
                "flips": []} for c in configs}
        audio_s = 0.0
        for d in answers:
            wav = synthesize(voice, d["text"], d["_stem"], speakers)
            want = {k: bool(d["flags"][k]) for k in CORE_FLAGS}
            text_flags = flag_vector(text_an[d["_stem"]])
            text_pred, _ = speech_phase_hits(
                d["sentences"], _words_of(text_an[d["_stem"]], d["text"]), text_an[d["_stem"]])
            for hw in sorted({c[0] for c in configs}, reverse=True):
                words, dur = transcribe(wav, voice, d["_stem"], hw, True, transcribers)
                words = spoken_turns(words)  # as `voice-coach run` does
                if hw == headline[0]:
                    audio_s += dur
                for rep in sorted({c[1] for c in configs if c[0] == hw}, reverse=True):
                    an = an_repair if rep else an_norepair
                    a = an.analyze(words, duration_s=dur)
                    r = res[(hw, rep)]
                    got = flag_vector(a)
                    r["tally"].add_flags(got, want)
                    pred, gold = speech_phase_hits(d["sentences"], words, a)
                    r["tally"].ph_ok += sum(p == g for p, g in zip(pred, gold, strict=True))
                    r["tally"].ph_n += len(gold)
                    r["ph_text_ok"] += sum(p == q for p, q in zip(pred, text_pred, strict=True))
                    r["ph_n"] += len(gold)
                    for k in CORE_FLAGS:
                        r["pairs"] += 1
                        r["agree"] += got[k] == text_flags[k]
                        if got[k] != text_flags[k]:
                            r["flips"].append(f"{d['_stem']} {k}: speech {got[k]} text "
                                              f"{text_flags[k]}")
            print(f"  [{voice}] {d['_stem']} done ({time.perf_counter() - t_start:.0f} s)",
                  file=sys.stderr, flush=True)
        h = res[headline]
        label = (f"hotwords {'on' if headline[0] else 'off'}, "
                 f"repair {'on' if headline[1] else 'off'}")
        print(f"\n=== speech: voice {voice} ({len(answers)} answers, {audio_s / 60:.1f} min of "
              f"audio; {label}) ===")
        print_table(h["tally"], len(answers))
        print(f"phase agreement with text mode {h['ph_text_ok'] / max(1, h['ph_n']):.3f}   "
              f"flag agreement with text mode {h['agree'] / max(1, h['pairs']):.3f} "
              f"({h['agree']}/{h['pairs']} answer x flag pairs)")
        if args.verbose:
            for f in h["flips"]:
                print("   ", f)
        print(f"\nablation ({voice}):  {'hotwords':8s} {'repair':6s}  {'flag-agree':>10s} "
              f"{'macro-F1':>8s} {'phase-acc':>9s}")
        for c in configs:
            r = res[c]
            print(f"{'':21s}{'on' if c[0] else 'off':8s} {'on' if c[1] else 'off':6s}  "
                  f"{r['agree'] / max(1, r['pairs']):10.3f} {r['tally'].macro():8.3f} "
                  f"{r['tally'].phase_acc():9.3f}")
        if args.headline_only:
            continue
        # fillers: how many um/uh in the text survive, with and without the filler prompt
        print(f"\nfiller survival ({voice}, answers with >= 3 fillers in the text: "
              f"{len(filler_answers)}):")
        for fill in (True, False):
            said = heard = 0
            for d in filler_answers:
                wav = synthesize(voice, d["text"], d["_stem"], speakers)
                words, _ = transcribe(wav, voice, d["_stem"], True, fill, transcribers)
                said += count_fillers_text(d["text"])
                heard += sum(1 for w in words if _norm(w.text) in FILLERS)
            print(f"  filler prompt {'on ' if fill else 'off'}: {heard}/{said} fillers "
                  f"transcribed ({heard / max(1, said):.0%})")
    return 0


def _words_of(analysis: Analysis, text: str) -> list[Word]:
    from voice_coach.analysis.repair import words_from_text

    return words_from_text(text)


# ----------------------------------------------------------------------------- main
def main() -> int:
    global BEAM_SIZE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the text-mode figures as JSON")
    ap.add_argument("--halves", action="store_true",
                    help="also report odd- and even-numbered answers separately")
    ap.add_argument("--speech", action="store_true", help="also run TTS -> ASR -> analyzer")
    ap.add_argument("--voices", default="espeak,piper")
    ap.add_argument("--no-repair", action="store_true", help="speech headline without repair")
    ap.add_argument("--no-hotwords", action="store_true",
                    help="speech headline without hotword biasing")
    ap.add_argument("--beam-size", type=int, default=BEAM_SIZE,
                    help=f"speech: recognizer beam width (default {BEAM_SIZE}, as "
                         "`voice-coach run`; 1 is greedy, as live practice)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N answers")
    ap.add_argument("--headline-only", action="store_true",
                    help="speech: only the headline configuration (no ablation, no fillers)")
    ap.add_argument("--split", choices=("all", "tune", "aside"), default="all",
                    help="scripts/corpus_split.toml: 'aside' is the split kept out of tuning")
    args = ap.parse_args()
    if not 1 <= args.beam_size <= 10:
        print(f"--beam-size must be from 1 to 10, got {args.beam_size}", file=sys.stderr)
        return 2
    BEAM_SIZE = args.beam_size
    answers = load_corpus(args.corpus)
    if args.split != "all":
        import tomllib

        split = tomllib.loads((ROOT / "scripts" / "corpus_split.toml").read_text())
        # every list named aside*: the corpus's and each probe set's held-out part
        aside = {stem for key, stems in split.items() if key.startswith("aside")
                 for stem in stems}
        answers = [d for d in answers if (d["_stem"] in aside) == (args.split == "aside")]
    if args.limit:
        answers = answers[: args.limit]
    if not answers:
        print(f"no *.json answers in {args.corpus}", file=sys.stderr)
        return 2
    analyzer = Analyzer()
    tally, _ = text_mode(analyzer, answers, args.verbose)
    print_table(tally, len(answers))
    if args.halves:
        for name, part in (("odd", answers[0::2]), ("even", answers[1::2])):
            t, _ = text_mode(analyzer, part, False)
            print(f"  {name:4s} half: macro-F1 {t.macro():.3f}   phase accuracy "
                  f"{t.phase_acc():.3f} ({len(part)} answers)")
    if args.json:
        args.json.write_text(json.dumps({
            "macro_f1": tally.macro(), "phase_accuracy": tally.phase_acc(),
            "per_flag_f1": {k: v[2] for k, v in tally.f1s().items()}}, indent=2))
    if args.speech:
        return speech_mode(args, answers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
