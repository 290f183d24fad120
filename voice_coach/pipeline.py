"""The offline run: file -> chunks -> endpointer -> transcriber -> analyzer -> feedback -> session.

Decoding, endpointing and transcription are streamed: utterances are transcribed in batches
of up to ~28 s as the file is read, so memory stays bounded on long recordings and progress
can be shown.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice_coach.analysis.analyzer import Analyzer, AnalyzerOptions
from voice_coach.analysis.repair import spoken_turns
from voice_coach.asr import TranscribeOptions, Transcriber, intelligible, transcribe_utterances
from voice_coach.audio.io import iter_file_chunks, probe_duration_s
from voice_coach.audio.recorder import WavRecorder
from voice_coach.audio.vad import Endpointer, EndpointOptions
from voice_coach.errors import NoSpeechError
from voice_coach.feedback import spoken_feedback, transcript_markdown, written_feedback
from voice_coach.prompts import Prompt, get_prompt
from voice_coach.session import (
    SCHEMA_VERSION,
    InPlaceSession,
    StagedSession,
    analysis_to_dict,
    default_session_dir,
    words_to_list,
)
from voice_coach.transcripts import (
    Choice,
    Transcript,
    choose_candidate,
    parse_transcript,
    transcript_info,
    transcript_words,
)
from voice_coach.tts import (
    SpeakOptions,
    SpeechAhead,
    SpeechFailed,
    play_wav,
    synthesize_with_fallback,
)
from voice_coach.ui import Status, bar
from voice_coach.values import Analysis, Utterance, Word

log = logging.getLogger(__name__)

BATCH_S = 28.0  # whisper sees 30 s windows; fill them, never split one utterance across two


@dataclass(frozen=True)
class RunOptions:
    audio: Path
    prompt_id: str | None = None
    out_dir: Path | None = None
    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)
    endpoint: EndpointOptions = field(default_factory=EndpointOptions)
    speak: SpeakOptions = field(default_factory=SpeakOptions)
    play: bool = True
    output_device: int | str | None = None


@dataclass
class RunResult:
    session_dir: Path
    analysis: Analysis
    spoken_text: str
    feedback_wav: Path | None
    played: bool
    timing: dict[str, float]


def load_transcriber(options: TranscribeOptions, status: Status) -> Transcriber:
    from voice_coach.asr import FasterWhisperTranscriber

    status.update("loading the speech model...", force=True)
    t0 = time.perf_counter()
    tr = FasterWhisperTranscriber(options)
    log.info("whisper %s from %s in %.2f s", tr.model_info.name, tr.model_info.source,
             time.perf_counter() - t0)
    return tr


def transcribe_file(path: Path, transcriber: Transcriber, recorder: WavRecorder | None,
                    endpoint: EndpointOptions, status: Status) -> tuple[list[Word], float]:
    """Stream the file through the endpointer and the recognizer. Returns (words, duration_s)."""
    total = probe_duration_s(path)
    ep = Endpointer(endpoint)
    words: list[Word] = []
    batch: list[Utterance] = []
    batch_s = 0.0

    def flush_batch() -> None:
        nonlocal batch, batch_s
        if batch:
            context = " ".join(w.text for w in words[-40:])
            words.extend(transcribe_utterances(transcriber, batch, context))
            batch, batch_s = [], 0.0

    def show(pos: float) -> None:
        frac = f"{bar(pos / total)} " if total else ""
        status.update(f"transcribing {frac}{pos:5.1f}s, {len(words)} words")

    duration = 0.0
    for chunk in iter_file_chunks(path):
        if recorder is not None:
            recorder.write(chunk.pcm)
        duration = chunk.start_s + chunk.duration_s
        for utt in ep.feed(chunk):
            dur = utt.end_s - utt.start_s
            if batch and batch_s + dur > BATCH_S:
                flush_batch()
            batch.append(utt)
            batch_s += dur
        show(duration)
    for utt in ep.flush():
        batch.append(utt)
    flush_batch()
    status.done()
    return words, duration


def build_session(stage: StagedSession | InPlaceSession, *, prompt: Prompt, audio_name: str,
                  model: str, words: list[Word], analysis: Analysis, source: str, kind: str,
                  extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "prompt": {"id": prompt.id, "text": prompt.text, "system": prompt.system},
        "source": source,
        "audio": str(stage.out_dir / audio_name),
        "model": model,
        "words": words_to_list(words),
        **analysis_to_dict(analysis),
        **(extra or {}),
    }


def finish_session(stage: StagedSession | InPlaceSession, session: dict[str, Any],
                   analysis: Analysis, prompt: Prompt, speak: SpeakOptions, status: Status,
                   timing_ref: tuple[dict[str, float], float] | None = None,
                   spoken: str | None = None, ahead: SpeechAhead | None = None
                   ) -> tuple[str, Path | None, str | None]:
    """Write transcript, feedback text and speech, session.json last. Returns (spoken text,
    wav path in the final folder or None, engine used). With ``timing_ref`` = (timing dict,
    perf_counter at end of answer), records end_of_answer_to_feedback_s in the timing.
    ``ahead``: the speech may have been made already, during the pause (same text only)."""
    spoken = spoken or spoken_feedback(analysis)
    stage.write_text("transcript.md", transcript_markdown(
        analysis, f"Session {stage.out_dir.name}", prompt.text if prompt.id != "open" else ""))
    stage.write_text("feedback.txt", written_feedback(analysis) + "\nSpoken feedback:\n"
                     + spoken + "\n")
    status.update("synthesizing the spoken feedback...", force=True)
    wav: Path | None = None
    engine = None
    t_tts = time.perf_counter()
    made = None
    try:
        made = ahead.take(spoken, stage.path("feedback.wav")) if ahead is not None else None
        _, engine = made or synthesize_with_fallback(spoken, stage.path("feedback.wav"), speak)
        wav = stage.out_dir / "feedback.wav"
    except SpeechFailed as exc:
        status.say(f"warning: no spoken feedback ({exc.message}); it is in feedback.txt")
    if timing_ref is not None:
        timing, decided_at = timing_ref
        timing["tts_s"] = round(time.perf_counter() - t_tts, 3)
        timing["speech_made_ahead"] = float(made is not None)
        timing["end_of_answer_to_feedback_s"] = round(time.perf_counter() - decided_at, 3)
        if "last_word_to_end_decision_s" in timing:
            # what the candidate feels: the pause that ended the answer, then the work
            timing["last_word_to_feedback_s"] = round(
                timing["last_word_to_end_decision_s"] + timing["end_of_answer_to_feedback_s"],
                3)
    status.done()
    session["feedback"] = {"spoken": spoken, "engine": engine,
                           "wav": "feedback.wav" if wav else None}
    stage.write_json("session.json", session)
    return spoken, wav, engine


def run_file(opt: RunOptions, status: Status | None = None,
             transcriber: Transcriber | None = None, analyzer: Analyzer | None = None
             ) -> RunResult:
    status = status or Status()
    t_start = time.perf_counter()
    prompt = get_prompt(opt.prompt_id)
    from voice_coach.audio.io import _check_readable

    _check_readable(opt.audio)  # fail before loading models
    tr_opt = opt.transcribe
    if prompt.domain_terms and not tr_opt.hotwords:
        from dataclasses import replace

        tr_opt = replace(tr_opt, hotwords=prompt.domain_terms)
    transcriber = transcriber or load_transcriber(tr_opt, status)
    out_dir = opt.out_dir or default_session_dir(opt.audio.stem)
    stage = StagedSession(out_dir)
    try:
        with WavRecorder(stage.path("audio.wav")) as rec:
            t0 = time.perf_counter()
            words, duration = transcribe_file(opt.audio, transcriber, rec, opt.endpoint, status)
            t_tx = time.perf_counter() - t0
        if not words:
            raise NoSpeechError(f"{opt.audio}: no speech detected "
                                f"({duration:.1f} s of audio); nothing to analyze.")
        if not intelligible(words):
            raise NoSpeechError(f"{opt.audio}: no recognizable English speech (music, noise or "
                                "another language?); voice-coach coaches answers in English.")
        status.update("analyzing...", force=True)
        t0 = time.perf_counter()
        # a transcript read aloud ("Interviewer: ... Candidate: ..."): the interviewer's
        # words are context, never the candidate's claims (no labels heard: no change)
        words = spoken_turns(words)
        analyzer = analyzer or Analyzer(options=AnalyzerOptions(system=prompt.system))
        analysis = analyzer.analyze(words, duration_s=duration, system=prompt.system)
        t_an = time.perf_counter() - t0
        session = build_session(stage, prompt=prompt, audio_name="audio.wav",
                                model=getattr(transcriber, "name", "unknown"), words=words,
                                analysis=analysis, source=str(opt.audio.absolute()), kind="run")
        timing = {"transcribe_s": round(t_tx, 3), "analyze_s": round(t_an, 3)}
        session["timing"] = timing
        spoken, wav, _engine = finish_session(stage, session, analysis, prompt, opt.speak, status)
        final = stage.commit()
    except BaseException:
        stage.discard()
        raise
    timing["total_s"] = round(time.perf_counter() - t_start, 3)
    played = False
    if opt.play and wav is not None:
        played = play_wav(wav, opt.output_device)
    return RunResult(final, analysis, spoken, wav, played, timing)


@dataclass(frozen=True)
class AnalyzeOptions:
    """`voice-coach analyze`: a text transcript (plain, labelled, WebVTT or SRT)."""

    transcript: Path  # Path("-") reads stdin
    speaker: str | None = None  # whose turns are analyzed (default: see choose_candidate)
    prompt_id: str | None = None
    out_dir: Path | None = None  # also write a session folder (no audio)


@dataclass
class AnalyzeResult:
    analysis: Analysis
    words: list[Word]
    transcript: Transcript
    choice: Choice
    session_dir: Path | None


def analyze_transcript(opt: AnalyzeOptions, text: str, analyzer: Analyzer | None = None
                       ) -> AnalyzeResult:
    """Read ``text`` (the transcript's content), analyze the candidate's turns with every
    speaker's words in order (the others as context), and write a session when asked.
    Bad input raises before anything is written."""
    where = "stdin" if str(opt.transcript) == "-" else str(opt.transcript)
    prompt = get_prompt(opt.prompt_id)
    transcript = parse_transcript(text, where)
    choice = choose_candidate(transcript, opt.speaker, where)
    words = transcript_words(transcript, choice.candidate)
    analyzer = analyzer or Analyzer(options=AnalyzerOptions(system=prompt.system))
    # caption times are real: delivery metrics come from them, not from an assumed pace
    analysis = analyzer.analyze(words, estimated=not transcript.timed, system=prompt.system)
    session_dir = None
    if opt.out_dir is not None:
        stage = StagedSession(opt.out_dir)
        try:
            source = where if where == "stdin" else str(opt.transcript.absolute())
            session = build_session(
                stage, prompt=prompt, audio_name="", model="", words=words, analysis=analysis,
                source=source, kind="transcript",
                extra={"transcript": transcript_info(transcript, choice)})
            session["audio"] = None  # a text has no recording: replay --speak says so
            stage.write_text("transcript.md", transcript_markdown(
                analysis, f"Session {stage.out_dir.name}",
                prompt.text if prompt.id != "open" else ""))
            stage.write_text("feedback.txt", written_feedback(analysis))
            stage.write_json("session.json", session)
            session_dir = stage.commit()
        except BaseException:
            stage.discard()
            raise
    return AnalyzeResult(analysis, words, transcript, choice, session_dir)
