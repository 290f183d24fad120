"""The HTML report: escaping, self-containment, the embedded audio, and (in headless Chromium,
when installed) that clicking a flag seeks the player and that injected markup never runs."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from voice_coach.audio.io import write_wav_atomic
from voice_coach.report import html as report_html
from voice_coach.report.html import write_html_report
from voice_coach.session import load_session

RATE = 16000
AUDIO_S = 8.0
XSS = "<script>alert(1)</script>"
PWN = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


def _tone(seconds: float, rate: int = RATE) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (0.2 * np.sin(2 * np.pi * 220 * t) * 32767).astype(np.int16).tobytes()


def _session(audio: Path) -> dict[str, Any]:
    sentences = [
        {"text": "Let me start with the member.", "phase": "other", "start_s": 0.0, "end_s": 1.2},
        {"text": f"A member wants {XSS} something new.", "phase": "clarify_goal",
         "start_s": 1.4, "end_s": 3.0},
        {"text": f"The metric is plays {PWN} per visit.", "phase": "metrics",
         "start_s": 3.2, "end_s": 5.0},
        {"text": "A & B test it, then roll back if plays drop.", "phase": "x</script>phase",
         "start_s": 5.3, "end_s": 7.6},
    ]
    flags = [
        {"id": "no_guardrail", "severity": "high",
         "evidence": {"quote": f"The metric is plays {PWN} per visit.", "start_s": 3.2},
         "advice": "Pair the metric with a guardrail <b>now</b>.", "prompted": False},
        {"id": "no_tradeoff", "severity": "medium",
         "evidence": {"quote": f"(not said) expected before: {XSS}", "start_s": 5.3},
         "advice": "Say a trade-off & why you accept it.", "prompted": True},
        {"id": "odd</script>flag", "severity": "\"><script>alert(2)</script>",
         "evidence": {"quote": "Let me start", "start_s": 0.0},
         "advice": "Injected severity and id.", "prompted": False},
    ]
    return {
        "schema_version": 1, "kind": "practice", "created": "2026-03-01T09:30:00+0000",
        "prompt": {"id": "t", "text": f"Design <i>recommendations</i> {XSS}", "system": "general"},
        "source": "microphone", "audio": str(audio), "model": "tiny.en",
        "words": [{"text": "Let", "start_s": 0.0, "end_s": 0.2, "prob": 0.9}],
        "sentences": sentences, "flags": flags,
        "strengths": [f"You named the member {XSS}.", "You kept v1 small."],
        "metrics": {"duration_s": AUDIO_S, "words": 40, "wpm": 150.0, "filler_per_min": 1.5,
                    "fillers": 2, "long_pauses": 0,
                    "phase_durations_s": {"other": 1.2, "clarify_goal": 1.6, "metrics": 1.8,
                                          "x</script>phase": 2.3},
                    "time_to_member_goal_s": 1.4, "timing_estimated": False},
        "feedback": {"spoken": f"Here is my feedback {XSS}.", "engine": "espeak", "wav": None},
        "turns": [{"question": f"Design it {XSS}", "probe": None,
                   "audio": {"path": "audio.wav", "start_s": 0.0, "end_s": 5.0}},
                  {"question": "What would you <b>not</b> build?", "probe": "no_scope",
                   "audio": {"path": "audio.wav", "start_s": 5.2, "end_s": 8.0}}],
    }


@pytest.fixture()
def session_dir(tmp_path: Path) -> Path:
    d = tmp_path / "session"
    d.mkdir()
    write_wav_atomic(d / "audio.wav", _tone(AUDIO_S))
    (d / "session.json").write_text(json.dumps(_session(d / "audio.wav")), encoding="utf-8")
    return d


def _report(session_dir: Path, out: Path | None = None) -> tuple[Path, str]:
    out = out or session_dir / "report.html"
    path = write_html_report(load_session(session_dir), session_dir, out)
    return path, path.read_text(encoding="utf-8")


def _audio_src(page: str) -> str:
    m = re.search(r'<audio id="vc-audio"[^>]*\ssrc="([^"]*)"', page)
    assert m, "no player"
    return m.group(1)


def _wav_of(uri: str) -> tuple[int, int, float]:
    assert uri.startswith("data:audio/wav;base64,")
    raw = base64.b64decode(uri.split(",", 1)[1], validate=True)
    with wave.open(io.BytesIO(raw)) as w:
        return w.getframerate(), w.getnchannels(), w.getnframes() / w.getframerate()


# ------------------------------------------------------------------------- pure checks


def test_injected_markup_is_escaped(session_dir: Path) -> None:
    _, page = _report(session_dir)
    assert len(re.findall(r"<script", page, re.I)) == 2  # our JSON block and our script
    assert len(re.findall(r"</script", page, re.I)) == 2
    assert "<img" not in page.lower()
    assert "alert(1)</script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert 'onerror="' not in page
    assert "&lt;b&gt;now&lt;/b&gt;" in page
    assert "A &amp; B test it" in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "&lt;i&gt;recommendations&lt;/i&gt;" in title.group(1)


def test_json_block_is_inert_and_parses(session_dir: Path) -> None:
    _, page = _report(session_dir)
    m = re.search(r'<script type="application/json" id="vc-data">(.*?)</script>', page, re.S)
    assert m
    assert "<" not in m.group(1) and ">" not in m.group(1)
    data = json.loads(m.group(1))
    assert data["duration_s"] == pytest.approx(AUDIO_S)
    assert "X</script>phase" in data["phases"]  # the untrusted phase name survives, escaped
    assert [s[0] for s in data["sentences"]] == [0.0, 1.4, 3.2, 5.3]


def test_content_security_policy_allows_only_our_script(session_dir: Path) -> None:
    _, page = _report(session_dir)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp and "default-src 'none'" in csp.group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp.group(1)


def test_self_contained_no_network(session_dir: Path) -> None:
    _, page = _report(session_dir)
    low = page.lower()
    for bad in ('src="http', "src='http", 'href="http', "href='http", "url(http", "url('http",
                'url("http', "@import", "<link", "<iframe", "http://", "https://", "//cdn"):
        assert bad not in low, bad
    rate, channels, seconds = _wav_of(_audio_src(page))
    assert (rate, channels) == (RATE, 1)
    assert seconds == pytest.approx(AUDIO_S, abs=0.01)


def test_every_flag_listed_and_seekable(session_dir: Path) -> None:
    session = load_session(session_dir)
    _, page = _report(session_dir)
    cards = re.findall(r'<li class="flag sev-(\w+)" id="flag-(\d+)" data-seek="([\d.]+)"', page)
    assert [(c[1], float(c[2])) for c in cards] == [
        (str(i), f["evidence"]["start_s"]) for i, f in enumerate(session["flags"], 1)]
    assert [c[0] for c in cards] == ["high", "medium", "other"]  # injected severity not a class
    for f in session["flags"]:
        assert report_html.html.escape(f["id"]) in page
        assert report_html.html.escape(f["advice"]) in page
    assert page.count("only when asked</span>") == 1
    assert "not said" in page and "expected before 00:05" in page


def test_strengths_come_before_fixes_and_sections_present(session_dir: Path) -> None:
    _, page = _report(session_dir)
    order = [page.index(h) for h in ("What went well", "What to fix", "Delivery", "Transcript")]
    assert order == sorted(order)
    assert "words/min" in page and "Time per phase" in page
    assert 'class="tl-seg"' in page and 'class="legend"' in page
    assert page.count('class="s"') == 4
    assert "Follow-up 1" in page and "What would you &lt;b&gt;not&lt;/b&gt; build?" in page
    assert "1 March 2026" in page


def test_missing_audio_still_renders(session_dir: Path) -> None:
    (session_dir / "audio.wav").unlink()
    _, page = _report(session_dir)
    assert 'id="vc-audio"' not in page and "data:audio" not in page
    assert "was not found" in page
    assert page.count('class="flag ') == 3 and "Transcript" in page


def test_audio_moved_falls_back_to_session_dir(tmp_path: Path, session_dir: Path) -> None:
    moved = tmp_path / "moved"
    shutil.move(str(session_dir), moved)
    session = load_session(moved)
    assert not Path(session["audio"]).exists()
    out = write_html_report(session, moved, tmp_path / "r" / "deep" / "report.html")
    page = out.read_text(encoding="utf-8")
    assert _wav_of(_audio_src(page))[0] == RATE


def test_unreadable_audio_is_a_note(session_dir: Path) -> None:
    (session_dir / "audio.wav").write_bytes(b"RIFF\x00\x00not a wav")
    _, page = _report(session_dir)
    assert 'id="vc-audio"' not in page and "could not be read" in page


def test_long_recording_embedded_at_8khz(session_dir: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.setattr(report_html, "DOWNSAMPLE_ABOVE_S", 5.0)
    _, page = _report(session_dir)
    rate, channels, seconds = _wav_of(_audio_src(page))
    assert (rate, channels) == (8000, 1)
    assert seconds == pytest.approx(AUDIO_S, abs=0.01)
    assert "8 kHz" in page


def test_halving_keeps_speech_band_and_drops_aliases() -> None:
    low = np.frombuffer(report_html._halve_rate(_tone(1.0)), dtype=np.int16)
    assert len(low) == RATE // 2
    assert np.abs(low[200:-200]).max() == pytest.approx(0.2 * 32767, rel=0.05)
    t = np.arange(RATE) / RATE
    hiss = (0.2 * np.sin(2 * np.pi * 6000 * t) * 32767).astype(np.int16).tobytes()
    aliased = np.frombuffer(report_html._halve_rate(hiss), dtype=np.int16)
    assert np.abs(aliased[200:-200]).max() < 0.01 * 32767  # 6 kHz would fold to 2 kHz


def test_written_atomically(session_dir: Path) -> None:
    out, _ = _report(session_dir)
    first = out.stat().st_ino
    out2, _ = _report(session_dir)
    assert out2 == out and out.stat().st_ino != first  # replaced by rename, not rewritten
    assert not [p for p in session_dir.iterdir() if p.name.endswith(".tmp")]


def test_minimal_session(tmp_path: Path) -> None:
    session = {"schema_version": 1, "words": [], "sentences": [], "flags": [],
               "metrics": {}}
    out = write_html_report(session, tmp_path, tmp_path / "r.html")
    page = out.read_text(encoding="utf-8")
    assert "No transcript" in page and "No flags" in page and "<h1>Mock interview</h1>" in page


# ------------------------------------------------------------------------------ browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("headless browser test needs /usr/bin/chromium (apt-get install chromium)")
    if not CHROMEDRIVER.exists():
        pytest.skip("headless browser test needs /usr/bin/chromedriver "
                    "(apt-get install chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("headless browser test needs selenium (pip install selenium)")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download a driver
    profile = tempfile.mkdtemp(prefix="vc-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _poll(fn, timeout_s: float = 5.0):
    end = time.monotonic() + timeout_s
    value = fn()
    while not value and time.monotonic() < end:
        time.sleep(0.1)
        value = fn()
    return value


def _no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert  # noqa: B018
    except NoAlertPresentException:
        return True
    return False


def test_browser_flag_click_seeks_audio(browser, session_dir: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out, _ = _report(session_dir)
    browser.set_window_size(1280, 900)
    browser.get(out.as_uri())
    assert _poll(lambda: browser.execute_script(
        "return document.getElementById('vc-audio').readyState >= 1")), "audio never loaded"
    assert _no_alert(browser)
    assert browser.execute_script("return window.__pwned === undefined")
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000

    flag = browser.find_element(By.ID, "flag-1")
    target = float(flag.get_attribute("data-seek"))
    assert target > 1.0
    flag.click()

    def moved() -> bool:
        t = browser.execute_script("return document.getElementById('vc-audio').currentTime")
        return target - 0.05 <= t <= target + 1.5

    assert _poll(moved), "clicking the flag did not seek the audio"

    seg = browser.find_elements(By.CSS_SELECTOR, ".tl-seg")[-1]
    seg_t = float(seg.get_attribute("data-seek"))
    seg.click()
    assert _poll(lambda: abs(browser.execute_script(
        "return document.getElementById('vc-audio').currentTime") - seg_t) < 1.0)
    assert _no_alert(browser)
    assert browser.execute_script("return window.__pwned === undefined")
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not severe, severe


def test_browser_narrow_width_has_no_sideways_scroll(browser, session_dir: Path,
                                                    tmp_path: Path) -> None:
    out, _ = _report(session_dir)
    browser.set_window_size(390, 844)
    browser.get(out.as_uri())
    width = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    browser.save_screenshot(str(tmp_path / "report-narrow.png"))
    assert width[0] <= width[1], f"page is {width[0]} px wide in a {width[1]} px window"
