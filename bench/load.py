"""Load: 30 concurrent viewer sessions against one local server for 60 s.

Each viewer is a real Streamlit session over the websocket protocol the browser
speaks (/_stcore/stream, protobuf BackMsg/ForwardMsg): it asks for an explorer
view, reads every message until the script run finishes, checks the map came
and no exception was shown, then asks for the next view, until the time is up.
"Page ready" is the time from asking to the run's last message. Websocket
clients rather than 30 Chromium pages, so the 2 cores measure the server, not
30 browsers painting. Localhost only; the loop is bounded by its deadline.

    python -m bench load [--quick]
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import Figure, Stats
from bench.server import rss_mb, server

SESSIONS = 30
SECONDS = 60
PAGE_TIMEOUT = 120
# A viewer's walk through the explorer: country, regions' provinces, drill-downs.
QUERIES = ("level=province", "level=district", "level=subdistrict&area=14",
           "level=province&region=North", "level=district&area=50",
           "level=subdistrict&area=1401")


@dataclass
class LoadResult:
    ready_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_samples: list[float] = field(default_factory=list)
    sessions: int = 0


def _rerun(query: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = "explorer"
    return message.SerializeToString()


async def _page(socket, query: str) -> tuple[float, str | None]:
    """Asks for one view; returns seconds to the run's end and an error, if any."""
    started = time.perf_counter()
    await socket.send(_rerun(query))
    saw_map, problem = False, None
    while True:
        raw = await asyncio.wait_for(socket.recv(), PAGE_TIMEOUT)
        message = ForwardMsg.FromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                problem = f"{query}: {element.exception.type}: {element.exception.message}"
            elif (element.WhichOneof("type") == "component_instance"
                  and "st_folium" in element.component_instance.component_name):
                saw_map = True
        elif kind == "ref_hash":
            saw_map = True  # a cached element the client already holds (the same map)
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the page asked for a rerun: the view is ready after that one
            seconds = time.perf_counter() - started
            if problem is None and not saw_map:
                problem = f"{query}: the run finished without a map"
            return seconds, problem


async def _viewer(url: str, number: int, deadline: float, result: LoadResult) -> None:
    queries = itertools.islice(itertools.cycle(QUERIES), number % len(QUERIES), None)
    try:
        async with websockets.connect(url, subprotocols=["streamlit"],
                                      max_size=None, open_timeout=60) as socket:
            result.sessions += 1
            for query in queries:
                if time.perf_counter() >= deadline:
                    return
                seconds, problem = await _page(socket, query)
                result.ready_seconds.append(seconds)
                if problem:
                    result.errors.append(problem)
    except Exception as error:  # every failure is a counted error, never a crash
        result.errors.append(f"viewer {number}: {type(error).__name__}: {error}")


async def _sample_memory(pid: int, deadline: float, result: LoadResult) -> None:
    while time.perf_counter() < deadline:
        result.rss_samples.append(rss_mb(pid))
        await asyncio.sleep(1)


async def _load(url: str, pid: int, sessions: int, seconds: float) -> LoadResult:
    result = LoadResult()
    deadline = time.perf_counter() + seconds
    await asyncio.gather(_sample_memory(pid, deadline, result),
                         *(_viewer(url, n, deadline, result) for n in range(sessions)))
    return result


def load(base_url: str, pid: int, sessions: int = SESSIONS,
         seconds: float = SECONDS) -> LoadResult:
    url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    return asyncio.run(_load(url, pid, sessions, seconds))


async def _warm(url: str) -> list[str]:
    """One viewer through every view once: caches and registry warm before the load."""
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=60) as socket:
        return [problem for query in QUERIES
                for _, problem in [await _page(socket, query)] if problem]


def run(sessions: int = SESSIONS, seconds: float = SECONDS, env=None) -> list[Figure]:
    with server(env=env) as running:
        pid = running.process.pid
        problems = asyncio.run(_warm(running.url.replace("http://", "ws://") + "/_stcore/stream"))
        idle = rss_mb(pid)
        result = load(running.url, pid, sessions, seconds)
    if problems:
        raise RuntimeError(f"the warm-up failed: {problems[:3]}")
    note = (f"{result.sessions} sessions × {seconds:.0f} s, {len(result.ready_seconds)} "
            f"pages, errors {len(result.errors)}")
    figures = [
        Figure("load: errors", "errors", Stats.of([len(result.errors)]), 0, note=note,
               extra={"first_errors": result.errors[:5]}),
        Figure("load: page ready (request → run finished)", "s",
               Stats.of(result.ready_seconds or [float("nan")]), note=note),
        Figure("load: server memory (RSS) during the run", "MB",
               Stats.of(result.rss_samples or [idle]),
               note=f"{idle:.0f} MB after one warm viewer"),
    ]
    return figures
