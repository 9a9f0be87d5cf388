"""News Lens: who is in the story, who said what, and which numbers it claims."""
import os
import sys
import time

import streamlit as st

from ui.data import load_data
from ui.filters import problems_box, sidebar
from ui.navfix import ensure_navigation_mode
from ui.settings import apply_secrets

_started = time.perf_counter()
ensure_navigation_mode()
apply_secrets()

st.set_page_config(page_title="News Lens", page_icon="🔎", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/article:", default=True),
    st.Page("pages/entities.py", title="Entities", icon=":material/groups:"),
    st.Page("pages/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("pages/numbers.py", title="Numbers", icon=":material/numbers:"),
    st.Page("pages/corpus.py", title="Corpus", icon=":material/compare:"),
    st.Page("pages/analyse.py", title="Analyse", icon=":material/add_notes:"),
]
data = load_data()
st.sidebar.title("News Lens")
nav = st.navigation(pages)
sidebar(data)
problems_box(data)
try:
    nav.run()
finally:  # benchmarks/bench_pages.py reads this to split server time from drawing time in the browser
    if os.environ.get("NEWSLENS_TIMING") == "1":
        print(f"newslens-timing {nav.url_path or 'overview'} {1000 * (time.perf_counter() - _started):.0f} ms",
              file=sys.stderr, flush=True)
