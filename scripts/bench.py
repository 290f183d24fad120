#!/usr/bin/env python3
"""Benchmark: end-of-answer latency, throughput and memory, ours vs the batch way.

    python scripts/bench.py [--quick] [--json OUT] [--speed 10] [--repeats N]

For answers of about 30 s, 2 min, 10 min and 20 min of speech with natural pauses (speech
synthesized once with the neural voice, cached in ~/.cache/voice_coach/bench), it feeds each
through the simulated microphone (the same capture -> resample -> VAD -> endpointer ->
incremental transcription path a person uses) and measures end_of_answer_to_feedback_s: from
the moment the endpointer decides the answer is over to the spoken feedback being ready.
On the same audio it times the batch way: transcribe the whole file after the end, then
analyze, then synthesize. It also prints transcription real-time factor, analysis speed on a
6,000-word transcript, model load time, TTS time to first audio, peak RSS and threads.

End of answer (``--eoa``, on by default): the content-aware rule against the fixed 3 s rule, on
the same audio through the same path. Answers with one thinking pause of 2, 4, 6 or 8 s after
a complete sentence mid-answer and no end phrase: how many runs end in the pause (cut-offs;
a premature end the candidate's next words rescue is counted apart). Complete answers ending
in silence, at real time: last word -> end decision -> feedback ready (median, p90), and where
that wait goes: the voice detector's last voiced frame, the early transcription sent, the last
utterance closed, its words in, the feedback's speech started ahead, the decision (session
clock, seconds after the last word), then the work after the decision (wall clock).

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "voice_coach" / "bench"
LENGTHS = [("30s", 30), ("2min", 120), ("10min", 600), ("20min", 1200)]

SENTENCES = [
    "Let me start with the member: someone on a TV who scrolls for minutes and gives up.",
    "What they want is to find something worth watching in under a minute.",
    "The success metric is the share of homepage visits that lead to a play.",
    "The guardrail is that cancellations and complaints must not go up.",
    "For the first version I would only change the top row, on TV, in one market.",
    "Latency matters: the row has to render in under two hundred milliseconds.",
    "Scale matters too, with millions of page loads at the evening peak.",
    "We have little data on new profiles, so cold start is the learning constraint.",
    "The design is a light ranker over the candidates the page already has.",
    "We precompute most of it overnight and cache it close to the member.",
    "The trade-off is freshness: results can be a few hours old, which I accept for speed.",
    "If the ranker fails, we fall back to the current row, so the member sees no error.",
    "If the cache is stale, we still show it, because stale is better than empty.",
    "Um, I think the riskiest assumption is that members want fewer choices.",
    "So the first experiment tests exactly that, with one percent of members.",
    "In week one I would watch plays per visit and the error rate.",
    "If plays drop or errors rise, we roll back the same day.",
    "Uh, later versions could personalize artwork and rows, but not now.",
    "The member should notice that the first row simply feels right more often.",
    "That is how I would approach it, step by step.",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def os_threads() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return threading.active_count()


def sentence_audio() -> list[bytes]:
    """Each pool sentence synthesized once (16 kHz mono PCM), cached."""
    from voice_coach.audio.io import iter_file_chunks
    from voice_coach.tts import SPEAKERS, SpeakOptions

    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    speaker = None
    for i, text in enumerate(SENTENCES):
        pcm_path = CACHE / f"s{i:02d}.pcm"
        if not pcm_path.exists():
            if speaker is None:
                try:
                    speaker = SPEAKERS["piper"](SpeakOptions(engine="piper", vary=False))
                except Exception:  # noqa: BLE001 - optional voice: fall back to espeak-ng
                    speaker = SPEAKERS["espeak"](SpeakOptions(engine="espeak"))
            with tempfile.TemporaryDirectory() as tmp:
                wav = speaker.synthesize(text, Path(tmp) / "s.wav")
                pcm_path.write_bytes(b"".join(c.pcm for c in iter_file_chunks(wav)))
        out.append(pcm_path.read_bytes())
    return out


def make_answer(name: str, seconds: float) -> Path:
    """An answer of about ``seconds`` of speech with natural pauses (0.3-2.0 s)."""
    path = CACHE / f"answer-{name}.wav"
    if path.exists():
        return path
    pool = sentence_audio()
    rng = random.Random(seconds)
    pcm = bytearray()
    speech = 0.0
    i = 0
    while speech < seconds:
        s = pool[i % len(pool)]
        pcm += s
        speech += len(s) / 32000
        pause = rng.choice([0.3, 0.5, 0.7, 1.0, 1.5, 2.0])
        pcm += b"\x00\x00" * int(pause * 16000)
        i += 1
    pcm += b"\x00\x00" * 16000 * 4  # the candidate stops; the endpointer decides it is over
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(bytes(pcm))
    return path


def ours(path: Path, transcriber, speed: float, answer_s: float) -> dict:
    from voice_coach.live.engine import ListenOptions
    from voice_coach.live.interview import InterviewOptions
    from voice_coach.live.practice import PracticeOptions, practice
    from voice_coach.tts import SpeakOptions
    from voice_coach.ui import Status

    peak_threads = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak_threads[0] = max(peak_threads[0], os_threads())
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    with tempfile.TemporaryDirectory() as tmp:
        opt = PracticeOptions(prompt_id="homepage-recommendations", out_dir=Path(tmp) / "s",
                              simulate_mic=(path,), speed=speed, seed=1, play=False,
                              speak=SpeakOptions(engine="pyttsx3"),
                              interview=InterviewOptions(follow_ups=0),
                              # the default 15-minute cap would cut a 20-minute answer short
                              listen=ListenOptions(max_answer_s=2 * answer_s + 120))
        res = practice(opt, Status(quiet=True), transcriber=transcriber)
    stop.set()
    t = dict(res.timing)
    t["words"] = len(res.turns[-1].words)
    t["end_reason"] = res.turns[-1].end_reason
    t["threads"] = peak_threads[0]
    return t


def batch(path: Path, transcriber) -> dict:
    """The usual way: after the end, transcribe the whole file, analyze, synthesize."""
    from voice_coach.analysis.analyzer import Analyzer
    from voice_coach.audio.vad import EndpointOptions
    from voice_coach.feedback import spoken_feedback
    from voice_coach.pipeline import transcribe_file
    from voice_coach.tts import SpeakOptions, synthesize_with_fallback
    from voice_coach.ui import Status

    analyzer = Analyzer()
    t0 = time.perf_counter()
    words, duration = transcribe_file(path, transcriber, None, EndpointOptions(),
                                      Status(quiet=True))
    t_tx = time.perf_counter() - t0
    analysis = analyzer.analyze(words, duration_s=duration)
    with tempfile.TemporaryDirectory() as tmp:
        synthesize_with_fallback(spoken_feedback(analysis), Path(tmp) / "f.wav",
                                 SpeakOptions(engine="pyttsx3"))
    total = time.perf_counter() - t0
    return {"end_of_answer_to_feedback_s": total, "transcribe_s": t_tx, "audio_s": duration,
            "rtf": t_tx / duration}


# End-of-answer answers: indices into SENTENCES. Each complete answer ends on its close
# (validation, or a summary); each paused answer has its thinking pause after the first part.
EOA_COMPLETE = [[0, 2, 4, 8, 16], [1, 3, 5, 9, 14], [0, 2, 10, 11, 19], [1, 2, 4, 12, 15],
                [0, 3, 6, 8, 16], [1, 2, 7, 11, 14]]
EOA_PAUSED = [([0, 1, 2, 3], [4, 8, 10, 11, 15, 16]), ([0, 1, 2, 4, 8], [9, 10, 11, 14, 16])]
EOA_GAPS_S = [0.6, 0.9, 0.7, 1.0, 0.8, 0.6]  # natural pauses between sentences


def eoa_answer(name: str, parts: list, tail_s: float) -> tuple[Path, float, float]:
    """A WAV from sentence indices and pauses (floats); returns (path, end of the last
    sentence, end of the first pause >= 2 s or 0) on the audio's own clock."""
    pool = sentence_audio()
    pcm = bytearray()
    pause_end = 0.0
    gaps = iter(EOA_GAPS_S * 4)
    prev_sentence = False
    for part in parts:
        if isinstance(part, float):
            pcm += b"\x00\x00" * int(part * 16000)
            pause_end = len(pcm) / 32000
            prev_sentence = False
            continue
        if prev_sentence:
            pcm += b"\x00\x00" * int(next(gaps) * 16000)
        pcm += pool[part]
        prev_sentence = True
    # the last word's end: the last 30 ms frame with sound in it (the voice's own trailing
    # silence is not speech)
    x = np.frombuffer(bytes(pcm), dtype=np.int16).astype(np.float32)
    n = len(x) // 480 * 480
    rms = np.sqrt((x[:n].reshape(-1, 480) ** 2).mean(axis=1))
    last_end = (int(np.nonzero(rms > 100)[0][-1]) + 1) * 0.03
    pcm += b"\x00\x00" * int(tail_s * 16000)
    path = CACHE / f"eoa-{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(bytes(pcm))
    return path, last_end, pause_end


def eoa_run(path: Path, transcriber, speed: float, fixed_s: float | None) -> dict:
    from voice_coach.live.engine import ListenOptions
    from voice_coach.live.interview import InterviewOptions
    from voice_coach.live.practice import PracticeOptions, practice
    from voice_coach.tts import SpeakOptions
    from voice_coach.ui import Status

    # the fixed rule as it was: no resume after its end decision
    listen = ListenOptions(end_silence_s=fixed_s, resume_window_s=0.0) if fixed_s is not None \
        else ListenOptions()
    with tempfile.TemporaryDirectory() as tmp:
        opt = PracticeOptions(prompt_id="homepage-recommendations", out_dir=Path(tmp) / "s",
                              simulate_mic=(path,), speed=speed, seed=1, play=False,
                              speak=SpeakOptions(engine="pyttsx3"),
                              interview=InterviewOptions(follow_ups=0), listen=listen)
        res = practice(opt, Status(quiet=True), transcriber=transcriber)
    turn = res.turns[-1]
    return {"timing": dict(res.timing), "end_clock_s": turn.end_clock_s, "why": turn.end_why,
            "reason": turn.end_reason, "resumed": turn.resumed,
            "words": len(turn.words), "last_voice_s": turn.last_voice_s,
            "marks": dict(turn.state.marks) if turn.state is not None else {}}


def p90(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.9 * (len(xs) - 1)))]


def end_of_answer(transcriber, pauses: list[float], n_complete: int, n_paused: int,
                  pause_speed: float, only_content: bool = False,
                  complete_speed: float = 1.0) -> dict:
    rules = {"content": None} if only_content else {"fixed 3 s": 3.0, "content": None}
    out: dict = {"pauses": {}, "complete": {}, "pause_speed": pause_speed,
                 "complete_speed": complete_speed}
    for pause in pauses:
        row = {}
        for rule, fixed in rules.items():
            cut = rescued = 0
            for k, (first, rest) in enumerate(EOA_PAUSED[:n_paused]):
                path, _, pause_end = eoa_answer(f"pause{pause:g}-{k}", [*first, float(pause),
                                                                        *rest], 15.0)
                print(f"[end of answer] pause {pause:g} s, answer {k + 1}, {rule}...",
                      file=sys.stderr, flush=True)
                r = eoa_run(path, transcriber, pause_speed, fixed)
                # an end decided before the candidate went on after the pause
                if r["end_clock_s"] < pause_end:
                    cut += 1
                elif r["resumed"]:
                    rescued += 1
            row[rule] = {"runs": min(n_paused, len(EOA_PAUSED)), "cut_off": cut,
                         "rescued_by_resume": rescued}
        out["pauses"][f"{pause:g}s"] = row
    for rule, fixed in rules.items():
        lw_fb, lw_end, end_fb, whys, resumed = [], [], [], [], 0
        steps: list[dict] = []
        for k, parts in enumerate(EOA_COMPLETE[:n_complete]):
            path, last_end, _ = eoa_answer(f"complete-{k}", list(parts), 8.0)
            print(f"[end of answer] complete answer {k + 1}, {rule}, at {complete_speed:g}x...",
                  file=sys.stderr, flush=True)
            r = eoa_run(path, transcriber, complete_speed, fixed)
            t = r["timing"]
            # from the last word's end in the audio (not the voice detector's last voiced
            # frame, which hangs over by a frame or two) to the end decision on the session
            # clock, then the work until the feedback is ready
            lw_end.append(r["end_clock_s"] - last_end)
            end_fb.append(t["end_of_answer_to_feedback_s"])
            steps.append(eoa_steps(r, last_end))
            lw_fb.append(lw_end[-1] + end_fb[-1])
            whys.append(r["why"] or r["reason"])
            resumed += r["resumed"]
        out["complete"][rule] = {
            "runs": len(lw_fb),
            "last_word_to_feedback_median_s": round(statistics.median(lw_fb), 3),
            "last_word_to_feedback_p90_s": round(p90(lw_fb), 3),
            "last_word_to_end_decision_median_s": round(statistics.median(lw_end), 3),
            "end_decision_to_feedback_median_s": round(statistics.median(end_fb), 3),
            "resumed": resumed, "why": sorted(set(whys)),
            "steps_median_s": {k: round(statistics.median(st[k] for st in steps), 3)
                               for k in (steps[0] if steps else {})},
            "runs_detail": [{"why": w, "last_word_to_feedback_s": round(x, 3), **st}
                            for w, x, st in zip(whys, lw_fb, steps, strict=True)]}
    return out


def eoa_steps(r: dict, last_end: float) -> dict:
    """Where the wait after the last word goes, each step in seconds after the last word's
    end (session clock: the simulated microphone at real time), then the work after the
    decision (wall clock). Steps not taken in a run (no early transcription) are -1."""
    m, t = r["marks"], r["timing"]

    def at(key: str) -> float:
        return round(m[key] - last_end, 3) if key in m else -1.0

    return {"vad_last_voiced": round(r["last_voice_s"] - last_end, 3),
            "early_sent": at("early_sent"), "utterance_closed": at("utterance_closed"),
            "words_in": at("words_in"), "evidence": at("evidence"),
            "feedback_started_ahead": at("prepare"),
            "decision": round(r["end_clock_s"] - last_end, 3),
            "final_transcribe_wait": t.get("final_transcribe_wait_s", 0.0),
            "analyze": t.get("analyze_s", 0.0), "tts": t.get("tts_s", 0.0),
            "speech_made_ahead": t.get("speech_made_ahead", 0.0),
            "decision_to_feedback": t["end_of_answer_to_feedback_s"]}


def print_end_of_answer(eoa: dict) -> None:
    print("\nend of answer: content-aware rule vs the fixed 3 s rule (same audio, same path)")
    print(f"thinking pause after a complete sentence mid-answer, no end phrase "
          f"(simulated mic at {eoa['pause_speed']:g}x): cut-offs / runs")
    print(f"{'pause':>6} {'fixed 3 s':>10} {'content':>10} {'(rescued by resume)':>20}")
    for pause, row in eoa["pauses"].items():
        c = row["content"]
        f = row.get("fixed 3 s", {"cut_off": 0, "runs": 0})
        print(f"{pause:>6} {f['cut_off']:>6}/{f['runs']:<3} {c['cut_off']:>6}/{c['runs']:<3} "
              f"{c['rescued_by_resume']:>20}")
    speed = eoa.get("complete_speed", 1.0)
    print(f"complete answers ending in silence ({'real time' if speed == 1 else f'at {speed:g}x'}"
          "): last word -> feedback ready")
    print(f"{'rule':>10} {'runs':>5} {'median':>8} {'p90':>8} {'of it: pause':>13} "
          f"{'decision->feedback':>19}  evidence")
    for rule, c in eoa["complete"].items():
        print(f"{rule:>10} {c['runs']:>5} {c['last_word_to_feedback_median_s']:>7.2f}s "
              f"{c['last_word_to_feedback_p90_s']:>7.2f}s "
              f"{c['last_word_to_end_decision_median_s']:>12.2f}s "
              f"{c['end_decision_to_feedback_median_s']:>18.2f}s  {', '.join(c['why'])}"
              + (f" ({c['resumed']} resumed)" if c["resumed"] else ""))
    print("where it goes (median, s after the last word; then wall-clock work after the "
          "decision):")
    for rule, c in eoa["complete"].items():
        print(f"{rule:>10} " + "  ".join(f"{k} {v:.2f}" for k, v in c["steps_median_s"].items()))


def _label(seconds: int) -> str:
    return f"{seconds}s" if seconds < 60 else f"{seconds / 60:g}min"


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="stop at 2 minutes")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument("--speed", type=float, default=10.0, help="simulated microphone speed")
    ap.add_argument("--repeats", type=int, default=None, help="runs per length (default 5/3/2/2)")
    ap.add_argument("--lengths", default=None,
                    help="answer lengths in seconds of speech, e.g. 60,300 (default 30,120,600,"
                         "1200; --quick: 30,120)")
    ap.add_argument("--analysis-repeats", type=int, default=3,
                    help="runs of the 6,000-word analysis, whole and incremental (best kept)")
    ap.add_argument("--no-eoa", action="store_true", help="skip the end-of-answer section")
    ap.add_argument("--only-eoa", action="store_true",
                    help="only the end-of-answer section (no answer lengths, no batch runs)")
    ap.add_argument("--eoa-pauses", default="2,4,6,8",
                    help="thinking pauses (s) for the end-of-answer section")
    ap.add_argument("--eoa-complete", type=int, default=len(EOA_COMPLETE),
                    help="complete answers timed at real time, per rule")
    ap.add_argument("--eoa-paused", type=int, default=len(EOA_PAUSED),
                    help="answers per pause length, per rule")
    ap.add_argument("--eoa-content-only", action="store_true",
                    help="the end-of-answer section without the fixed-rule runs")
    ap.add_argument("--eoa-speed", type=float, default=4.0,
                    help="simulated microphone speed for the paused answers")
    ap.add_argument("--eoa-complete-speed", type=float, default=1.0,
                    help="simulated microphone speed for the complete answers (1: real time, "
                         "what a candidate feels; faster only for a smoke run)")
    args = ap.parse_args()
    if args.eoa_complete_speed <= 0 or args.eoa_speed <= 0 or args.speed <= 0:
        ap.error("speeds must be above 0")
    if args.analysis_repeats < 1:
        ap.error("--analysis-repeats must be at least 1")
    os.environ.setdefault("VOICE_COACH_PROMPTS", str(ROOT / "prompts"))

    from voice_coach.analysis.analyzer import Analyzer
    from voice_coach.analysis.incremental import IncrementalParse, analyze_parses
    from voice_coach.analysis.repair import words_from_text
    from voice_coach.asr import FasterWhisperTranscriber
    from voice_coach.tts import SpeakOptions, split_for_speech, synthesize_with_fallback

    figures: dict = {"machine": {"cpus": os.cpu_count()}, "lengths": {}}
    t0 = time.perf_counter()
    transcriber = FasterWhisperTranscriber()
    figures["model_load_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    analyzer = Analyzer()
    figures["analyzer_load_s"] = round(time.perf_counter() - t0, 3)
    text = " ".join(SENTENCES)
    words = words_from_text(" ".join([text] * 40))[:6000]
    analyzer.analyze(words[:500])
    runs = []
    for _ in range(args.analysis_repeats):
        t0 = time.perf_counter()
        analyzer.analyze(words)
        runs.append(time.perf_counter() - t0)
    figures["analysis_6000_words_s"] = round(min(runs), 3)
    figures["analysis_words_per_s"] = round(6000 / min(runs))
    # the way practice does it: parsed while listening, utterance by utterance, and only the
    # open tail plus the whole-answer part (phases, flags) left for the end
    inc_end, feed_max, parse_total = [], 0.0, 0.0
    for _ in range(args.analysis_repeats):
        parse = IncrementalParse(analyzer)
        for i in range(0, len(words), 25):  # ~10 s utterances
            t0 = time.perf_counter()
            parse.feed(words[i:i + 25])
            feed_max = max(feed_max, time.perf_counter() - t0)
        t0 = time.perf_counter()
        analyze_parses(analyzer, [parse])
        inc_end.append(time.perf_counter() - t0)
        parse_total = parse.parse_s_total
    figures["analysis_6000_words_incremental"] = {
        "at_end_s": round(min(inc_end), 3), "longest_feed_s": round(feed_max, 3),
        "parse_while_listening_s": round(parse_total, 3)}
    with tempfile.TemporaryDirectory() as tmp:
        first = split_for_speech("Here is my feedback. What went well: you named the member.")[0]
        t0 = time.perf_counter()
        synthesize_with_fallback(first, Path(tmp) / "t.wav", SpeakOptions(engine="pyttsx3"))
        figures["tts_first_audio_s"] = round(time.perf_counter() - t0, 3)

    if args.only_eoa:
        lengths = []
    elif args.lengths:
        lengths = [(_label(int(x)), int(x)) for x in args.lengths.split(",")]
    else:
        lengths = LENGTHS[:2] if args.quick else LENGTHS
    default_repeats = {"30s": 5, "2min": 3, "10min": 2, "20min": 2}
    for name, seconds in lengths:
        print(f"[{name}] preparing audio...", file=sys.stderr, flush=True)
        path = make_answer(name, seconds)
        n = args.repeats or default_repeats.get(name, 3 if seconds <= 300 else 2)
        ours_runs = []
        for i in range(n):
            print(f"[{name}] ours run {i + 1}/{n} at {args.speed:g}x...", file=sys.stderr,
                  flush=True)
            ours_runs.append(ours(path, transcriber, args.speed, seconds))
            if ours_runs[-1]["end_reason"] != "silence":
                print(f"[{name}] warning: the answer ended by {ours_runs[-1]['end_reason']}, "
                      "not by the candidate falling silent", file=sys.stderr)
        print(f"[{name}] batch run...", file=sys.stderr, flush=True)
        b = batch(path, transcriber)
        lat = [r["end_of_answer_to_feedback_s"] for r in ours_runs]
        med = statistics.median(lat)
        figures["lengths"][name] = {
            "speech_s": seconds, "runs": n,
            "ours_median_s": round(med, 3), "ours_p95_s": round(p95(lat), 3),
            "ours_breakdown_median": {
                k: round(statistics.median(r.get(k, 0.0) for r in ours_runs), 3)
                for k in ("final_transcribe_wait_s", "analyze_s", "tts_s",
                          "parse_while_listening_s")},
            "batch_s": round(b["end_of_answer_to_feedback_s"], 3),
            "batch_over_ours": round(b["end_of_answer_to_feedback_s"] / med, 1),
            "rtf_batch": round(b["rtf"], 4),
            "words": ours_runs[-1]["words"], "threads_peak": max(r["threads"] for r in ours_runs),
            # audio the capture queue had to drop (must be 0, else the figures flatter us)
            "dropped_audio_s": max(r.get("dropped_audio_s", 0.0) for r in ours_runs),
            "end_reasons": sorted({r["end_reason"] for r in ours_runs}),
        }
    if not args.no_eoa:
        figures["end_of_answer"] = end_of_answer(
            transcriber, [float(x) for x in args.eoa_pauses.split(",") if x],
            args.eoa_complete, args.eoa_paused, args.eoa_speed, args.eoa_content_only,
            args.eoa_complete_speed)
    figures["peak_rss_mb"] = round(rss_mb())

    print(f"\nmachine: {os.cpu_count()} CPUs; whisper tiny.en int8, "
          f"cpu_threads={transcriber.opt.cpu_threads}; simulated mic at {args.speed:g}x")
    print(f"{'length':>7} {'words':>6} {'ours med':>9} {'ours p95':>9} {'batch':>8} "
          f"{'batch/ours':>10} {'RTF':>7} {'wait/analyze/tts (median)':>27} {'dropped':>8}")
    for name, f in figures["lengths"].items():
        bd = f["ours_breakdown_median"]
        print(f"{name:>7} {f['words']:>6} {f['ours_median_s']:>8.2f}s {f['ours_p95_s']:>8.2f}s "
              f"{f['batch_s']:>7.2f}s {f['batch_over_ours']:>9.1f}x {f['rtf_batch']:>7.3f} "
              f"{bd['final_transcribe_wait_s']:>8.2f}/{bd['analyze_s']:.2f}/{bd['tts_s']:.2f}s"
              f" {f['dropped_audio_s']:>7.1f}s")
    print(f"model load {figures['model_load_s']:.2f}s; analyzer load "
          f"{figures['analyzer_load_s']:.2f}s; analysis of 6,000 words "
          f"{figures['analysis_6000_words_s']:.2f}s ({figures['analysis_words_per_s']} words/s); "
          f"TTS first audio {figures['tts_first_audio_s']:.2f}s")
    inc = figures["analysis_6000_words_incremental"]
    print(f"the same 6,000 words parsed while listening (25-word utterances): "
          f"{inc['at_end_s']:.3f}s left at the end, longest single feed "
          f"{inc['longest_feed_s']:.3f}s, {inc['parse_while_listening_s']:.2f}s parsing in all")
    lens = figures["lengths"]
    if "2min" in lens and "20min" in lens:
        growth = lens["20min"]["ours_median_s"] - lens["2min"]["ours_median_s"]
        figures["growth_2min_to_20min_s"] = round(growth, 3)
        print(f"growth of the median from 2 min to 20 min: {growth:+.2f}s "
              f"(batch: {lens['20min']['batch_s'] - lens['2min']['batch_s']:+.1f}s)")
    print(f"peak RSS {figures['peak_rss_mb']} MB (the whole benchmark process: model, spaCy, "
          f"all runs); peak OS threads "
          f"{max((f['threads_peak'] for f in figures['lengths'].values()), default=0)}")
    if "end_of_answer" in figures:
        print_end_of_answer(figures["end_of_answer"])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
