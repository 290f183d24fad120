"""The practice loop: speak the prompt, listen, know when the answer is over, transcribe while
listening, speak the feedback.

Threads: the capture callback (device or simulated microphone) only copies and enqueues; the
main thread resamples, records to disk, runs the endpointer and owns the terminal and the
speaker; one worker thread transcribes each utterance once, as soon as it is closed, so the
work left when the answer ends is the last utterance only.
"""

from __future__ import annotations

import logging
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from voice_coach.analysis.analyzer import Analyzer
from voice_coach.analysis.incremental import IncrementalParse
from voice_coach.asr import Transcriber, transcribe_utterances
from voice_coach.audio.echo import EchoAwareDetector
from voice_coach.audio.io import iter_file_chunks
from voice_coach.audio.recorder import WavRecorder
from voice_coach.audio.vad import Endpointer, EndpointOptions
from voice_coach.live.capture import BLOCK_S, CaptureEvent, EchoGate, MicrophoneSource
from voice_coach.live.clarify import Clarifier, reply_words
from voice_coach.live.commands import CommandOptions, match_command, strip_end_phrase
from voice_coach.live.turntaking import (
    AnswerEvidence,
    Outcome,
    TurnOptions,
    decide,
    evidence_from_parse,
    evidence_from_words,
    silence_needed,
)
from voice_coach.tts import (
    NO_OUTPUT,
    Playback,
    SpeakOptions,
    SpeechFailed,
    start_wav,
    synthesize_with_fallback,
)
from voice_coach.ui import Status
from voice_coach.values import CANDIDATE, Utterance, Word

log = logging.getLogger(__name__)

BATCH_MAX_S = 28.0  # a backlog is transcribed in windows of up to this much speech
DRAIN_MAX_BLOCKS = 64  # capture blocks (30 ms each) handled per pass of the listening loop


@dataclass(frozen=True)
class ListenOptions:
    # None: the silence that ends an answer depends on what was said (turntaking.py);
    # a number: the old fixed rule, this much silence ends any answer
    end_silence_s: float | None = None
    turn: TurnOptions = field(default_factory=TurnOptions)
    # speech this soon after an end decision (audio seconds) joins the answer: the guess
    # was wrong, the coach stops and listens again
    resume_window_s: float = 4.0
    max_resumes: int = 3  # then the end stands (noise that keeps sounding like speech)
    # transcribe an utterance after this much silence inside it, before it closes (0.6 s),
    # so the words that say the answer is over are in sooner; None: off
    early_transcribe_s: float | None = 0.3
    # when the silence the transcript asks for is this close to running out, the coach gets
    # ready what it will say (``Listener.on_settled``), so at the end decision its feedback
    # is (nearly) ready; None: off
    prepare_ahead_s: float | None = 1.0
    max_answer_s: float = 1800.0  # 30 min: a long answer in a 45-minute round is not cut
    no_answer_timeout_s: float = 60.0  # nothing said at all for this long: give up
    endpoint: EndpointOptions = field(default_factory=EndpointOptions)
    commands: CommandOptions = field(default_factory=CommandOptions)


@dataclass
class TurnResult:
    words: list[Word]
    start_s: float
    end_s: float
    end_reason: str  # silence | end_phrase | max_length | interrupted | device_lost | ...
    end_decided_at: float  # time.perf_counter() when the answer was judged over
    commands: list[tuple[str, float]] = field(default_factory=list)
    utterances: int = 0
    final_wait_s: float = 0.0  # transcription still to do when the answer ended
    dropped_s: float = 0.0  # audio lost because the capture queue was full
    # the answer's sentences, parsed while listening (None without an analyzer)
    parse: IncrementalParse | None = None
    end_why: str = ""  # the evidence the end decision rested on
    end_clock_s: float = 0.0  # session clock when the answer was judged over
    last_voice_s: float = 0.0  # session clock at the end of the last voiced frame
    resumed: int = 0  # times the candidate went on after an end decision
    state: Any = field(default=None, repr=False)  # the turn's listening state, for resuming
    # the candidate's clarifying questions and the coach's replies (session clock)
    exchanges: list[dict[str, Any]] = field(default_factory=list)


def utt_key(utt: Utterance) -> tuple[float, float]:
    return (round(utt.start_s, 3), round(utt.end_s, 3))


class TranscriptionWorker:
    """Transcribes utterances one at a time, off the capture and main threads."""

    def __init__(self, transcriber: Transcriber, commands: CommandOptions) -> None:
        self.transcriber = transcriber
        self.commands = commands
        self._in: queue.Queue[Utterance | None] = queue.Queue()
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.pending = 0
        self._lock = threading.Lock()
        self.transcribe_s_total = 0.0
        self.batches = 0
        self._carry: Utterance | None = None
        self.context = ""
        # early transcriptions of an utterance not yet closed: their results are sent as
        # one "early" event, which the listener uses only if the utterance closes unchanged
        self._early: set[tuple[float, float]] = set()
        self._stale: set[tuple[float, float]] = set()
        self._thread = threading.Thread(target=self._run, name="transcriber", daemon=True)
        self._thread.start()

    def submit(self, utt: Utterance, early: bool = False) -> None:
        with self._lock:
            self.pending += 1
            if early:
                self._early.add(utt_key(utt))
        self._in.put(utt)

    def discard(self, utt_k: tuple[float, float]) -> None:
        """An early transcription no longer wanted (the candidate went on): skipped if it
        has not started."""
        with self._lock:
            self._stale.add(utt_k)

    def _skip(self, utt: Utterance) -> bool:
        with self._lock:
            k = utt_key(utt)
            if k in self._stale:
                self._stale.discard(k)
                self._early.discard(k)
                self.pending -= 1
                return True
            return False

    @property
    def idle(self) -> bool:
        with self._lock:
            return self.pending == 0

    def _run(self) -> None:
        while True:
            utt = self._in.get()
            if utt is None:
                return
            if self._skip(utt):
                continue
            batch = [utt]
            # When speech arrives faster than it is transcribed (a slow machine, or the
            # simulated microphone at 8x), take the whole backlog in one call: one ~30 s
            # window costs about the same as one short utterance, so the worker catches up
            # instead of falling further behind. Each utterance is still transcribed once.
            stop = False
            while sum(u.end_s - u.start_s for u in batch) < BATCH_MAX_S:
                try:
                    nxt = self._in.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                if self._skip(nxt):
                    continue
                if sum(u.end_s - u.start_s for u in batch) + nxt.end_s - nxt.start_s > \
                        BATCH_MAX_S:
                    self._carry = nxt
                    break
                batch.append(nxt)
            self._process(batch)
            carry, self._carry = self._carry, None
            if carry is not None:
                self._process([carry])
            if stop:
                return

    def _process(self, batch: list[Utterance]) -> None:
        try:
            t0 = time.perf_counter()
            words = transcribe_utterances(self.transcriber, batch, self.context)
            self.transcribe_s_total += time.perf_counter() - t0
            self.batches += 1
            for utt in batch:
                # words of this utterance (times are on the session clock)
                mine = [w for w in words if utt.start_s - 0.05 <= w.start_s < utt.end_s + 0.05]
                self._emit(utt, mine)
        except Exception as exc:
            log.exception("transcription failed")
            self.events.put(("error", str(exc)))
        finally:
            with self._lock:
                self.pending -= len(batch)

    def _emit(self, utt: Utterance, words: list[Word]) -> None:
        evs: list[tuple[str, Any]] = []
        text = " ".join(w.text for w in words)
        cmd = match_command(text, self.commands)
        if cmd:
            evs.append(("command", (cmd, utt.start_s)))
        elif words:
            kept, ended = strip_end_phrase(words, self.commands)
            self.context = (self.context + " " + " ".join(w.text for w in kept))[-300:]
            evs.append(("words", kept))
            if ended:
                evs.append(("end_phrase", utt.end_s))
        with self._lock:
            early = utt_key(utt) in self._early
            self._early.discard(utt_key(utt))
        if early:
            self.events.put(("early", (utt_key(utt), evs)))
        else:
            for ev in evs:
                self.events.put(ev)

    def wait_idle(self, timeout_s: float = 120.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.idle and time.monotonic() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        self._in.put(None)
        self._thread.join(timeout=5)


class Coach:
    """The coach's voice: synthesize to a WAV in the session, play it with the mic muted and
    the echo gate told when it speaks."""

    def __init__(self, session_dir: Path, speak: SpeakOptions, play: bool,
                 output_device: int | str | None, status: Status,
                 gate: EchoGate | None = None) -> None:
        self.dir = session_dir
        self.gate = gate or EchoGate(0.0)
        self._told_no_output = False
        self.speak_opt = speak
        self.play = play
        self.output_device = output_device
        self.status = status
        self.spoken: list[dict[str, Any]] = []

        # starts playing a WAV in the background (a test puts a simulated room here)
        self.start_playback: Callable[[Path], Playback | None] = \
            lambda path: start_wav(path, self.output_device)

    def prepare(self, text: str, name: str) -> Path | None:
        """Synthesize what the coach will say, to a WAV in the session (not played yet)."""
        self.status.say(f"coach: {text}")
        path = self.dir / f"{name}.wav"
        try:
            synthesize_with_fallback(text, path, self.speak_opt)
        except SpeechFailed as exc:
            self.status.say(f"warning: could not synthesize speech ({exc.message})")
            return None
        self.spoken.append({"name": name, "text": text, "wav": path.name})
        return path

    def say(self, text: str, name: str, mic: MicrophoneSource | None = None) -> Path | None:
        """Speak with the microphone muted (the prompt, a repeated question, a time cue)."""
        path = self.prepare(text, name)
        if path is not None and self.play:
            if mic is not None:
                mic.mute()
            self.gate.speaking()
            try:
                pb = self.start_playback(path)
                if (pb is None or not pb.wait()) and not self._told_no_output:
                    self._told_no_output = True  # once: the next questions are in WAVs too
                    self.status.say(f"could not play the coach's voice: {NO_OUTPUT}; "
                                    f"it is in {path}")
            finally:
                self.gate.spoke()
                if mic is not None:
                    mic.unmute()
        return path

    def reply(self, text: str, name: str, mic: MicrophoneSource | None) -> Path | None:
        """Reply to the candidate's question. The candidate waits for it, so the microphone
        is muted (a simulated one holds still) from before the reply is synthesized until
        it has been played, with or without a speaker."""
        if mic is not None:
            mic.mute()
        try:
            return self.say(text, name)
        finally:
            if mic is not None:
                mic.unmute()


class Listener:
    """One continuous recording across turns; ``listen_turn`` captures one answer.

    The session clock is the recording itself (seconds written to audio.wav), so word times
    point into audio.wav whatever happens between turns.
    """

    def __init__(self, recorder: WavRecorder, worker: TranscriptionWorker,
                 options: ListenOptions, status: Status,
                 analyzer: Analyzer | None = None) -> None:
        self.mic: MicrophoneSource = None  # type: ignore[assignment]  # set per turn
        self.rec = recorder
        self.worker = worker
        self.opt = options
        self.status = status
        self.stream_ended = False
        # parses each answer's words as they arrive, so little is left when it ends
        self.analyzer = analyzer
        self.played = False  # the last speech_resumes played its WAV to the end
        # replies to clarifying questions (None: a question is just more answer)
        self.clarifier: Clarifier | None = None
        self.coach: Coach | None = None  # set per turn
        # told of each question and reply as it happens (kept for `recover`)
        self.on_exchange: Callable[[dict[str, Any]], None] | None = None
        # called once per state of the transcript when this pause will end the answer if it
        # lasts ``prepare_ahead_s`` more: (words, parse, session clock of that end)
        self.on_settled: Callable[[list[Word], IncrementalParse | None, float], None] | None \
            = None

    @property
    def clock_s(self) -> float:
        return self.rec.data_bytes / 2 / 16000

    def listen_turn(self, mic: MicrophoneSource, coach: Coach | None = None,
                    repeat_text: str = "", cue: Any = None,
                    resume: TurnResult | None = None) -> TurnResult:
        """Capture one answer until it is over. ``cue(listener, elapsed_s, silence_s, words,
        parse)``
        may speak a time cue in a pause (timed interviews). Ctrl-C ends the answer and what
        was said is kept. ``resume``: an answer judged over too soon; listening goes on and
        what follows joins it."""
        self.mic = mic
        self.coach = coach
        self.stream_ended = False
        if resume is not None:
            t = resume.state
            t.reason = ""
            t.resumed += 1
            t.evidence_dirty = True
        else:
            t = _Turn(Endpointer(self.opt.endpoint), self.clock_s)
            if self.analyzer is not None:
                t.parse = IncrementalParse(self.analyzer)
        interrupted = threading.Event()
        restore = _catch_sigint(interrupted)
        try:
            while not t.reason:
                if interrupted.is_set():
                    t.reason = "interrupted"
                    break
                self._feed(mic.read(0.05), t)
                # Take every block already waiting, not one per pass: when the machine is
                # busy (the recognizer holds both cores, or the simulated mic runs at 10x)
                # one block per pass falls behind and the capture queue overflows. Bounded,
                # so the end of the answer is still checked every ~2 s of audio at most.
                for _ in range(DRAIN_MAX_BLOCKS):
                    if t.reason:
                        break
                    item = mic.read(0)
                    if item is None:
                        break
                    self._feed(item, t)
                self._drain_events(t, coach, repeat_text)
                self._check_end(t, cue)
        finally:
            restore()
        decided = time.perf_counter()
        end_clock = self.clock_s
        last_voice = t.offset_s + t.ep.position_s - t.ep.trailing_silence_s
        # the answer is over: close the last utterance and wait for its words
        self._flush_endpointer(t)
        self.worker.wait_idle()
        final_wait = time.perf_counter() - decided
        dropped_s = mic.dropped_blocks * BLOCK_S
        if dropped_s:
            # never silent: the candidate should know part of the answer was not heard
            self.status.say(f"warning: {dropped_s:.1f} s of audio were dropped because the "
                            "machine fell behind; close other heavy programs")
        self._drain_events(t, None, "")
        self.rec.flush()
        self.status.done()
        return TurnResult(t.words, t.start_s, self.clock_s, t.reason, decided, t.commands,
                          t.n_utts, final_wait, dropped_s, t.parse, t.why, end_clock,
                          last_voice, t.resumed, t, t.exchanges)

    def speech_resumes(self, mic: MicrophoneSource, turn: TurnResult,
                       coach: Coach | None = None, wav: Path | None = None) -> bool:
        """After an end decision: does the candidate speak again within the resume window?

        Reads (and records) what the microphone heard since the decision, while the
        feedback or a probe was prepared and while ``wav`` plays (``coach.play``); speech
        stops the coach at once. The window is counted on the session clock, so a simulated
        microphone at 8x gives the same answer as a person. While the coach is heard, only
        speech its own voice cannot explain counts (audio/echo.py). A spoken end phrase,
        Ctrl-C, a skip or a lost device are final: nothing to resume. Returns True when the
        answer goes on (then ``listen_turn(resume=turn)``)."""
        playing: Playback | None = None
        if coach is not None and coach.play and wav is not None:
            playing = coach.start_playback(wav)
        resumed = False
        self.played = False
        try:
            if turn.end_reason == "silence" and self.opt.resume_window_s > 0 and \
                    turn.resumed < self.opt.max_resumes:
                resumed = self._watch(mic, turn, wav if playing is not None else None)
        finally:
            if playing is not None:
                if resumed:
                    playing.stop()
                else:
                    self.played = playing.wait()
        return resumed

    def _watch(self, mic: MicrophoneSource, turn: TurnResult, playing: Path | None) -> bool:
        t: _Turn = turn.state
        # the same endpointer (its lead-in ring may hold the first syllable of what the
        # candidate says next), with a detector that knows what the coach is playing
        plain = t.ep.detector
        detector = EchoAwareDetector(plain)
        t.ep.detector = detector
        if playing is not None:
            # the first sound the microphone can hear of it is what it captures from now
            # on, behind what is already queued
            start = int(mic.queued_s / (self.opt.endpoint.frame_ms / 1000))
            detector.play(b"".join(c.pcm for c in iter_file_chunks(playing)), start)
        deadline = turn.end_clock_s + self.opt.resume_window_s
        while self.clock_s < deadline:
            item = mic.read(0.05)
            if isinstance(item, CaptureEvent) and item.kind in ("end", "lost"):
                return False
            if isinstance(item, CaptureEvent) or item is None:
                continue
            self._feed(item, t)
            if t.ep.in_utterance:
                # the candidate goes on: the speech that started it is in the endpointer,
                # and listen_turn takes it from there
                log.info("speech %.1f s after the end decision: resuming the answer",
                         self.clock_s - turn.end_clock_s)
                t.ep.detector = plain  # the coach stops speaking
                return True
        t.ep.detector = plain
        return False

    def _feed(self, item: Any, t: _Turn) -> None:
        if isinstance(item, CaptureEvent):
            if item.kind == "end":
                self.stream_ended = True
                t.reason = "stream_end"
            elif item.kind == "overflow" and self.mic.overflows == 1:
                self.status.say("warning: input overflow, some audio was dropped "
                                "(close other audio apps)")
            elif item.kind == "lost":
                t.reason = "device_lost"
                self.status.say(f"the microphone was lost ({item.detail}); "
                                "analyzing the answer so far")
        elif item is not None:
            self.rec.write(item.pcm)
            for utt in t.ep.feed(item):
                self._submit(t, utt)
            self._early_transcription(t)

    def _submit(self, t: _Turn, utt: Utterance) -> None:
        """Send a closed utterance (endpointer time) to be transcribed, unless its early
        transcription, of the very same audio, is already there or on the way."""
        u = Utterance(utt.start_s + t.offset_s, utt.end_s + t.offset_s, utt.pcm)
        t.n_utts += 1
        t.marks["utterance_closed"] = self.clock_s
        if t.early is not None and not t.early_closed and utt_key(u) == t.early:
            if t.early_result is not None:
                for ev in t.early_result:
                    self.worker.events.put(ev)
                t.early, t.early_result = None, None
            else:
                t.early_closed = True  # its result is used when it arrives
            return
        self._drop_early(t)
        self.worker.submit(u)

    def _drop_early(self, t: _Turn) -> None:
        # an early transcription standing for a closed utterance is its only one: kept
        if t.early is not None and not t.early_closed:
            self.worker.discard(t.early)
            t.early, t.early_result, t.early_closed = None, None, False

    def _early_transcription(self, t: _Turn) -> None:
        """A short pause inside an utterance: transcribe it now, so if it is the answer's
        last, its words (the evidence that the answer is over) are in when the pause has
        lasted long enough, instead of only starting once the utterance closes. Only when
        the recognizer is idle, so it never delays a closed utterance."""
        after = self.opt.early_transcribe_s
        if after is None or self.opt.end_silence_s is not None:
            return
        run = t.ep.unvoiced_run_s
        if t.early is not None and not t.early_closed and run < after:
            self._drop_early(t)  # the candidate went on: that early transcription is stale
        if t.early is None and run >= after and t.answer_started and self.worker.idle:
            utt = t.ep.peek()
            if utt is not None:
                u = Utterance(utt.start_s + t.offset_s, utt.end_s + t.offset_s, utt.pcm)
                t.early = utt_key(u)
                self.worker.submit(u, early=True)
                t.marks["early_sent"] = self.clock_s

    def _drain_events(self, t: _Turn, coach: Coach | None, repeat_text: str) -> None:
        while True:
            try:
                kind, payload = self.worker.events.get_nowait()
            except queue.Empty:
                return
            if kind == "words" and not t.paused:
                t.words.extend(payload)
                if t.parse is not None:
                    # on this thread, not the capture callback; parsing a sentence or two
                    # takes ~10 ms, against 30 ms capture blocks queued meanwhile
                    t.parse.feed(payload)
                t.answer_started = t.answer_started or bool(payload)
                t.evidence_dirty = True
                t.marks["words_in"] = self.clock_s
            elif kind == "end_phrase" and not t.paused:
                # said before the stream ran out, even if transcribed after: it is the reason
                t.reason = "end_phrase" if t.reason in ("", "stream_end", "silence") \
                    else t.reason
            elif kind == "command":
                self._command(t, payload, coach, repeat_text)
            elif kind == "early":
                key, evs = payload
                if key != t.early:
                    continue  # stale: the utterance went on and is transcribed whole
                if t.early_closed:
                    for ev in evs:
                        self.worker.events.put(ev)  # handled in this same drain
                    t.early, t.early_result, t.early_closed = None, None, False
                else:
                    t.early_result = evs  # used if the utterance closes unchanged
            elif kind == "error":
                self.status.say(f"warning: transcription error ({payload})")

    def _command(self, t: _Turn, payload: tuple[str, float], coach: Coach | None,
                 repeat_text: str) -> None:
        cmd, at = payload
        t.commands.append((cmd, at))
        if cmd == "repeat" and coach is not None and repeat_text:
            # the command is heard a moment after it was said: speech that began since is
            # in the endpointer, and must be kept before the endpointer is replaced
            self._flush_endpointer(t)
            coach.say(repeat_text, f"repeat-{len(t.commands)}", self.mic)
            # silence is counted afresh after the coach spoke
            t.ep = Endpointer(self.opt.endpoint)
            t.offset_s = self.clock_s
            t.silence_origin = self.clock_s
        elif cmd == "pause":
            t.paused = True
            self.status.say("paused: say 'resume' to go on")
        elif cmd == "resume":
            t.paused = False
            t.silence_origin = self.clock_s
        elif cmd == "skip":
            t.reason = t.reason or "skip"

    def _flush_endpointer(self, t: _Turn) -> None:
        """Close the utterance in progress, if any, and send it to be transcribed."""
        for utt in t.ep.flush():
            self._submit(t, utt)

    def _evidence(self, t: _Turn) -> AnswerEvidence:
        """What the transcript says about the end of the answer; recomputed only after new
        words (one parse of the open tail, which the final analysis reuses)."""
        if t.evidence_dirty:
            opt = self.opt.turn
            t.evidence = evidence_from_parse(t.parse, opt) if t.parse is not None \
                else evidence_from_words(t.words, opt)
            t.evidence_dirty = False
            t.marks["evidence"] = self.clock_s
        return t.evidence

    def _end_decision(self, t: _Turn, silence: float) -> bool:
        opt = self.opt.turn
        if self.opt.end_silence_s is not None:
            opt = replace(opt, fixed_silence_s=self.opt.end_silence_s)
        # (idle with events not yet drained: words that arrived since the drain)
        transcribing = not self.worker.idle or not self.worker.events.empty()
        least = opt.close_silence_s if opt.fixed_silence_s is None else opt.fixed_silence_s
        if silence < min(least, opt.question_silence_s):
            return False  # no evidence needs less: skip the parse
        # words still being transcribed: wait for them (as the fixed rule always did)
        ev = t.evidence if transcribing else self._evidence(t)
        if ev.question and (self.clarifier is None or self.coach is None or t.asked_out):
            ev = replace(ev, question="")  # no replies (any more): a question is answer
        d = decide(ev, silence, opt, speaking=t.ep.in_utterance, transcribing=transcribing)
        if d.outcome is Outcome.QUESTION:
            self._reply(t, ev.question)
            return False
        if d.outcome is Outcome.END:
            t.why = d.why
            return True
        return False

    def _reply(self, t: _Turn, question: str) -> None:
        """The coach replies to a clarifying question, then listens to the same answer with
        the silence counted afresh. The reply goes into the recording and the answer's words
        as the interviewer's (context the analyzer never credits to the candidate), so the
        session clock, audio.wav, the transcript and the replay all hold the exchange."""
        assert self.clarifier is not None and self.coach is not None
        reply = self.clarifier.reply(question, len(t.exchanges))
        if reply is None:
            t.asked_out = True  # the candidate was told to go on: no more replies
            t.evidence = replace(t.evidence, question="")
            return
        self._flush_endpointer(t)
        asked = [w for w in t.words if w.speaker == CANDIDATE]
        at = self.clock_s
        path = self.coach.reply(reply.text, f"clarify-{len(t.exchanges) + 1}", self.mic)
        if path is not None:
            for chunk in iter_file_chunks(path):
                self.rec.write(chunk.pcm)
        said = reply_words(reply.text, at, self.clock_s)
        t.words.extend(said)
        if t.parse is not None:
            t.parse.feed(said)
        t.evidence_dirty = True
        q_start, q_end = _question_span(asked, question, at)
        t.exchanges.append({
            "question": question, "topic": reply.topic, "reply": reply.text,
            "question_start_s": q_start, "question_end_s": q_end,
            "reply_start_s": round(at, 3), "reply_end_s": round(self.clock_s, 3),
            "wav": path.name if path is not None else None})
        if self.on_exchange is not None:
            self.on_exchange(t.exchanges[-1])
        if reply.topic == "enough":
            t.asked_out = True
        # the silence that follows (thinking after the reply) is counted from now
        t.ep = Endpointer(self.opt.endpoint)
        t.offset_s = self.clock_s
        t.silence_origin = self.clock_s

    def _prepare_ahead(self, t: _Turn, silence: float) -> None:
        """All words are in and this pause ends the answer if it lasts a little more: let
        the coach get ready what it will say (once per state of the transcript)."""
        lead = self.opt.prepare_ahead_s
        if self.on_settled is None or lead is None or self.opt.end_silence_s is not None \
                or t.paused or t.ep.in_utterance or t.prepared_for == len(t.words) \
                or not self.worker.idle or not self.worker.events.empty():
            return
        need, _ = silence_needed(self._evidence(t), self.opt.turn)
        if need - silence <= lead:
            t.prepared_for = len(t.words)
            t.marks["prepare"] = self.clock_s
            self.on_settled(t.words, t.parse, self.clock_s + max(0.0, need - silence))

    def _check_end(self, t: _Turn, cue: Any) -> None:
        now_s = self.clock_s
        silence = t.ep.trailing_silence_s
        if not t.reason and not t.paused:
            quiet = not t.ep.in_utterance and self.worker.idle
            if t.answer_started and self._end_decision(t, silence):
                t.reason = "silence"
            elif now_s - t.start_s >= self.opt.max_answer_s:
                t.reason = "max_length"
            elif not t.answer_started and quiet and \
                    min(now_s - t.silence_origin, silence) >= self.opt.no_answer_timeout_s:
                t.reason = "no_answer"
            elif cue is not None and quiet:
                cue(self, now_s - t.start_s, silence, t.words, t.parse)
            if not t.reason and t.answer_started:
                self._prepare_ahead(t, silence)
        state = "paused" if t.paused else ("speaking" if t.ep.in_utterance else "listening")
        self.status.update(f"{state}  {now_s - t.start_s:6.1f}s  words {len(t.words)}  "
                           f"silence {silence:3.1f}s")


@dataclass
class _Turn:
    """The state of one answer being captured."""

    ep: Endpointer
    start_s: float
    words: list[Word] = field(default_factory=list)
    commands: list[tuple[str, float]] = field(default_factory=list)
    reason: str = ""
    paused: bool = False
    answer_started: bool = False
    n_utts: int = 0
    offset_s: float = -1.0  # session time of the endpointer's zero
    parse: IncrementalParse | None = None
    silence_origin: float = -1.0
    evidence: AnswerEvidence = field(default_factory=AnswerEvidence)
    evidence_dirty: bool = True
    why: str = ""
    early: tuple[float, float] | None = None  # utterance transcribed early (session times)
    early_result: list[tuple[str, Any]] | None = None  # its events, held until it closes
    early_closed: bool = False  # it closed unchanged; its events are used on arrival
    resumed: int = 0
    exchanges: list[dict[str, Any]] = field(default_factory=list)  # questions and replies
    asked_out: bool = False  # the coach has said it is time to stop asking
    prepared_for: int = -1  # words in the transcript when the coach last got ready
    # session-clock times of the last of each step (where the wait after the last word
    # goes; read by the benchmark): utterance closed, early transcription sent, words in
    marks: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.offset_s < 0:
            self.offset_s = self.start_s
        if self.silence_origin < 0:
            self.silence_origin = self.start_s


def _question_span(asked: list[Word], question: str, at_s: float) -> tuple[float, float]:
    """When the question was said: its words among the candidate's, from the end (a word
    the recognizer imagined after it, "Thank", is not part of it); else the last words."""
    q = question.split()
    n = len(q)
    for i in range(len(asked) - n, -1, -1):
        if [w.text for w in asked[i:i + n]] == q:
            return asked[i].start_s, asked[i + n - 1].end_s
    if not asked:
        return at_s, at_s
    return asked[max(0, len(asked) - n)].start_s, asked[-1].end_s


def _catch_sigint(flag: threading.Event) -> Any:
    """Ctrl-C while listening ends the answer instead of killing the program (main thread
    only; elsewhere signals cannot be handled). Returns a function that restores the old
    handler."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    old = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if flag.is_set():  # a second Ctrl-C: the user really wants out
            signal.signal(signal.SIGINT, old)
            raise KeyboardInterrupt
        flag.set()

    signal.signal(signal.SIGINT, handler)
    return lambda: signal.signal(signal.SIGINT, old)
