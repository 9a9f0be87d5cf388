"""Small page helpers shared by every page."""
from __future__ import annotations

import streamlit as st

from .data import AppData, load_data
from .filters import Filters, current


def page_setup() -> tuple[AppData, Filters]:
    """Data and filters for a page; stops with an explanation when there is nothing to show."""
    data = load_data()
    f = current()
    if not data.slugs or not f.articles:
        st.info(
            "No processed article to show. Put `.txt` articles in `data/articles/` and run "
            "`python -m newslens preprocess`, or process the ones listed in the sidebar."
        )
        st.stop()
    return data, f


def selected_row(event, df):
    """The row the user selected in a `st.dataframe(on_select=...)`, or None."""
    try:
        rows = event.selection.rows
    except AttributeError:
        return None
    return df.iloc[rows[0]] if rows and rows[0] < len(df) else None


def chart_choice(event, field: str = "customdata") -> list[str]:
    """Values of the points clicked in a `st.plotly_chart(on_select="rerun")`."""
    try:
        points = event.selection.points
    except AttributeError:
        return []
    out = []
    for p in points or []:
        v = p.get(field)
        if isinstance(v, (list, tuple)):
            v = v[0] if v else None
        if v is not None:
            out.append(str(v))
    return out
