"""Browser figures: map bytes on the websocket and first map paint, in Debian's Chromium.

A visit opens a page in a fresh browser context, records every websocket frame
the page receives, and polls the st_folium iframe until Leaflet holds the
expected number of area layers ("painted"). The frames are Streamlit
ForwardMsgs; the ones carrying the st_folium element are the map's bytes.

The naive app's folium map asks CDNs for Leaflet, jQuery, Bootstrap and tiles,
which cannot load here: its Leaflet requests are answered with the app's own
Leaflet (static/vendor), its other CDN scripts and styles with empty files, and
tiles are refused, so the baseline paints from local files like the product.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlparse

from playwright.sync_api import Browser, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import Figure, Stats, wait_until_quiet
from bench.payload import VIEW, VIEWS, MapView
from bench.server import EMPTY_SCRIPT, NAIVE_SCRIPT, PRODUCT_SCRIPT, rss_mb, server
from geo.assets import LEAFLET_DIR
from tests.e2e import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS
from tests.tcp_proxy import TcpProxy

MAP_IFRAME = "iframe[src*='streamlit_folium']"
EMPTY_READY_TEXT = "bench-empty-ready"
EMPTY_READY_JS = "(text) => Boolean(document.body && document.body.innerText.includes(text))"
# Area layers Leaflet holds (the product's outline, code "TH", is not an area).
COUNT_AREAS_JS = """() => !window.map ? -1 : Object.values(window.map._layers)
    .filter(l => l.feature && !(l.feature.properties && l.feature.properties.c === "TH"))
    .length"""


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_url(base: str, path: str = "", params: dict[str, str] | None = None) -> str:
    url = f"{base}/{path}".rstrip("/")
    return f"{url}?{urlencode(params)}" if params else url


def _offline_cdn(route) -> None:
    """Serves the CDN requests of a folium page from local files (see module docstring)."""
    url = urlparse(route.request.url)
    if url.hostname in LOCAL_HOSTS:
        route.continue_()
        return
    name = url.path.rsplit("/", 1)[-1]
    if name in ("leaflet.js", "leaflet.css"):
        route.fulfill(path=str(LEAFLET_DIR / name))
    elif name.endswith(".js"):
        route.fulfill(body="", content_type="application/javascript")
    elif name.endswith(".css"):
        route.fulfill(body="", content_type="text/css")
    else:
        route.abort()


def _is_map_message(payload: bytes | str) -> bool:
    if isinstance(payload, str):
        return False
    message = ForwardMsg.FromString(payload)
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return False
    element = message.delta.new_element
    return (element.WhichOneof("type") == "component_instance"
            and "st_folium" in element.component_instance.component_name)


@dataclass(frozen=True)
class Visit:
    seconds: float  # from navigation start to painted (or ready, for the empty page)
    map_bytes: int  # websocket bytes of the frames carrying the map element
    websocket_bytes: int  # every websocket byte received
    areas: int


class Tab:
    """One browser context + page, recording the websocket frames it receives."""

    def __init__(self, browser: Browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 950})
        self.context.route("**/*", _offline_cdn)
        self.page = self.context.new_page()
        self.frames: list[bytes | str] = []
        self.page.on("websocket", self._listen)

    def _listen(self, websocket) -> None:
        websocket.on("framereceived", self._receive)

    def _receive(self, payload: bytes | str) -> None:
        self.frames.append(payload)

    def close(self) -> None:
        self.context.close()

    def map_areas(self) -> int:
        for frame in self.page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    return frame.evaluate(COUNT_AREAS_JS)
                except Exception:  # the frame is being replaced; look again
                    return -1
        return -1

    def visit_map(self, url: str, expected_areas: int, timeout: float = 120,
                  settle: float = 0.5) -> Visit:
        """Opens `url` and waits until its map shows `expected_areas` areas."""
        self.frames.clear()
        started = time.perf_counter()
        self.page.goto(url, wait_until="commit")
        deadline = started + timeout
        areas = -1
        while (areas := self.map_areas()) != expected_areas:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{url}: map shows {areas} areas, expected "
                                   f"{expected_areas}, after {timeout:.0f} s")
            self.page.wait_for_timeout(20)
        seconds = time.perf_counter() - started
        self.page.wait_for_timeout(settle * 1000)
        return Visit(seconds, self.map_bytes(), self.websocket_bytes(), areas)

    def visit_empty(self, url: str, timeout: float = 60) -> Visit:
        """Opens the empty page and waits for its text, polled as often as a map's areas
        (Playwright's own waiting backs off to 0.5 s between looks: boots would seem longer)."""
        self.frames.clear()
        started = time.perf_counter()
        self.page.goto(url, wait_until="commit")
        deadline = started + timeout
        while not self.page.evaluate(EMPTY_READY_JS, EMPTY_READY_TEXT):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{url}: the empty page did not show within {timeout:.0f} s")
            self.page.wait_for_timeout(20)
        seconds = time.perf_counter() - started
        return Visit(seconds, 0, self.websocket_bytes(), 0)

    def map_bytes(self) -> int:
        return sum(len(payload) for payload in self.frames if _is_map_message(payload))

    def websocket_bytes(self) -> int:
        return sum(len(payload) for payload in self.frames)


def fresh_visit(browser: Browser, url: str, expected_areas: int | None) -> Visit:
    """A first visit in a new context: nothing cached in the browser."""
    tab = Tab(browser)
    try:
        if expected_areas is None:
            return tab.visit_empty(url)
        return tab.visit_map(url, expected_areas)
    finally:
        tab.close()


# --- the figures ---------------------------------------------------------------------------

PAINT_BUDGET_SECONDS = {"national_province": 0.7, "national_tambons": 2.0}
COLD_START_BUDGET_SECONDS = 8.0
MEMORY_PER_SESSION_BUDGET_MB = 30.0


def _product_url(base: str, view: MapView) -> str:
    return page_url(base, "explorer", view.query())


# Presenter mode's national view: what is shown on a venue's screen (no sidebar, no table).
PRESENTER_QUERY = {"programme": "national"}


def _naive_url(base: str, view: MapView) -> str:
    return page_url(base, "", view.naive_query())


def _visit_after_boot(browser: Browser, empty_url: str, url: str,
                      areas: int) -> tuple[Visit, float]:
    """A fresh visit, and the boot of an empty page visited just before it.

    Each starts on idle cores, and the pair shares the machine's state of that moment, so
    load that comes and goes over the benchmark's minutes cancels out of their difference.
    """
    wait_until_quiet()
    boot = fresh_visit(browser, empty_url, None).seconds
    wait_until_quiet()
    return fresh_visit(browser, url, areas), boot


def bytes_and_paint(runs: int, env: dict[str, str] | None = None,
                    label: str = "", baseline: bool = True) -> list[Figure]:
    """Map bytes on the websocket and first paint beyond an empty page's boot, per view.

    Every round visits each view on the product and on the naive app, each in a fresh
    browser context right after an empty page's boot in another, all servers warm; each
    paint time is taken beyond the boot visited just before it.
    """
    samples: dict[tuple[str, str], list[tuple[Visit, float]]] = {}
    presenter: list[tuple[Visit, float]] = []
    sides = ("product", "naive") if baseline else ("product",)
    with (chromium() as browser, server(env=env) as product,
          server(NAIVE_SCRIPT, env=env) as naive, server(EMPTY_SCRIPT) as empty):
        urls = {"product": lambda view: _product_url(product.url, view),
                "naive": lambda view: _naive_url(naive.url, view)}
        for view in VIEWS:  # warm every server and cache once, not measured
            for side in sides:
                fresh_visit(browser, urls[side](view), view.areas)
        presenter_url = page_url(product.url, "presenter", PRESENTER_QUERY)
        national_areas = VIEW["national_province"].areas
        fresh_visit(browser, presenter_url, national_areas)
        fresh_visit(browser, empty.url, None)
        for _ in range(runs):
            presenter.append(_visit_after_boot(browser, empty.url, presenter_url,
                                               national_areas))
            for view in VIEWS:
                for side in sides:
                    samples.setdefault((view.key, side), []).append(
                        _visit_after_boot(browser, empty.url, urls[side](view), view.areas))
    boots = [boot for pairs in [presenter, *samples.values()] for _, boot in pairs]
    boot_note = (f"each minus the empty-page boot visited just before it (median "
                 f"{Stats.of(boots).median:.2f} s, {min(boots):.2f}–{max(boots):.2f} s)")

    def beyond_boot(pairs: list[tuple[Visit, float]]) -> Stats:
        return Stats.of([visit.seconds - boot for visit, boot in pairs])

    figures = []
    for view in VIEWS:
        product_visits = [visit for visit, _ in samples[view.key, "product"]]
        naive_visits = [visit for visit, _ in samples.get((view.key, "naive"), [])]
        page_bytes = Stats.of([v.websocket_bytes for v in product_visits]).median
        figures.append(Figure(
            f"map bytes on the websocket{label}: {view.title}", "B",
            Stats.of([v.map_bytes for v in product_visits]), view.budget_bytes,
            Stats.of([v.map_bytes for v in naive_visits]) if naive_visits else None,
            note=f"the whole page {page_bytes / 1e3:.0f} KB",
        ))
    for view in VIEWS:
        figures.append(Figure(
            f"first map paint beyond empty-page boot{label}: {view.title}", "s",
            beyond_boot(samples[view.key, "product"]), PAINT_BUDGET_SECONDS.get(view.key),
            beyond_boot(samples[view.key, "naive"]) if baseline else None,
            note=boot_note,
        ))
    figures.append(Figure(
        f"first map paint beyond empty-page boot{label}: presenter mode, national view (77)",
        "s", beyond_boot(presenter), PAINT_BUDGET_SECONDS["national_province"],
        note="the explorer rows above also draw 8 filters, the table and its exports"))
    return figures


WEBSOCKET_PATH = b"/_stcore/stream"


def wire_bytes(runs: int, env: dict[str, str] | None = None, label: str = "",
               baseline: bool = True) -> list[Figure]:
    """Websocket bytes as they cross the network (after deflate), per page visit.

    The browser reaches each server through a counting TCP relay; the websocket's
    connection is told apart by its request line. The whole page's websocket traffic is
    counted (map, filters, table), so it bounds the map's own share from above.
    """
    samples: dict[tuple[str, str], list[tuple[int, int]]] = {}
    sides = {"product": (PRODUCT_SCRIPT, _product_url)}
    if baseline:
        sides["naive"] = (NAIVE_SCRIPT, _naive_url)
    with ExitStack() as stack:
        browser = stack.enter_context(chromium())
        relays = {}
        for side, (script, _) in sides.items():
            running = stack.enter_context(server(script, env=env))
            relays[side] = TcpProxy("127.0.0.1", int(urlparse(running.url).port)).start()
            stack.callback(relays[side].stop)
        for round_ in range(runs + 1):  # the first round warms the servers
            for view in VIEWS:
                for side, (_, url_of) in sides.items():
                    relay = relays[side]
                    before = len(relay.traffic)
                    visit = fresh_visit(browser, url_of(_via(relay), view), view.areas)
                    on_wire = sum(traffic.to_client for traffic in relay.traffic[before:]
                                  if WEBSOCKET_PATH in traffic.request)
                    if round_:
                        samples.setdefault((view.key, side), []).append(
                            (on_wire, visit.websocket_bytes))
    figures = []
    for view in VIEWS:
        product_samples = samples[view.key, "product"]
        naive_samples = samples.get((view.key, "naive"))
        unpacked = Stats.of([unpacked for _, unpacked in product_samples]).median
        figures.append(Figure(
            f"websocket bytes on the wire, whole page{label}: {view.title}", "B",
            Stats.of([wire for wire, _ in product_samples]), view.budget_bytes,
            Stats.of([wire for wire, _ in naive_samples]) if naive_samples else None,
            note=f"{unpacked / 1e3:.0f} KB before deflate",
        ))
    return figures


def _via(relay: TcpProxy) -> str:
    return f"http://localhost:{relay.port}"


def cold_start(runs: int, env: dict[str, str] | None = None, label: str = "") -> Figure:
    """`streamlit run dashboard.py` start → the overview's province map painted.

    Boundaries are built and the registry seeded by a first start that is not
    counted; every counted start is a new server process.
    """
    seconds, serving = [], []
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch, chromium() as browser:
        folder = Path(scratch)
        for attempt in range(runs + 1):
            started = time.perf_counter()
            with server(env=env, folder=folder) as running:
                answered = time.perf_counter() - started
                fresh_visit(browser, running.url, VIEW["national_province"].areas)
                if attempt:
                    seconds.append(time.perf_counter() - started)
                    serving.append(answered)
    return Figure(f"cold start → first map paint{label}", "s", Stats.of(seconds),
                  COLD_START_BUDGET_SECONDS,
                  note=f"overview page, boundaries already built; the server answered "
                       f"its health check after {Stats.of(serving).median:.1f} s")


def _memory(script: str, url_of, view: MapView, sessions: int,
            env: dict[str, str] | None) -> tuple[float, float]:
    """RSS with one viewer, and the mean growth per extra viewer (pages kept open)."""
    with chromium() as browser, server(script, env=env) as running:
        tabs = []
        try:
            readings = []
            for _ in range(sessions):
                tab = Tab(browser)
                tabs.append(tab)
                tab.visit_map(url_of(running.url, view), view.areas)
                tab.page.wait_for_timeout(1000)
                readings.append(rss_mb(running.process.pid))
        finally:
            for tab in tabs:
                tab.close()
    return readings[0], (readings[-1] - readings[0]) / (sessions - 1)


def memory(sessions: int, env: dict[str, str] | None = None, label: str = "") -> list[Figure]:
    view = VIEW["national_tambons"]
    one, extra = _memory(PRODUCT_SCRIPT, _product_url, view, sessions, env)
    naive_one, naive_extra = _memory(NAIVE_SCRIPT, _naive_url, view, sessions, env)
    return [
        Figure(f"server memory (RSS), one viewer{label}", "MB", Stats.of([one]), None,
               Stats.of([naive_one]), note=f"viewing {view.title}"),
        Figure(f"server memory per extra viewer{label}", "MB", Stats.of([extra]),
               MEMORY_PER_SESSION_BUDGET_MB, Stats.of([naive_extra]),
               note=f"mean over {sessions - 1} extra sessions"),
    ]
