"""Keep Streamlit in `st.navigation` mode even when the first request of a server is for a page URL.

A `pages/` folder next to app.py makes a fresh server treat a first request for `/entities` as a legacy
"pages directory" app: it runs pages/entities.py alone with an auto-generated menu and no shared sidebar.
`st.navigation` switches that mode off, but only once app.py has run. This guard switches it off and reruns,
so app.py (navigation, sidebar, URL state) always runs first.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation_mode() -> None:
    """Call at the top of app.py and of every page script."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
