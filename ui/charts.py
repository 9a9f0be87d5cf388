"""Pure chart builders: DataFrame in, Plotly Figure out (no Streamlit here)."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .theme import ENTITY_COLORS, NUMBER_COLORS, QUOTE_COLORS

LAYOUT = dict(margin=dict(l=10, r=10, t=40, b=10), legend_title_text="", hoverlabel=dict(namelength=-1))


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(title=title, xaxis_visible=False, yaxis_visible=False, **LAYOUT)
    return fig


def entity_bar(entities: pd.DataFrame, *, top: int = 15) -> go.Figure:
    """Most-mentioned entities, coloured by type."""
    title = "Most-mentioned entities"
    if entities.empty:
        return _empty(title, "No entities match the filters")
    df = (
        entities.groupby(["name", "label"], as_index=False)["mentions"].sum()
        .sort_values(["mentions", "name"], ascending=[False, True]).head(top)
    )
    fig = px.bar(
        df, x="mentions", y="name", color="label", orientation="h", title=title,
        color_discrete_map=ENTITY_COLORS, labels={"mentions": "Mentions", "name": "", "label": "Type"},
        custom_data=["name"],
    )
    fig.update_layout(yaxis={"categoryorder": "total ascending"}, **LAYOUT)
    return fig


def quotes_by_speaker(quotes: pd.DataFrame) -> go.Figure:
    """Statements per speaker, split by kind."""
    title = "Statements per speaker"
    if quotes.empty:
        return _empty(title, "No statements match the filters")
    df = quotes.groupby(["speaker", "kind"], as_index=False).size().rename(columns={"size": "statements"})
    fig = px.bar(
        df, x="statements", y="speaker", color="kind", orientation="h", title=title,
        color_discrete_map=QUOTE_COLORS, labels={"statements": "Statements", "speaker": "", "kind": "Kind"},
        category_orders={"kind": list(QUOTE_COLORS)}, custom_data=["speaker"],
    )
    fig.update_layout(yaxis={"categoryorder": "total ascending"}, **LAYOUT)
    return fig


def numbers_by_label(numbers: pd.DataFrame) -> go.Figure:
    """How many numeric facts of each kind."""
    title = "Numeric facts by kind"
    if numbers.empty:
        return _empty(title, "No numbers match the filters")
    df = numbers.groupby("label", as_index=False).size().rename(columns={"size": "facts"})
    fig = px.bar(df, x="label", y="facts", color="label", title=title, color_discrete_map=NUMBER_COLORS,
                 labels={"label": "", "facts": "Facts"}, custom_data=["label"])
    fig.update_layout(showlegend=False, **LAYOUT)
    return fig


def money_bar(numbers: pd.DataFrame) -> go.Figure:
    """Money amounts (original currency on hover)."""
    title = "Money amounts"
    money = numbers[(numbers["label"] == "MONEY") & numbers["value"].notna()] if not numbers.empty else numbers
    if money.empty:
        return _empty(title, "No money amounts match the filters")
    df = money.assign(amount=money["value"].astype(float), currency=money["unit"].fillna("?"))
    fig = px.bar(df, x="text", y="amount", color="currency", title=title,
                 hover_data={"context": True, "text": False}, labels={"text": "", "amount": "Amount"})
    fig.update_layout(**LAYOUT)
    return fig
