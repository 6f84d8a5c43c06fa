"""Browser fixtures: a real `streamlit run` on a free port and Debian's Chromium.

Loaded as a pytest plugin (see pyproject.toml) so every test file can use
`app_server` and `browser_page`. Every page records the requests it makes and
its console errors, so a test can assert that nothing left the machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ui.serve import ENTRY_POINT

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen
    log: Path
    env: dict[str, str]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_streamlit(tmp_dir: Path, env_overrides: dict[str, str] | None = None,
                    script: str = ENTRY_POINT, timeout: float = 60) -> StreamlitServer:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_dir / 'registry.sqlite'}",
           **(env_overrides or {})}
    log = tmp_dir / f"streamlit-{port}.log"
    # The dashboard starts as scripts/start starts it; the benchmark's own apps bare.
    command = ([sys.executable, "-m", "ui.serve"] if script == ENTRY_POINT
               else [sys.executable, "-m", "streamlit", "run", script])
    process = subprocess.Popen(
        [*command, "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return StreamlitServer(url, process, log, env)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not answer within {timeout} s:\n{log.read_text()}")


@dataclass
class PageRecord:
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlparse(url).scheme in ("http", "https", "ws", "wss")
                and urlparse(url).hostname not in LOCAL_HOSTS]


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[StreamlitServer]:
    server = start_streamlit(tmp_path_factory.mktemp("app"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh page that records requests, console errors and dialogs."""
    context = chromium.new_context(viewport={"width": 1400, "height": 950},
                                   accept_downloads=True)
    page = context.new_page()
    record = PageRecord()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: record.console_errors.append(msg.text)
            if msg.type == "error" else None)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))

    def on_dialog(dialog):
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.record = record
    yield page
    context.close()


def map_frame(page, timeout_ms: int = 30_000):
    """The st_folium iframe, once Leaflet has drawn the choropleth in it and the app is idle.

    Idle matters to a test that clicks next: the map reruns the app as it first reports
    its state, and a click made before that run ends can be lost.
    """
    page.wait_for_selector("iframe[src*='streamlit_folium']", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url and drawn_codes(frame):
                wait_until_idle(page, timeout_ms)
                return frame
        time.sleep(0.2)
    raise AssertionError("the map did not draw any area")


def wait_until_idle(page, timeout_ms: int = 30_000, quiet_ms: int = 500) -> None:
    """Until the app's script has not been running for `quiet_ms` (Streamlit marks its
    state on the app's root element)."""
    state = "() => document.querySelector('[data-testid=stApp]')" \
            "?.getAttribute('data-test-script-state')"
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        if page.evaluate(state) in (None, "initial", "running"):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_ms / 1000:
            return
        time.sleep(0.05)
    raise AssertionError("the app kept running")


def drawn_codes(frame) -> list[str]:
    """Codes of the areas Leaflet drew (canvas renderer: read from its layers)."""
    return frame.evaluate(
        """() => !window.map ? [] : Object.values(window.map._layers)
              .filter(l => l.feature && /^\\d+$/.test(l.feature.properties.c))
              .map(l => l.feature.properties.c)"""
    )


def fill_colours(frame) -> dict[str, str]:
    return frame.evaluate(
        """() => Object.fromEntries(Object.values(window.map._layers)
              .filter(l => l.feature && /^\\d+$/.test(l.feature.properties.c))
              .map(l => [l.feature.properties.c, l.options.fillColor]))"""
    )


ARTIFACTS_DIR = PROJECT_ROOT / "test-artifacts"


def screenshot(page, tmp_path: Path, name: str, full_page: bool = True) -> Path:
    """Saves a screenshot in the test's tmp dir and in test-artifacts/ for people to look at."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    (ARTIFACTS_DIR / path.name).write_bytes(path.read_bytes())
    return path


class HeldLink:
    """Relays Streamlit's websocket, holding the server's messages while asked to."""

    def __init__(self):
        self.held: list = []
        self.holding = False
        self.browser_side = None

    def relay(self, browser_side):
        self.browser_side = browser_side
        server_side = browser_side.connect_to_server()
        server_side.on_message(self._to_browser)
        browser_side.on_message(server_side.send)

    def _to_browser(self, message):
        if self.holding:
            self.held.append(message)
        else:
            self.browser_side.send(message)

    def hold(self):
        self.holding = True

    def release(self):
        self.holding = False
        for message in self.held:
            self.browser_side.send(message)
        self.held.clear()
