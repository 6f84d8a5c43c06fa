"""Starts the dashboard: `python -m ui.serve [streamlit options]`, i.e. `streamlit run
dashboard.py` plus a warm-up.

Streamlit runs the app's code only when the first visitor connects, so that visitor would
wait for its imports, boundary layers and registry (≈ 2 s). Here they load as soon as the
server is up, while the browser is still loading Streamlit's own page.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from streamlit.runtime import Runtime, RuntimeState
from streamlit.web import cli

ENTRY_POINT = "dashboard.py"
WARM_UP_THREAD = "warm-up"


def _warm_up_once_serving() -> None:
    # Components register with the runtime, which does not exist yet when this starts; and
    # the server's own start comes first.
    while not (Runtime.exists() and Runtime.instance().state is not RuntimeState.INITIAL):
        time.sleep(0.02)
    from ui.data import warm_up

    # Streamlit warns on every cache call made outside a visitor's run; these are meant.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: record.threadName != WARM_UP_THREAD)
    warm_up()


def main(arguments: list[str]) -> None:
    threading.Thread(target=_warm_up_once_serving, name=WARM_UP_THREAD, daemon=True).start()
    cli.main(["run", ENTRY_POINT, *arguments], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
