"""Local Streamlit servers for the browser figures, and their resident memory."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e import StreamlitServer, start_streamlit
from ui.serve import ENTRY_POINT

PRODUCT_SCRIPT = ENTRY_POINT
NAIVE_SCRIPT = "bench/apps/naive_map.py"
EMPTY_SCRIPT = "bench/apps/empty.py"


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (from /proc, so no extra package)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextmanager
def server(script: str = PRODUCT_SCRIPT, env: dict[str, str] | None = None,
           folder: Path | None = None) -> Iterator[StreamlitServer]:
    """`streamlit run script` on a free localhost port with its own SQLite registry."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        running = start_streamlit(folder or Path(scratch), env, script=script, timeout=120)
        try:
            yield running
        finally:
            running.stop()
