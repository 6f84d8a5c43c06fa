"""ui.serve: the dashboard's start, with the first visit's work done before anyone visits."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

from tests.e2e import PROJECT_ROOT, start_streamlit


def _seed_sources(database) -> int:
    try:
        with sqlite3.connect(database) as connection:
            return connection.execute(
                "SELECT count(*) FROM sources WHERE kind = 'seed'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_the_registry_is_ready_before_the_first_visitor(tmp_path):
    server = start_streamlit(tmp_path)
    try:
        database = tmp_path / "registry.sqlite"
        deadline = time.monotonic() + 60
        while not _seed_sources(database) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _seed_sources(database) > 0  # migrated and seeded without any visit
    finally:
        server.stop()
    log = server.log.read_text()
    assert "Traceback" not in log and "missing ScriptRunContext" not in log, log


def test_warm_up_leaves_the_map_component_to_a_visitors_run(tmp_path):
    """Streamlit registers streamlit-folium's component only if it is imported in a run."""
    check = ("import sys; from ui.data import warm_up; warm_up(); "
             "assert 'geopandas' in sys.modules and 'folium' in sys.modules; "
             "assert 'streamlit_folium' not in sys.modules, 'imported outside a run'")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'registry.sqlite'}"}
    done = subprocess.run([sys.executable, "-c", check], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _seed_sources(tmp_path / "registry.sqlite") > 0
