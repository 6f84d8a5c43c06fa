"""Pages always run inside dashboard.py's navigation, even on a fresh server's first visit."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def run_through_dashboard() -> None:
    """Hands a page visited by direct link back to dashboard.py.

    Until some session has run dashboard.py, Streamlit treats a folder named
    `pages/` as its old multipage layout and runs a deep-linked page file on
    its own: no language switch, no page titles, default layout. Streamlit
    leaves that mode for good once `st.navigation` is called; clearing its
    flag and rerunning gets there at once, and the rerun opens the same page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
