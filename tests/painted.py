"""AppTest runs no JavaScript, so no map ever reports that it painted: tests say it has."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.maps import painted_flag

# The maps whose pages draw the rest only once the map is on screen (ui.maps.map_painted).
MAPS_THAT_WAIT = ("explorer_map", "overview_map", "presenter_map")


def maps_painted(app: AppTest) -> AppTest:
    """`app` as if its browser had painted every page's map once."""
    for key in MAPS_THAT_WAIT:
        app.session_state[painted_flag(key)] = True
    return app
