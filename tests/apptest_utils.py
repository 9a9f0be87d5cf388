"""AppTest helpers.

AppTest resets `PagesManager.uses_pages_directory` before every run, and since this repo has a
`pages/` folder (the card asks for one) it then runs a switched-to page in the legacy "pages directory"
mode, skipping app.py and its shared sidebar. A real server never does that once `st.navigation` has
run, so the tests pin the flag to False, as `st.navigation` itself does.
"""
from __future__ import annotations

from pathlib import Path

import streamlit.testing.v1.app_test as _app_test
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


class _NavigationPagesManager(PagesManager):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


_app_test.PagesManager = _NavigationPagesManager


def make_app(timeout: float = 120) -> AppTest:
    """A fresh AppTest of app.py, not yet run (set `query_params` first to open a URL)."""
    return AppTest.from_file(APP, default_timeout=timeout)


def new_app(timeout: float = 120) -> AppTest:
    """A fresh AppTest of app.py, run once."""
    return make_app(timeout).run()


def open_page(page: str, timeout: float = 120) -> AppTest:
    """A fresh AppTest switched to `pages/<page>.py` and run."""
    at = new_app(timeout)
    return at.switch_page(f"pages/{page}.py").run()
