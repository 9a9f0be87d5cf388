"""Pure chart builders for claims (DataFrame in, Plotly Figure out)."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .charts import LAYOUT, _empty
from .claims import source_colors


def claim_over_time(rows: pd.DataFrame, *, claim: str) -> go.Figure:
    """One claim's figures by publication date: a dot per fact, coloured by who states it.

    The marker shape is the figure's near-duplicate group (A, B, ...): shapes that differ within one period
    are figures that disagree; the title says so.
    """
    if rows.empty:
        return _empty(f"{claim}: who said what figure, when", "No figures for this claim")
    differs = not bool(rows["agrees"].all())
    title = f"{claim}: who said what figure, when" + (" — the figures differ" if differs else "")
    df = rows.assign(
        when=pd.to_datetime(rows["published"].astype("string").str.slice(0, 10), errors="coerce", format="mixed"),
        shape="group " + rows["group"].astype(str) + " · " + rows["period"].astype(str),
    )
    df = df[df["when"].notna()]
    if df.empty:
        return _empty(title, "None of these articles has a publication date")
    colors = source_colors(list(dict.fromkeys(df["stated_by_label"])))
    unit = str(df["unit"].dropna().iloc[0]) if df["unit"].notna().any() else ""
    fig = px.scatter(
        df, x="when", y="value", color="stated_by_label", symbol="shape", color_discrete_map=colors,
        symbol_sequence=["circle", "x", "diamond", "square", "triangle-up", "star"], title=title,
        custom_data=["text", "figure", "period", "title", "group", "stated_in_label", "context"],
        labels={"when": "Published", "value": unit, "stated_by_label": "Stated by", "shape": "Group"},
    )
    fig.update_traces(
        marker=dict(size=13, line=dict(width=1, color="white")),
        hovertemplate="<b>%{customdata[0]}</b> ≈ %{customdata[1]}<br>period: %{customdata[2]} · group "
                      "%{customdata[4]}<br>%{customdata[3]}<br><i>%{customdata[5]}</i><br>%{customdata[6]}"
                      "<extra></extra>",
    )
    days = (df["when"].max() - df["when"].min()).days
    fig.update_xaxes(tickformat="%-d %b %Y", dtick=86_400_000 if days < 15 else None)  # a tick a day, not 12 h
    fig.update_layout(height=380, **LAYOUT)
    return fig
