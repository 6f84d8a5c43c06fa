"""Scale: every page at S (the seeds), M and L registries, on SQLite and PostgreSQL.

    python -m bench scale                       # S, M, L × SQLite, PostgreSQL, browsers
    python -m bench scale --sizes L --backends sqlite --no-browser   # fast, for development

Per size and page: server time of a new session's first visit (the map-first run plus
the run after the map painted, caches of the process warm) and of a warm rerun; bytes per
visit (every ForwardMsg those runs send, before deflate); and, with browsers, the RSS of
one server after 10 Chromium viewers each opened every page. Server times and bytes come
from the pages run in this process (AppTest), so they count the server's work alone.
Registries are bench.generate's; PostgreSQL ones live in a uniquely named database on
BENCH_POSTGRES_URL's server (default 127.0.0.1:5432), dropped afterwards.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

import settings
from bench.common import busy_share, cpu_times, quiet_streamlit, wait_until_quiet
from bench.generate import SIZES, Counts, build

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@dataclass(frozen=True)
class Page:
    """A page as a viewer opens it, generated (synthetic) programmes shown: the explorer
    by its URL, the overview and partners by their toggle (`synthetic_toggle`)."""

    key: str
    script: str
    query: dict[str, str] = field(default_factory=dict)
    url_path: str = ""
    synthetic_toggle: str | None = None


PAGES = (
    Page("overview", "pages/overview.py", synthetic_toggle="overview_synthetic"),
    Page("explorer, national tambons", "pages/explorer.py",
         {"level": "subdistrict", "synthetic": "1"}, url_path="explorer"),
    Page("partners", "pages/partners.py", url_path="partners",
         synthetic_toggle="partners_synthetic"),
    Page("programme", "pages/programme.py", url_path="programme"),
)

# Budgets at L, warm, on this machine (2 cores).
WARM_BUDGET_S = 1.0
FIRST_BUDGET_S = 2.0
BYTES_BUDGET = 1_000_000
GROWTH_BUDGET = 3.0
RSS_BUDGET_MB = 1000
VIEWERS = 10


@contextmanager
def counted_bytes() -> Iterator[list[int]]:
    """Counts the bytes of every ForwardMsg queued for a browser while the block runs.

    A large element sent again unchanged (the map, on the run after it painted) reaches a
    browser as a reference to the copy it holds (Streamlit's message cache, elements from
    `global.minCachedMessageSize` up): it is counted as that reference.
    """
    from streamlit.runtime.forward_msg_cache import create_reference_msg

    sizes: list[int] = []
    sent: set[str] = set()
    original = ForwardMsgQueue._before_enqueue_msg

    def count(message) -> None:
        if message.metadata.cacheable and message.hash in sent:
            sizes.append(create_reference_msg(message).ByteSize())
        else:
            sizes.append(message.ByteSize())
            if message.metadata.cacheable:
                sent.add(message.hash)
        if original:
            original(message)

    ForwardMsgQueue._before_enqueue_msg = count
    try:
        yield sizes
    finally:
        ForwardMsgQueue._before_enqueue_msg = original


@dataclass
class Visit:
    seconds: float  # server time of the visit's runs
    bytes: int


def _app(page: Page):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(settings.PROJECT_ROOT / page.script), default_timeout=600)
    app.query_params.update(page.query)
    if page.synthetic_toggle:
        app.session_state[page.synthetic_toggle] = True
    return app


def _checked(app, page: Page):
    if app.exception:
        raise RuntimeError(f"{page.script} failed: {app.exception[0].message}")
    return app


def first_visit(page: Page) -> tuple[Visit, object]:
    """A new session's visit: the run that sends the map, then the run after it painted."""
    from tests.painted import maps_painted

    app = _app(page)
    with counted_bytes() as sizes:
        started = time.perf_counter()
        _checked(app.run(), page)
        maps_painted(app)
        _checked(app.run(), page)
        seconds = time.perf_counter() - started
    return Visit(seconds, sum(sizes)), app


def visit_bytes(page: Page) -> int:
    """Bytes a new session's visit to `page` sends (deterministic; the budget test's figure)."""
    return first_visit(page)[0].bytes


def warm_reruns(app, page: Page, runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        _checked(app.run(), page)
        seconds.append(time.perf_counter() - started)
    return seconds


@dataclass
class PageFigures:
    first: list[float]
    warm: list[float]
    bytes: int


# Seconds a timed visit waits for idle cores (others' work on a shared machine) before
# it starts anyway; how busy the cores were is printed with the figures.
QUIET_WAIT_S = 5


def measure_pages(runs: int) -> dict[str, PageFigures]:
    """Every page on the registry DATABASE_URL names, process caches warmed by one visit;
    each timed visit and its reruns start once the cores are quiet (or QUIET_WAIT_S)."""
    quiet_streamlit()
    figures = {}
    for page in PAGES:
        first_visit(page)  # the process's first look at this registry and page
        firsts, warms, sizes = [], [], []
        for _ in range(runs):
            wait_until_quiet(timeout=QUIET_WAIT_S)
            visit, app = first_visit(page)
            firsts.append(visit.seconds)
            sizes.append(visit.bytes)
            wait_until_quiet(timeout=QUIET_WAIT_S)
            warms += warm_reruns(app, page, 2)
        if len(set(sizes)) != 1:
            raise RuntimeError(f"{page.key}: bytes per visit differ between visits: {sizes}")
        figures[page.key] = PageFigures(firsts, warms, sizes[0])
        print(f"    {page.key}: first {statistics.median(firsts):.2f} s, warm "
              f"{statistics.median(warms):.2f} s, {sizes[0] / 1e3:,.0f} KB", flush=True)
    return figures


# --- browsers: RSS of one server with 10 viewers ----------------------------------------

def _finished_runs(frames) -> int:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished = 0
    for payload in frames:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if (message.WhichOneof("type") == "script_finished"
                    and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY):
                finished += 1
    return finished


def _settled(tab, started: float, timeout: float = 180, quiet: float = 1.0) -> float:
    """Waits until a run has finished and nothing has come for `quiet` seconds; returns
    seconds from `started` to the last frame."""
    last_count, last_change = 0, time.perf_counter()
    while True:
        now = time.perf_counter()
        if len(tab.frames) != last_count:
            last_count, last_change = len(tab.frames), now
        elif _finished_runs(tab.frames) and now - last_change > quiet:
            return last_change - started
        if now - started > timeout:
            raise TimeoutError(f"{tab.page.url}: not finished after {timeout:.0f} s")
        tab.page.wait_for_timeout(50)


def _open(tab, page: Page, base_url: str) -> float:
    """Opens `page` as bench viewers see it (generated programmes shown: its toggle
    switched on) and waits until it settled; seconds from navigation to its last frame."""
    from bench.browser import page_url
    from views.text import t

    tab.frames.clear()
    started = time.perf_counter()
    tab.page.goto(page_url(base_url, page.url_path, page.query), wait_until="commit")
    seconds = _settled(tab, started)
    if page.synthetic_toggle:
        toggle = tab.page.get_by_text(t("synthetic_toggle", "th"), exact=True)
        if toggle.is_enabled():
            tab.frames.clear()
            clicked = time.perf_counter()
            toggle.click()
            seconds += _settled(tab, clicked)
    return seconds


def viewers_rss(database_url: str, viewers: int = VIEWERS) -> tuple[float, dict[str, float]]:
    """RSS (MB) of one server after `viewers` Chromium tabs each opened every page (tabs
    stay open), and the first viewer's seconds from navigation to each page's last frame."""
    from bench.browser import Tab, chromium
    from bench.server import rss_mb, server

    ready: dict[str, float] = {}
    with chromium() as browser, server(env={"DATABASE_URL": database_url}) as running:
        tabs = []
        try:
            for viewer in range(viewers):
                tab = Tab(browser)
                tabs.append(tab)
                for page in PAGES:
                    seconds = _open(tab, page, running.url)
                    if viewer == 0:
                        ready[page.key] = seconds
            return rss_mb(running.process.pid), ready
        finally:
            for tab in tabs:
                tab.close()


# --- registries ---------------------------------------------------------------------------

@contextmanager
def registry(backend: str, size: str, scratch: Path) -> Iterator[tuple[str, Counts]]:
    """A generated registry of `size` on `backend`; PostgreSQL's is dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{scratch / f'scale-{size}.sqlite'}"
        yield url, build(url, SIZES[size])
        return
    server = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    name = f"bench_scale_{size.lower()}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        yield url, build(url, SIZES[size])
    finally:
        from ui.data import _engine

        _engine.clear()  # its pooled connections would hold the database open
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- the report ---------------------------------------------------------------------------

@dataclass
class Result:
    backend: str
    size: str
    counts: Counts
    pages: dict[str, PageFigures]
    rss_mb: float | None = None
    ready: dict[str, float] = field(default_factory=dict)
    busy: float = 0.0  # share of the machine's CPU time in use while the pages were timed
    load: float = 0.0  # 1-minute load average when they were done


def _median(values: list[float]) -> float:
    return statistics.median(values)


def report(results: list[Result]) -> tuple[str, bool]:
    """The S/M/L table per back end, with the budgets at L; whether every budget holds."""
    lines, ok = [], True
    for backend in dict.fromkeys(r.backend for r in results):
        mine = {r.size: r for r in results if r.backend == backend}
        sizes = [s for s in SIZES if s in mine]
        lines.append(f"\n{backend}: " + "; ".join(
            f"{s} = {mine[s].counts.programmes:,} programmes, {mine[s].counts.village_rows:,} "
            f"village rows in {mine[s].counts.provinces} provinces, "
            f"{mine[s].counts.organisations:,} organisations, "
            f"{mine[s].counts.partner_roles:,} partner roles" for s in sizes))
        lines.append("machine while timed: " + "; ".join(
            f"{s} cores {mine[s].busy:.0%} busy, load average {mine[s].load:.1f}"
            for s in sizes))
        lines.append("")
        lines.append("| page: server s first / warm · KB per visit | "
                     + " | ".join(sizes) + " | budget at L | ok |")
        lines.append("|---|" + "---|" * len(sizes) + "---|---|")
        for page in PAGES:
            cells = []
            for s in sizes:
                f = mine[s].pages[page.key]
                cells.append(f"{_median(f.first):.2f} / {_median(f.warm):.2f} · "
                             f"{f.bytes / 1e3:,.0f}")
            verdict = ""
            if "L" in mine:
                f = mine["L"].pages[page.key]
                checks = [_median(f.warm) <= WARM_BUDGET_S, _median(f.first) <= FIRST_BUDGET_S,
                          f.bytes <= BYTES_BUDGET]
                if "S" in mine:
                    growth = _median(f.warm) / _median(mine["S"].pages[page.key].warm)
                    checks.append(growth <= GROWTH_BUDGET)
                    cells_growth = f"growth S→L {growth:.1f}×"
                else:
                    cells_growth = ""
                verdict = "yes" if all(checks) else "**NO**"
                ok &= all(checks)
                cells.append(f"warm ≤ {WARM_BUDGET_S:.0f} s, first ≤ {FIRST_BUDGET_S:.0f} s, "
                             f"≤ 1 MB, growth ≤ 3× ({cells_growth})")
            else:
                cells.append("")
            lines.append(f"| {page.key} | " + " | ".join(cells) + f" | {verdict} |")
        if any(mine[s].rss_mb is not None for s in sizes):
            rss = " | ".join(f"{mine[s].rss_mb:,.0f}" if mine[s].rss_mb else "—" for s in sizes)
            verdict = ""
            if "L" in mine and mine["L"].rss_mb:
                within = mine["L"].rss_mb <= RSS_BUDGET_MB
                ok &= within
                verdict = "yes" if within else "**NO**"
            lines.append(f"| RSS MB, one server, {VIEWERS} viewers × every page | {rss} | "
                         f"≤ {RSS_BUDGET_MB} MB | {verdict} |")
            ready = " | ".join(" / ".join(f"{mine[s].ready.get(p.key, 0):.1f}" for p in PAGES)
                               if mine[s].ready else "—" for s in sizes)
            lines.append(f"| browser: navigation → last frame, s (overview / explorer / "
                         f"partners / programme) | {ready} | | |")
    return "\n".join(lines), ok


def run(sizes: list[str], backends: list[str], runs: int, browsers: bool) -> int:
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        for backend in backends:
            for size in sizes:
                print(f"… {backend} {size}", flush=True)
                started = time.perf_counter()
                with registry(backend, size, Path(scratch)) as (url, counts):
                    print(f"  generated in {time.perf_counter() - started:.0f} s: {counts}",
                          flush=True)
                    os.environ["DATABASE_URL"] = url
                    before = cpu_times()
                    result = Result(backend, size, counts, measure_pages(runs))
                    result.busy = busy_share(before, cpu_times())
                    result.load = os.getloadavg()[0]
                    print(f"    cores {result.busy:.0%} busy, load average "
                          f"{result.load:.1f}", flush=True)
                    if browsers:
                        result.rss_mb, result.ready = viewers_rss(url)
                        print(f"    RSS {result.rss_mb:.0f} MB; ready {result.ready}",
                              flush=True)
                    results.append(result)
                    from ui.data import forget_registry

                    forget_registry()
    text_, ok = report(results)
    print(text_)
    return 0 if ok else 1
