"""Capture: an input stream whose callback only copies and enqueues, and a consumer side that
resamples to 16 kHz mono.

The real microphone is a ``sounddevice.InputStream``; the simulated microphone is a stand-in
stream that calls the very same callback from a thread with blocks read from a file, at real
time or faster. Everything after the callback (queue, resampling, VAD, endpointing, the
transcription worker) is shared, so tests exercise the code path a person uses.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from voice_coach.errors import BadInputError, DeviceError, MissingComponentError
from voice_coach.values import SAMPLE_RATE_HZ, AudioChunk

log = logging.getLogger(__name__)

BLOCK_S = 0.03  # device block: small blocks keep the callback short and latency low


class InputStream(Protocol):
    """What we use of sounddevice.InputStream."""

    samplerate: float

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


StreamFactory = Callable[..., InputStream]


@dataclass(frozen=True)
class CaptureOptions:
    device: int | str | None = None
    rate_hz: int | None = None  # None: the device's own default rate
    channels: int = 1
    queue_s: float = 120.0  # how much audio may wait for the consumer before we drop
    # what the microphone hears while the coach speaks, and for this long after, is the
    # coach's own voice (device buffers, the room), never the candidate's words. 0.3 s: the
    # PulseAudio device test measures ~0.05 s on a null sink; a laptop's speakers, USB
    # buffers and a room's reverberation add a few hundred milliseconds more
    echo_tail_s: float = 0.3


class EchoGate:
    """Knows when the coach speaks: capture drops what the microphone hears while the coach
    speaks and for ``tail_s`` after, so the coach's voice is never taken as the candidate's
    words; the candidate can answer as soon as the tail is over.

    One question, ``passes(captured_at)``, so a barge-in detector (stop the coach when the
    candidate talks over it) can replace it without touching the capture stage.
    """

    def __init__(self, tail_s: float = 0.3, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self.tail_s = tail_s
        self.clock = clock
        self._lock = threading.Lock()
        self._speaking = 0  # playbacks under way
        self._quiet_from = float("-inf")  # clock time when the last playback's tail ends

    def speaking(self) -> None:
        with self._lock:
            self._speaking += 1

    def spoke(self) -> None:
        with self._lock:
            self._speaking = max(0, self._speaking - 1)
            self._quiet_from = self.clock() + self.tail_s

    def passes(self, captured_at: float) -> bool:
        """Whether audio captured at ``captured_at`` (clock time) may be the candidate's."""
        with self._lock:
            return self._speaking == 0 and captured_at >= self._quiet_from


class CaptureEvent:
    """Non-audio events the callback passes along (overflow, device lost, end of stream)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail


def _sd() -> Any:
    try:
        import sounddevice as sd
    except OSError:
        raise MissingComponentError("PortAudio is missing: run `make install` "
                                    "(apt-get install libportaudio2).") from None
    return sd


def default_input_rate(device: int | str | None) -> int:
    sd = _sd()
    try:
        info = sd.query_devices(device, kind="input")
    except Exception as exc:  # noqa: BLE001 - PortAudio signals "no device" in several ways
        raise DeviceError(f"no microphone found ({exc}). Plug one in, pick one with "
                          "--input-device (see `voice-coach devices`), or rehearse from a file "
                          "with --simulate-mic FILE.") from None
    return int(info["default_samplerate"])


class Resampler:
    """Streaming resampler to 16 kHz mono int16 (PyAV's swresample keeps filter state across
    blocks, so there are no clicks at block edges)."""

    def __init__(self, rate_hz: int, channels: int) -> None:
        import av

        self.rate_hz = rate_hz
        self.channels = channels
        self._av = av
        self._r = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE_HZ)

    def __call__(self, block: np.ndarray) -> bytes:
        if self.rate_hz == SAMPLE_RATE_HZ and self.channels == 1:
            return block.astype(np.int16).tobytes()
        layout = "mono" if self.channels == 1 else ("stereo" if self.channels == 2 else None)
        data = block.astype(np.int16)
        if layout is None:  # many-channel devices: mix down ourselves
            data = data.mean(axis=1, keepdims=True).astype(np.int16)
            layout = "mono"
        frame = self._av.AudioFrame.from_ndarray(data.reshape(1, -1), format="s16",
                                                 layout=layout)
        frame.sample_rate = self.rate_hz
        return b"".join(f.to_ndarray().tobytes() for f in self._r.resample(frame))


class MicrophoneSource:
    """Opens the input stream, and yields 16 kHz chunks from the capture queue.

    ``mute()`` makes the callback drop audio (the coach never hears itself); a stream that
    supports ``hold`` (the simulated microphone) also stops advancing while muted. The echo
    gate drops what is heard while the coach speaks and in a short tail after, whether or
    not this source was muted (the prompt is spoken before the microphone opens).
    """

    def __init__(self, options: CaptureOptions | None = None,
                 stream_factory: StreamFactory | None = None,
                 gate: EchoGate | None = None) -> None:
        self.opt = options or CaptureOptions()
        self.gate = gate or EchoGate(self.opt.echo_tail_s)
        self.echo_blocks = 0  # blocks dropped as the coach's echo
        self._factory = stream_factory
        self.rate_hz = self.opt.rate_hz or (SAMPLE_RATE_HZ if stream_factory else
                                            default_input_rate(self.opt.device))
        self._q: queue.Queue[np.ndarray | CaptureEvent] = queue.Queue(
            maxsize=max(10, int(self.opt.queue_s / BLOCK_S)))
        self._muted = threading.Event()
        self.overflows = 0
        self.dropped_blocks = 0
        self._stream: InputStream | None = None
        self._closing = False
        self._resample = Resampler(self.rate_hz, self.opt.channels)
        self.position_s = 0.0  # 16 kHz samples handed out so far, in seconds
        self._captured = 0  # device frames enqueued by the callback

    @property
    def queued_s(self) -> float:
        """Audio captured but not read yet (what the microphone heard before "now")."""
        return max(0.0, self._captured / self.rate_hz - self.position_s)

    # -- device edge: runs on the audio thread; copy, enqueue, nothing more ---------------
    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        if status and getattr(status, "input_overflow", False):
            self._put(CaptureEvent("overflow"))
        if self._muted.is_set():
            return
        # the block began frames/rate before now: it is echo if any of it may be
        if not self.gate.passes(self.gate.clock() - frames / self.rate_hz):
            self.echo_blocks += 1
            return
        self._put(indata.copy())
        self._captured += frames

    def _put(self, item: np.ndarray | CaptureEvent) -> None:
        try:
            self._q.put_nowait(item)
        except queue.Full:
            self.dropped_blocks += 1

    def _finished(self) -> None:
        """PortAudio's finished_callback: a file that ran out ends normally; a device stream
        only finishes on its own when the device went away."""
        if self._closing:
            return
        normal = getattr(self._stream, "ends_normally", False)
        self._put(CaptureEvent("end" if normal else "lost", "the input stream stopped"))

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> MicrophoneSource:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        factory = self._factory or _sd().InputStream
        try:
            self._stream = factory(samplerate=self.rate_hz, channels=self.opt.channels,
                                   dtype="int16", blocksize=int(self.rate_hz * BLOCK_S),
                                   device=self.opt.device, callback=self._callback,
                                   finished_callback=self._finished)
            self._stream.start()
        except DeviceError:
            raise
        except Exception as exc:  # noqa: BLE001 - PortAudio errors carry the reason as text
            self._stream = None
            raise DeviceError(f"cannot open the microphone at {self.rate_hz} Hz ({exc}). "
                              "Try another --input-device or close apps using it.") from None

    def close(self) -> None:
        self._closing = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
            finally:
                stream.close()

    def mute(self) -> None:
        self._muted.set()
        if hasattr(self._stream, "hold"):
            self._stream.hold.set()  # type: ignore[union-attr]

    def unmute(self) -> None:
        # drop what was queued while the coach was talking
        while True:
            try:
                item = self._q.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, CaptureEvent) and item.kind == "end":
                self._q.put(item)
                break
            if isinstance(item, np.ndarray):
                self._captured -= len(item)  # dropped unread: not ahead of "now"
        self._muted.clear()
        if hasattr(self._stream, "hold"):
            self._stream.hold.clear()  # type: ignore[union-attr]

    def read(self, timeout_s: float = 0.1) -> AudioChunk | CaptureEvent | None:
        """Next chunk at 16 kHz, an event, or None when nothing arrived in time."""
        try:
            item = self._q.get(timeout=timeout_s)
        except queue.Empty:
            return None
        if isinstance(item, CaptureEvent):
            if item.kind == "overflow":
                self.overflows += 1
            return item
        pcm = self._resample(item)
        chunk = AudioChunk(SAMPLE_RATE_HZ, pcm, self.position_s)
        self.position_s += len(pcm) / 2 / SAMPLE_RATE_HZ
        return chunk


class SimulatedInputStream:
    """Plays a recording into the capture callback, as a microphone would, at ``speed`` times
    real time; then a quiet room (silence) for up to ``tail_silence_s``, then ends.

    It decodes the file at ``samplerate`` (e.g. 48 kHz, as many USB microphones give), so the
    resampler is exercised too.
    """

    def __init__(self, path: Path, speed: float = 1.0, tail_silence_s: float = 60.0,
                 **kw: Any) -> None:
        self.path = Path(path)
        self.speed = max(0.1, speed)
        self.tail_silence_s = tail_silence_s
        self.samplerate = float(kw["samplerate"])
        self.channels = int(kw.get("channels", 1))
        self.blocksize = int(kw.get("blocksize") or self.samplerate * BLOCK_S)
        self.callback = kw["callback"]
        self.finished_callback = kw.get("finished_callback")
        self.hold = threading.Event()
        self.ends_normally = True
        # what the room adds to the microphone (the coach's voice from a speaker), mixed
        # into the blocks from the next one on; see ``hear``
        self._room = np.zeros((0, self.channels), np.int16)
        self._room_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.samples = _decode_at(self.path, int(self.samplerate), self.channels)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="simulated-mic", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        n = self.blocksize
        tail = np.zeros((int(self.tail_silence_s * self.samplerate), self.channels), np.int16)
        data = np.concatenate([self.samples, tail])
        block_s = n / self.samplerate / self.speed
        next_t = time.monotonic()
        i = 0
        while i < len(data) and not self._stop.is_set():
            if self.hold.is_set():  # the candidate waits while the coach talks
                time.sleep(0.01)
                next_t = time.monotonic()
                continue
            block = data[i:i + n]
            if len(block) < n:
                block = np.concatenate([block, np.zeros((n - len(block), self.channels), np.int16)])
            block = self._mix_room(block)
            self.callback(block, n, None, None)
            i += n
            next_t += block_s
            delay = next_t - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        if self.finished_callback:
            self.finished_callback()

    def hear(self, samples: np.ndarray) -> None:
        """Sound reaching the microphone from the room, at the stream's rate: mixed into
        what the file plays, from the next block on (a test plays the coach's voice here)."""
        with self._room_lock:
            self._room = np.concatenate([self._room, samples.reshape(-1, self.channels)])

    def quiet_room(self) -> None:
        with self._room_lock:
            self._room = self._room[:0]

    @property
    def room_s(self) -> float:
        """Room sound still to come."""
        with self._room_lock:
            return len(self._room) / self.samplerate

    def _mix_room(self, block: np.ndarray) -> np.ndarray:
        with self._room_lock:
            if not len(self._room):
                return block
            add, self._room = self._room[: len(block)], self._room[len(block):]
        mixed = block.astype(np.int32)
        mixed[: len(add)] += add
        return np.clip(mixed, -32768, 32767).astype(np.int16)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    def close(self) -> None:
        self.stop()


def _decode_at(path: Path, rate_hz: int, channels: int) -> np.ndarray:
    import av

    from voice_coach.audio.io import _check_readable

    _check_readable(path)
    layout = "mono" if channels == 1 else "stereo"
    try:
        with av.open(str(path), metadata_errors="ignore") as c:
            if not c.streams.audio:
                raise BadInputError(f"{path}: the file has no audio stream.")
            r = av.AudioResampler(format="s16", layout=layout, rate=rate_hz)
            parts = []
            for frame in c.decode(c.streams.audio[0]):
                parts += [f.to_ndarray().reshape(-1, channels) for f in r.resample(frame)]
            parts += [f.to_ndarray().reshape(-1, channels) for f in r.resample(None)]
    except av.error.FFmpegError as exc:
        raise BadInputError(
            f"{path}: cannot decode for the simulated microphone ({exc}).") from None
    if not parts:
        raise BadInputError(f"{path}: the file holds no audio samples.")
    return np.concatenate(parts).astype(np.int16)


def simulated_factory(path: Path, speed: float) -> StreamFactory:
    def make(**kw: Any) -> InputStream:
        return SimulatedInputStream(path, speed=speed, **kw)

    return make


@contextlib.contextmanager
def audio_library_messages_to_log() -> Iterator[None]:
    """While a real device is in use, what PortAudio and ALSA print on the C library's stderr
    goes to the debug log.

    When a device goes away they print their internals ("Expression '...' failed in
    'src/hostapi/alsa/pa_linux_alsa.c'", "ALSA lib pulse.c:242:(pulse_connect) ... Connection
    refused"); a person gets one sentence from us instead. Only the C stdio stream is
    redirected: Python's own stderr (our messages, tracebacks) is untouched. Where the C
    library cannot be reached this way, nothing changes.

    The pipe's FILE is never closed: whatever took the ``stderr`` pointer while it was
    redirected keeps it and may write or flush it later (libstdc++ binds std::cerr to
    ``stderr`` when a C++ library's iostreams start, and flushes it when the process exits).
    A closed FILE there is freed memory, and the exit crashed (SIGSEGV, or glibc's "invalid
    stdio handle" abort) once the heap had reused it. Leaving, its descriptor becomes a copy
    of the real stderr: late writers reach the terminal, the pipe's reader sees the end, and
    one FILE per redirect stays allocated.
    """
    try:
        libc = ctypes.CDLL(None)
        c_stderr = ctypes.c_void_p.in_dll(libc, "stderr")
        libc.fdopen.restype = ctypes.c_void_p
        libc.fdopen.argtypes = [ctypes.c_int, ctypes.c_char_p]
        libc.setvbuf.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_size_t]
        libc.fflush.argtypes = [ctypes.c_void_p]
    except (OSError, ValueError, AttributeError):
        yield
        return
    r, w = os.pipe()
    pipe_file = libc.fdopen(w, b"w")
    if not pipe_file:
        os.close(r)
        os.close(w)
        yield
        return
    libc.setvbuf(pipe_file, None, 1, 0)  # line-buffered (_IOLBF), as a terminal would be

    def drain() -> None:
        with os.fdopen(r, "rb") as lines:
            for line in lines:
                log.debug("audio library: %s", line.decode(errors="replace").rstrip())

    reader = threading.Thread(target=drain, name="audio-library-messages", daemon=True)
    reader.start()
    old, c_stderr.value = c_stderr.value, pipe_file
    try:
        yield
    finally:
        c_stderr.value = old
        libc.fflush(pipe_file)
        os.dup2(2, w, inheritable=False)  # the pipe has no writer left: the reader ends
        reader.join(timeout=1)


def list_devices() -> Iterator[str]:
    sd = _sd()
    try:
        devices = sd.query_devices()
    except Exception as exc:  # noqa: BLE001
        raise DeviceError(f"cannot list audio devices ({exc}).") from None
    if len(devices) == 0:
        yield "no audio devices found (practice can still run with --simulate-mic FILE)"
        return
    for i, d in enumerate(devices):
        kinds = []
        if d["max_input_channels"] > 0:
            kinds.append(f"in:{d['max_input_channels']}")
        if d["max_output_channels"] > 0:
            kinds.append(f"out:{d['max_output_channels']}")
        yield f"{i:3d}  {d['name']}  ({', '.join(kinds)}, {d['default_samplerate']:.0f} Hz)"
