"""News Lens: who is in the story, who said what, and which numbers it claims."""
import streamlit as st

from ui.data import load_data
from ui.filters import problems_box, sidebar
from ui.navfix import ensure_navigation_mode
from ui.settings import apply_secrets

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
nav.run()
