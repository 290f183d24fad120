"""`voice-coach practice` and `voice-coach recover`."""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from voice_coach.analysis.analyzer import Analyzer, AnalyzerOptions
from voice_coach.analysis.incremental import IncrementalParse, analyze_parses, parse_words
from voice_coach.asr import TranscribeOptions, Transcriber, intelligible
from voice_coach.audio.recorder import WavRecorder, repair_wav
from voice_coach.errors import BadInputError, NoSpeechError
from voice_coach.feedback import spoken_feedback
from voice_coach.live.capture import (
    BLOCK_S,
    CaptureOptions,
    EchoGate,
    MicrophoneSource,
    audio_library_messages_to_log,
    simulated_factory,
)
from voice_coach.live.clarify import Clarifier, ClarifyOptions, load_clarify_options, with_replies
from voice_coach.live.engine import Coach, Listener, ListenOptions, TranscriptionWorker, TurnResult
from voice_coach.live.interview import InterviewOptions
from voice_coach.pipeline import build_session, finish_session, load_transcriber, transcribe_file
from voice_coach.prompts import Prompt, get_prompt
from voice_coach.session import SCHEMA_VERSION, InPlaceSession, default_session_dir
from voice_coach.tts import NO_OUTPUT, SpeakOptions, SpeechAhead
from voice_coach.ui import Status
from voice_coach.values import Analysis, Sentence, Word

log = logging.getLogger(__name__)

CAPTURE_FILE = "capture.json"  # written when capture starts; its presence marks a live session


@dataclass(frozen=True)
class PracticeOptions:
    prompt_id: str | None = None  # None: a random prompt
    out_dir: Path | None = None
    simulate_mic: tuple[Path, ...] = ()  # one file per turn, fed through the capture path
    speed: float = 1.0
    seed: int | None = None
    listen: ListenOptions = field(default_factory=ListenOptions)
    capture: CaptureOptions = field(default_factory=CaptureOptions)
    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)
    speak: SpeakOptions = field(default_factory=SpeakOptions)
    play: bool = True
    output_device: int | str | None = None
    max_skips: int = 3
    interview: InterviewOptions = field(default_factory=InterviewOptions)
    # replies to the candidate's clarifying questions (None: from the prompt folder's data);
    # answer_questions=False: a question is just more answer, as before
    clarify: ClarifyOptions | None = None
    answer_questions: bool = True


@dataclass
class PracticeResult:
    session_dir: Path
    analysis: Analysis | None
    turns: list[TurnResult]
    timing: dict[str, float]
    spoken_text: str = ""
    feedback_wav: Path | None = None
    played: bool = False


class LiveSession:
    """What a live session shares across turns: the folder, the recording, the recognizer
    worker, the coach's voice. Used by practice and by the interviewer."""

    def __init__(self, opt: PracticeOptions, prompt: Prompt, status: Status,
                 transcriber: Transcriber | None = None) -> None:
        self.opt = opt
        self.prompt = prompt
        self.status = status
        for p in opt.simulate_mic:
            if not Path(p).is_file():
                raise BadInputError(f"{p}: no such file for --simulate-mic.")
        if not opt.simulate_mic:
            MicrophoneSource(opt.capture)  # fails early, before models load, if no microphone
        tr_opt = opt.transcribe
        if prompt.domain_terms and not tr_opt.hotwords:
            tr_opt = replace(tr_opt, hotwords=prompt.domain_terms)
        self.transcriber = transcriber or load_transcriber(tr_opt, status)
        # loaded before listening, so nothing is left to load when the answer ends
        self.analyzer = Analyzer(options=AnalyzerOptions(system=prompt.system))
        self.dir = InPlaceSession(opt.out_dir or default_session_dir(f"practice-{prompt.id}"))
        # what capture.json adds as the session goes on (a skipped prompt, the replies)
        self._marker: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        self.write_capture_marker()
        self.recorder = WavRecorder(self.dir.path("audio.wav"))
        self.worker = TranscriptionWorker(self.transcriber, opt.listen.commands)
        self.listener = Listener(self.recorder, self.worker, opt.listen, status, self.analyzer)
        if opt.answer_questions:
            self.listener.clarifier = Clarifier(
                prompt, self.analyzer.nlp,
                opt.clarify if opt.clarify is not None else load_clarify_options())
            self.listener.on_exchange = self._keep_exchange
        # a file hears no coach: the simulated microphone holds still while the coach speaks
        self.gate = EchoGate(0.0 if opt.simulate_mic else opt.capture.echo_tail_s)
        self.coach = Coach(self.dir.out_dir, opt.speak, opt.play, opt.output_device, status,
                           self.gate)
        # the feedback's speech, made during the silence that ends the last answer
        self.ahead = SpeechAhead(opt.speak, self.dir.out_dir)
        self.turn_index = 0
        # how the audio was captured: the device's own rate, and what the echo gate dropped
        self.capture_info: dict[str, Any] = {"echo_tail_s": self.gate.tail_s,
                                             "echo_dropped_s": 0.0}
        # the last turn's microphone stays open after its end decision: the candidate may
        # go on (resume), until the next turn opens its own
        self._mic: MicrophoneSource | None = None
        self._last: tuple[str, Any] = ("", None)  # (question, cue) of the last turn

    def _keep_exchange(self, exchange: dict[str, Any]) -> None:
        """A reply is in audio.wav: capture.json says where, so `recover` can tell the
        coach's voice from the candidate's."""
        kept = self._marker.setdefault("clarifications", [])
        kept.append({"turn": self.turn_index, **exchange})
        self.write_capture_marker()

    def write_capture_marker(self, extra: dict[str, Any] | None = None) -> None:
        self._marker.update(extra or {})
        self.dir.write_json(CAPTURE_FILE, {
            "schema_version": SCHEMA_VERSION, "kind": "practice",
            "prompt": {"id": self.prompt.id, "text": self.prompt.text,
                       "system": self.prompt.system},
            "audio": "audio.wav", **self._marker,
        })

    def mic(self) -> MicrophoneSource:
        """The next turn's microphone: the device, or the next simulated file."""
        if self.opt.simulate_mic:
            files = self.opt.simulate_mic
            path = files[min(self.turn_index, len(files) - 1)] if self.turn_index < len(files) \
                else None
            if path is None:
                raise NoSpeechError("no more --simulate-mic files for this turn.")
            cap = CaptureOptions(rate_hz=self.opt.capture.rate_hz or 48000)
            return MicrophoneSource(cap, stream_factory=simulated_factory(path, self.opt.speed),
                                    gate=self.gate)
        return MicrophoneSource(self.opt.capture, gate=self.gate)

    def ask_and_listen(self, question: str, name: str, cue: Any = None,
                       spoken: bool = False) -> TurnResult:
        """Ask (unless ``spoken``: already played while watching for a resume) and listen
        to one answer."""
        self._close_mic()
        if not spoken:
            self.coach.say(question, name)
        mic = self.mic()
        mic.open()
        self._mic = mic
        self._last = (question, cue)
        try:
            turn = self.listener.listen_turn(mic, self.coach, repeat_text=question, cue=cue)
        except BaseException:
            self._close_mic()
            raise
        self.capture_info["device_rate_hz"] = mic.rate_hz
        self.capture_info["echo_dropped_s"] = round(
            self.capture_info["echo_dropped_s"] + mic.echo_blocks * BLOCK_S, 2)
        self.turn_index += 1
        return turn

    def resumed(self, turn: TurnResult, wav: Path | None = None) -> TurnResult | None:
        """Did the candidate go on after ``turn`` was judged over (while ``wav``, a probe or
        the feedback, is prepared or played)? Then the answer is listened to until it is
        over again, and returned with what was added; None when the end stands."""
        mic = self._mic
        if mic is None or not self.listener.speech_resumes(mic, turn, self.coach, wav):
            return None
        question, cue = self._last
        self.status.say("(you went on: listening again)")
        return self.listener.listen_turn(mic, self.coach, repeat_text=question, cue=cue,
                                         resume=turn)

    def _close_mic(self) -> None:
        mic, self._mic = self._mic, None
        if mic is not None:
            mic.close()

    def close(self) -> None:
        self._close_mic()
        self.worker.close()
        self.recorder.close()
        self.ahead.close()


def _analyze_and_write(live: LiveSession, words: list[Word], turns: list[TurnResult],
                       decided_at: float, extra: dict[str, Any] | None = None,
                       analysis: Analysis | None = None, spoken: str | None = None
                       ) -> tuple[Analysis, str, Path | None, dict[str, float]]:
    prompt = live.prompt
    t0 = time.perf_counter()
    if analysis is None:
        analysis = analyze_parses(live.analyzer, _parses(live.analyzer, turns),
                                  duration_s=live.listener.clock_s, system=prompt.system)
    analyze_s = time.perf_counter() - t0
    session = build_session(live.dir, prompt=prompt, audio_name="audio.wav",
                            model=getattr(live.transcriber, "name", "unknown"), words=words,
                            analysis=analysis, source="microphone" if not live.opt.simulate_mic
                            else "simulated:" + ",".join(map(str, live.opt.simulate_mic)),
                            kind="practice", extra=extra)
    session["end_reason"] = turns[-1].end_reason if turns else ""
    # the candidate's clarifying questions and the coach's replies, in order (session clock)
    session["clarifications"] = [{"turn": i, **x} for i, t in enumerate(turns)
                                 for x in t.exchanges]
    session["coach_speech"] = live.coach.spoken
    session["capture"] = live.capture_info
    timing = {
        "answer_s": round(sum(t.end_s - t.start_s for t in turns), 2),
        "transcribe_s_total": round(live.worker.transcribe_s_total, 3),
        "final_transcribe_wait_s": round(turns[-1].final_wait_s, 3) if turns else 0.0,
        # the silence that ended the answer (session clock: the same at any --speed); ended
        # by an end phrase, this is how long after it the phrase was understood
        "last_word_to_end_decision_s": round(max(0.0, turns[-1].end_clock_s -
                                                 turns[-1].last_voice_s), 3) if turns else 0.0,
        "end_resumed": sum(t.resumed for t in turns),
        "dropped_audio_s": round(sum(t.dropped_s for t in turns), 2),
        "analyze_s": round(analyze_s, 3),
        # parsing done while the candidate spoke (not part of the wait at the end)
        "parse_while_listening_s": round(sum(t.parse.parse_s_total for t in turns
                                             if t.parse is not None), 3),
    }
    session["timing"] = timing
    # end_of_answer_to_feedback_s: from the moment the answer was judged over to the spoken
    # feedback being ready to play; finish_session writes it after synthesis.
    said, wav, _ = finish_session(live.dir, session, analysis, prompt, live.opt.speak,
                                  live.status, timing_ref=(timing, decided_at), spoken=spoken,
                                  ahead=live.ahead)
    return analysis, said, wav, timing


def practice(opt: PracticeOptions, status: Status | None = None,
             transcriber: Transcriber | None = None) -> PracticeResult:
    """Ask, listen, (probe the gaps, listen again), analyze, speak the feedback."""
    if opt.simulate_mic:
        return _practice(opt, status, transcriber)
    with audio_library_messages_to_log():  # a lost device is one sentence, not C internals
        return _practice(opt, status, transcriber)


def _practice(opt: PracticeOptions, status: Status | None,
              transcriber: Transcriber | None) -> PracticeResult:
    from voice_coach.live.interview import ProbePlanner, TimeCues

    status = status or Status()
    seed = opt.seed if opt.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    prompt = get_prompt(opt.prompt_id or "random", rng=rng)
    live = LiveSession(opt, prompt, status, transcriber)
    analyzer = live.analyzer
    iv = opt.interview
    total_s = iv.minutes * 60 if iv.minutes else None
    cues = TimeCues(total_s, iv, analyzer, prompt.system) if total_s else None
    live.listener.coach_for_cues = live.coach  # type: ignore[attr-defined]
    turns: list[TurnResult] = []
    questions: list[tuple[str, str | None]] = []  # (question, probed flag)
    probes = ProbePlanner(prompt, seed)
    try:
        skips = 0
        while True:  # the first answer (a spoken "skip" picks another prompt with --random)
            _get_ready(live, turns, probes, cues)
            turn = _turn(live, prompt.text, "prompt" if not skips else f"prompt-{skips}",
                         cues, total_s)
            if turn.end_reason != "skip" or opt.prompt_id or skips >= opt.max_skips:
                break
            skips += 1
            prompt = get_prompt("random", rng=rng)
            live.prompt = probes.prompt = prompt
            if live.listener.clarifier is not None:
                live.listener.clarifier.prompt = prompt
            live.write_capture_marker({"skipped": skips})
        turns.append(turn)
        questions.append((prompt.text, None))
        # follow-ups aimed at the gaps, while there are turns (files) and time left
        while turn.words and turn.end_reason not in ("skip", "interrupted", "device_lost") \
                and len(turns) <= iv.follow_ups and _can_listen_again(live, total_s):
            so_far = analyze_parses(analyzer, _parses(analyzer, turns), system=prompt.system)
            probe = probes.next_probe(so_far)
            if probe is None:
                break
            fid, question = probe
            wav = live.coach.prepare(question, f"followup-{len(turns)}")
            more = live.resumed(turn, wav)
            if more is not None:
                # the answer was not over: the probe is withdrawn, what followed joins it
                probes.asked.remove(fid)
                live.coach.spoken.pop()
                turns[-1] = turn = more
                continue
            _get_ready(live, turns, probes, cues)
            turn = _turn(live, question, f"followup-{len(turns)}", cues, total_s,
                         spoken=wav is not None)
            turns.append(turn)
            questions.append((question, fid))
        answer = turns[0]
        if answer.end_reason == "skip":
            live.dir.write_json("session.json", {"schema_version": SCHEMA_VERSION,
                                                 "kind": "practice", "skipped": True,
                                                 "prompt": {"id": prompt.id}})
            return PracticeResult(live.dir.out_dir, None, turns, {})
        while True:
            res = _feedback(live, turns, questions, probes, cues, seed)
            # the feedback is ready: played (when playing) while watching for the candidate
            # going on; if they do, it is withdrawn and the answer listened to again
            more = live.resumed(turns[-1], res.feedback_wav)
            if more is None:
                res.played = live.listener.played
                if opt.play and res.feedback_wav is not None and not res.played:
                    status.say(f"could not play the spoken feedback: {NO_OUTPUT}; "
                               f"it is in {res.feedback_wav}")
                return res
            turns[-1] = more
    finally:
        live.close()


def _feedback(live: LiveSession, turns: list[TurnResult],
              questions: list[tuple[str, str | None]], probes: Any, cues: Any,
              seed: int) -> PracticeResult:
    """Analyze the conversation, write the session and synthesize the spoken feedback."""
    from voice_coach.live.interview import conversation_analysis, debrief_text

    analyzer, prompt, iv = live.analyzer, live.prompt, live.opt.interview
    answer = turns[0]
    if not answer.words or not intelligible(answer.words):
        raise NoSpeechError(f"no English speech detected (ended by {answer.end_reason}); "
                            f"nothing to analyze. The recording is kept in {live.dir.out_dir}.")
    extra: dict[str, Any] = {}
    analysis = None
    if len(turns) > 1 or cues is not None:
        analysis, first = conversation_analysis(
            analyzer, _parses(analyzer, turns), probes.asked, live.listener.clock_s,
            prompt.system)
        # the first answer was just analyzed on its own: reuse it, the candidate is waiting
        extra["turns"] = [_turn_record(analyzer, q, fid, t, prompt.system,
                                       first.sentences if i == 0 else None)
                          for i, ((q, fid), t) in enumerate(zip(questions, turns, strict=True))]
        extra["interview"] = {"seed": seed, "follow_ups": [fid for _, fid in questions[1:]],
                              "minutes": iv.minutes,
                              "time_cues": cues.spoken if cues is not None else []}
    words = [w for t in turns for w in t.words]
    spoken_override = debrief_text(analysis, prompt) if analysis is not None else None
    if spoken_override:
        extra["debrief"] = spoken_override
    analysis, spoken, wav, timing = _analyze_and_write(
        live, words, turns, turns[-1].end_decided_at, extra, analysis, spoken_override)
    return PracticeResult(live.dir.out_dir, analysis, list(turns), timing, spoken, wav)


def _spoken_feedback(live: LiveSession, parses: list[IncrementalParse], probes: Any,
                     cues: Any, duration_s: float) -> str:
    """The text ``_feedback`` will speak for these answers (the same analysis)."""
    from voice_coach.live.interview import conversation_analysis, debrief_text

    system = live.prompt.system
    if len(parses) > 1 or cues is not None:
        analysis, _ = conversation_analysis(live.analyzer, parses, probes.asked, duration_s,
                                            system)
        return debrief_text(analysis, live.prompt) or spoken_feedback(analysis)
    return spoken_feedback(analyze_parses(live.analyzer, parses, duration_s=duration_s,
                                          system=system))


def _feedback_ahead(live: LiveSession, before: list[TurnResult], probes: Any,
                    cues: Any) -> Any:
    """For the answer after which the feedback comes: when the transcript says the pause
    ends it, the feedback text is worked out and its speech made in the background, so it
    is ready (or nearly) when the answer is judged over. Wrong guesses cost nothing: the
    speech is used only if the feedback comes out word for word the same.

    The text is worked out on the listener's thread, which is fine: the parse is up to date
    by then (the listener prepares only when its parse worker is idle), so what is left is
    the open tail and the whole-answer part, 11 ms for a 400-word answer and 28 ms for 3,600
    words (``make bench`` prints it as "left at the end"). Audio arriving meanwhile waits in
    the capture queue; only the synthesis, which takes seconds, goes to the background."""
    def settled(words: list[Word], parse: IncrementalParse | None, end_clock_s: float
                ) -> None:
        if not words or not intelligible(words):
            return
        parses = [*_parses(live.analyzer, before), parse or parse_words(live.analyzer, words)]
        live.ahead.start(_spoken_feedback(live, parses, probes, cues, end_clock_s))
    return settled


def _get_ready(live: LiveSession, before: list[TurnResult], probes: Any, cues: Any) -> None:
    """Before listening to an answer: if the feedback comes right after it (no follow-up
    question left), the coach gets it ready during the pause that ends it."""
    files = live.opt.simulate_mic
    last = len(before) + 1 > live.opt.interview.follow_ups or \
        (bool(files) and live.turn_index + 1 >= len(files))
    live.listener.on_settled = _feedback_ahead(live, list(before), probes, cues) if last \
        else None


def _turn(live: LiveSession, question: str, name: str, cues: Any, total_s: float | None,
          spoken: bool = False) -> TurnResult:
    if total_s is not None:
        remaining = max(5.0, total_s - live.listener.clock_s)
        live.listener.opt = replace(live.opt.listen,
                                    max_answer_s=min(live.opt.listen.max_answer_s, remaining))
        cues.elapsed_before_turn = live.listener.clock_s
    return live.ask_and_listen(question, name, cue=cues, spoken=spoken)


def _parses(analyzer: Analyzer, turns: Sequence[TurnResult]) -> list[IncrementalParse]:
    """Each turn's sentences as parsed while listening (parsed now if a turn has none)."""
    return [t.parse if t.parse is not None else parse_words(analyzer, t.words) for t in turns]


def _can_listen_again(live: LiveSession, total_s: float | None) -> bool:
    if total_s is not None and live.listener.clock_s >= total_s - 5:
        return False
    if live.opt.simulate_mic:
        return live.turn_index < len(live.opt.simulate_mic)
    return True


def _turn_record(analyzer: Analyzer, question: str, fid: str | None, t: TurnResult,
                 system: str | None, sentences: list[Sentence] | None = None
                 ) -> dict[str, Any]:
    import dataclasses

    from voice_coach.session import words_to_list

    if sentences is None:
        sentences = analyze_parses(analyzer, _parses(analyzer, [t]), system=system).sentences \
            if t.words else []
    return {"question": question, "probe": fid,
            "audio": {"path": "audio.wav", "start_s": round(t.start_s, 3),
                      "end_s": round(t.end_s, 3)},
            "end_reason": t.end_reason, "clarifications": t.exchanges,
            "words": words_to_list(t.words),
            "sentences": [dataclasses.asdict(s) for s in sentences]}


def recover(directory: Path, status: Status | None = None, transcriber: Transcriber | None = None,
            speak: SpeakOptions | None = None) -> Path:
    """Finish a session whose process died: repair the recording, then analyze it."""
    status = status or Status()
    d = Path(directory)
    audio = d / "audio.wav"
    marker = d / CAPTURE_FILE
    if not audio.is_file():
        raise BadInputError(f"{d}: no audio.wav to recover (not a practice session folder).")
    info: dict[str, Any] = {}
    if marker.is_file():
        try:
            info = json.loads(marker.read_text())
        except json.JSONDecodeError:
            info = {}
    seconds = repair_wav(audio)
    status.say(f"recovered {seconds:.1f} s of audio in {audio}")
    prompt_id = (info.get("prompt") or {}).get("id")
    try:
        prompt = get_prompt(prompt_id) if prompt_id and prompt_id != "open" else get_prompt(None)
    except BadInputError:
        prompt = get_prompt(None)
    tr = transcriber or load_transcriber(TranscribeOptions(hotwords=prompt.domain_terms), status)
    words, duration = transcribe_file(audio, tr, None, ListenOptions().endpoint, status)
    # the coach's replies to clarifying questions are in the recording: its lines, not yours
    words = with_replies(words, info.get("clarifications") or [])
    if not words or not intelligible(words):
        raise NoSpeechError(f"{audio}: no English speech detected in the recovered recording.")
    analysis = Analyzer(options=AnalyzerOptions(system=prompt.system)).analyze(
        words, duration_s=duration, system=prompt.system)
    out = InPlaceSession(d)
    session = build_session(out, prompt=prompt, audio_name="audio.wav",
                            model=getattr(tr, "name", "unknown"), words=words, analysis=analysis,
                            source=str(audio), kind="recovered")
    session["recovered"] = {"audio_s": round(seconds, 2), "from": info.get("kind", "unknown")}
    finish_session(out, session, analysis, prompt, speak or SpeakOptions(), status)
    return d
