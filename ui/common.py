"""Small page helpers shared by every page."""
from __future__ import annotations

import streamlit as st

from .charts import is_empty
from .data import AppData, load_data
from .filters import Filters, current
from .navfix import ensure_navigation_mode


def page_setup() -> tuple[AppData, Filters]:
    """Data and filters for a page; stops with an explanation when there is nothing to show."""
    ensure_navigation_mode()
    data = load_data()
    f = current()
    if not data.slugs:
        st.info(
            "No processed article to show yet. Add one on the **Analyse** page, or put `.txt` articles in "
            "`data/articles/` and run `python -m newslens preprocess`."
        )
        st.stop()
    if not f.articles:
        st.info("Choose one or more articles in the sidebar.")
        st.stop()
    return data, f


def selected_row(event, df):
    """The row the user selected in a `st.dataframe(on_select=...)`, or None."""
    try:
        rows = event.selection.rows
    except AttributeError:
        return None
    return df.iloc[rows[0]] if rows and rows[0] < len(df) else None


def chart_choice(state_key: str, field: str = "customdata") -> list[str]:
    """Values of the points clicked in the `st.plotly_chart(on_select=..., key=state_key)`."""
    event = st.session_state.get(state_key)
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return []
    out = []
    for p in points or []:
        v = p.get(field)
        if isinstance(v, (list, tuple)):
            v = v[0] if v else None
        if v is not None and str(v) not in out:
            out.append(str(v))
    return out


def show_chart(fig, *, key: str, container=st, **kw) -> None:
    """A Plotly chart, or one line saying why there is nothing to draw (no empty frame)."""
    message = is_empty(fig)
    if message:
        container.caption(f"{fig.layout.title.text}: {message}.")
        return
    container.plotly_chart(fig, key=key, config={"displaylogo": False}, **kw)


def titles(data: AppData, slugs) -> dict[str, str]:
    """slug -> the article's title, for Article columns (the slug is an internal name)."""
    return {s: (data.articles.get(s) or {}).get("title") or s for s in slugs}


def blank_missing(df, columns=None):
    """Text columns with "" where a value is missing, so no cell reads "None"."""
    import pandas as pd

    cols = [c for c in (columns or df.columns)
            if c in df.columns and (df[c].dtype == object or pd.api.types.is_string_dtype(df[c]))]
    return df.assign(**{c: df[c].astype(object).where(df[c].notna(), "") for c in cols}) if cols else df
