"""A user-space PulseAudio sound server for the device tests: one null sink as the room.

The default output is the sink and the default input is the sink's monitor, so the microphone
hears what the coach plays, as in a room, and a candidate's answer played into the sink with
``paplay`` reaches the microphone too. PortAudio reaches the server through ALSA's pulse plugin
(libasound2-plugins): ALSA's ``default`` device leads to PulseAudio while a server runs.

The server runs with a runtime folder of the test's own (XDG_RUNTIME_DIR, PULSE_RUNTIME_PATH),
anonymous auth on its socket (no cookie to share), client autospawn off (a stopped server stays
stopped), and is stopped by its process id. As root, pulseaudio warns that it is not meant to
run as root outside --system mode, and runs.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

PACKAGES = "pulseaudio pulseaudio-utils libasound2-plugins"
RATE_HZ = 44100

CONFIG = """\
load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
load-module module-null-sink sink_name=room rate={rate} channels=2 \
sink_properties=device.description=Room
set-default-sink room
set-default-source room.monitor
"""


class PulseUnavailable(Exception):
    """Why a PulseAudio server cannot be run here (the test skips with this reason)."""


class PulseServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime = root / "run"
        self.socket = self.runtime / "pulse" / "native"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = root / "pulseaudio.log"
        client = root / "client.conf"
        client.parent.mkdir(parents=True, exist_ok=True)
        client.write_text("autospawn = no\n")
        # what every client (voice-coach, paplay, pactl) needs to find this server only
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime),
                    "PULSE_RUNTIME_PATH": str(self.runtime / "pulse"),
                    "PULSE_SERVER": f"unix:{self.socket}", "PULSE_CLIENTCONFIG": str(client)}

    def start(self, timeout_s: float = 10.0) -> PulseServer:
        exe = shutil.which("pulseaudio")
        if not exe or not shutil.which("paplay") or not shutil.which("pactl"):
            raise PulseUnavailable(f"PulseAudio is not installed (`make test` installs "
                                   f"{PACKAGES})")
        if not glob.glob("/usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so") and \
                not glob.glob("/usr/lib/alsa-lib/libasound_module_pcm_pulse.so"):
            raise PulseUnavailable("ALSA's pulse plugin is missing (apt-get install "
                                   "libasound2-plugins): PortAudio cannot reach PulseAudio")
        (self.runtime / "pulse").mkdir(parents=True, exist_ok=True)
        os.chmod(self.runtime, 0o700)
        config = self.root / "room.pa"
        config.write_text(CONFIG.format(socket=self.socket, rate=RATE_HZ))
        home = self.root / "home"  # the server's cookie and state stay in the test's folder
        home.mkdir(exist_ok=True)
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [exe, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
                 "--system=no", "-F", str(config), "--log-target=stderr"],
                env={**self.env, "HOME": str(home)}, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            if self.pactl("get-default-source").strip() == "room.monitor":
                return self
            time.sleep(0.1)
        self.stop()
        tail = self.log.read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise PulseUnavailable(f"PulseAudio did not start: {tail[0]}")

    def pactl(self, *args: str) -> str:
        proc = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              timeout=10)
        return proc.stdout if proc.returncode == 0 else ""

    def streams(self, kind: str) -> int:
        """How many playback ("sink-inputs") or recording ("source-outputs") streams are open."""
        return len([x for x in self.pactl("list", "short", kind).splitlines() if x.strip()])

    def stop(self) -> None:
        """Stop the server by its process id (and only it)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.kill(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


def measure_echo_tail(trials: int = 3) -> dict[str, float]:
    """How long after the coach's playback returns the microphone still hears it: a 0.5 s tone
    is played with the coach's own playback call while an input stream at the device's rate
    listens; the tail is how long after playback returned a block still carrying the tone
    ended (was handed to the callback): a gate whose tail is at least this drops every such
    block. Run in a child process (PortAudio lists devices once, when it starts)."""
    import wave

    import numpy as np
    import sounddevice as sd

    from voice_coach.tts import play_wav

    rate = int(sd.query_devices(kind="input")["default_samplerate"])
    block = int(rate * 0.03)
    t = np.arange(8000) / 16000  # 0.5 s
    tone = (np.sin(2 * np.pi * 440 * t) * 12000).astype(np.int16)
    wav = Path(os.environ.get("TMPDIR", "/tmp")) / f"tone-{os.getpid()}.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(tone.tobytes())
    blocks: list[tuple[float, float]] = []

    def callback(indata, frames, time_info, status) -> None:  # type: ignore[no-untyped-def]
        blocks.append((time.monotonic(), float(np.abs(indata).mean())))

    tails = []
    try:
        for _ in range(trials):
            blocks.clear()
            with sd.InputStream(samplerate=rate, channels=1, dtype="int16", blocksize=block,
                                callback=callback):
                time.sleep(0.2)
                if not play_wav(wav):
                    raise RuntimeError("the tone did not play")
                returned = time.monotonic()
                time.sleep(0.5)  # ten times the tails measured on a null sink
            loud = [end for end, level in blocks if level > 100]  # the tone's is ~7600
            if not loud:
                raise RuntimeError("the microphone never heard the tone")
            tails.append(max(0.0, max(loud) - returned))
    finally:
        wav.unlink(missing_ok=True)
    return {"rate_hz": rate, "tail_s": max(tails), "trials": trials}


if __name__ == "__main__":
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(measure_echo_tail()))
