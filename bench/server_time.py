"""Server time from a filter change to the new map, warm caches (AppTest, in-process).

The product: pages/explorer.py, warmed by a first run, then its programme filter
is switched between one programme and all of them; each rerun draws a new map
(other colours), and its script time is measured. The naive baseline:
bench/apps/naive_map.py rerun (it reads and renders the whole file on every
rerun, so any filter change costs the same).
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import settings
from bench.common import Figure, Stats, quiet_streamlit, timed
from bench.payload import EXPLORER, VIEW, MapView, captured_component_args
from tests.painted import maps_painted

NAIVE_APP = "bench/apps/naive_map.py"
BUDGET_SECONDS = {"national_province": 0.2, "national_tambons": 0.4}
TIMEOUT = 300


def _app(script: str, query: dict[str, str]) -> AppTest:
    app = maps_painted(AppTest.from_file(str(settings.PROJECT_ROOT / script),
                                         default_timeout=TIMEOUT))
    app.query_params.update(query)
    return app


def _checked(app: AppTest) -> AppTest:
    if app.exception:
        raise RuntimeError(f"the page failed: {app.exception[0].message}")
    return app


def _programme_slugs() -> list[str]:
    from registry import queries
    from registry.db import get_engine

    return list(queries.programmes(get_engine(settings.database_url()))["slug"])


def explorer_filter_changes(view: MapView, runs: int) -> list[float]:
    """Seconds per rerun after a programme filter change, the map redrawn each time."""
    app = _app(EXPLORER, view.query())
    with captured_component_args() as maps:
        _checked(app.run())
        first_programme = _programme_slugs()[:1]
        seconds = []
        for run in range(runs):
            app.multiselect(key="ex_programme").set_value(first_programme if run % 2 == 0
                                                          else [])
            drawn = len(maps)
            seconds.append(timed(app.run))
            _checked(app)
            if len(maps) != drawn + 1:
                raise RuntimeError("a filter change did not draw the map")
    return seconds


def naive_reruns(view: MapView, runs: int) -> list[float]:
    app = _app(NAIVE_APP, view.naive_query())
    with captured_component_args():
        _checked(app.run())
        return [timed(lambda: _checked(app.run())) for _ in range(runs)]


def run(runs: int = 5, label: str = "", baseline: bool = True) -> list[Figure]:
    quiet_streamlit()
    figures = []
    for key, budget in BUDGET_SECONDS.items():
        view = VIEW[key]
        figures.append(Figure(
            f"server time, filter change → new map, warm{label}: {view.title}", "s",
            Stats.of(explorer_filter_changes(view, runs)), budget,
            Stats.of(naive_reruns(view, runs)) if baseline else None,
        ))
    return figures
