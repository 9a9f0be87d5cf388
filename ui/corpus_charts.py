"""Pure chart builders for comparing articles (DataFrame in, Plotly Figure out)."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .charts import LAYOUT, _empty
from .theme import NUMBER_COLORS


def short_titles(titles: dict[str, str], width: int = 28) -> dict[str, str]:
    """Short, unique chart labels per article: the title cut to `width`, numbered where two coincide."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for slug, title in titles.items():
        label = title[:width] + "…" if len(title) > width else title
        seen[label] = seen.get(label, 0) + 1
        out[slug] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out


def entity_article_matrix(entities: pd.DataFrame, titles: dict[str, str], *, top: int = 20) -> pd.DataFrame:
    """Mentions of the `top` entities (by total mentions) in each article: rows entities, columns articles."""
    if entities.empty:
        return pd.DataFrame()
    name = entities["corpus_name"] if "corpus_name" in entities else entities["name"]
    keyed = entities.assign(entity=name + " (" + entities["label"] + ")")
    totals = keyed.groupby("entity")["mentions"].sum().sort_values(ascending=False)
    keep = totals.head(top).index
    m = keyed[keyed["entity"].isin(keep)].pivot_table(index="entity", columns="article", values="mentions",
                                                       aggfunc="sum", fill_value=0)
    m = m.loc[[e for e in keep if e in m.index]]
    m.columns = [titles.get(c, c) for c in m.columns]
    return m


def entity_heatmap(entities: pd.DataFrame, titles: dict[str, str], *, top: int = 20) -> go.Figure:
    """Which articles mention whom, and how often."""
    title = "Entities across articles (mentions)"
    m = entity_article_matrix(entities, titles, top=top)
    if m.empty:
        return _empty(title, "No entities match the filters")
    fig = px.imshow(m, text_auto=True, aspect="auto", color_continuous_scale="Blues", title=title,
                    labels={"x": "", "y": "", "color": "Mentions"})
    fig.update_layout(**LAYOUT)
    fig.update_xaxes(side="top", tickangle=0)
    return fig


def speakers_across(quotes: pd.DataFrame, titles: dict[str, str]) -> go.Figure:
    """Statements per speaker, stacked by article."""
    title = "Speakers across articles"
    if quotes.empty:
        return _empty(title, "No statements match the filters")
    df = quotes.groupby(["speaker", "article"], as_index=False).size().rename(columns={"size": "statements"})
    df["article"] = df["article"].map(lambda s: titles.get(s, s))
    fig = px.bar(df, x="statements", y="speaker", color="article", orientation="h", title=title,
                 labels={"statements": "Statements", "speaker": "", "article": "Article"})
    fig.update_layout(yaxis={"categoryorder": "total ascending"}, **LAYOUT)
    return fig


def facts_timeline(numbers: pd.DataFrame, articles: pd.DataFrame) -> go.Figure:
    """Numeric facts over time: each fact at its own date, else at its article's publication date."""
    title = "Numeric facts over time"
    if numbers.empty:
        return _empty(title, "No numbers match the filters")
    pub = dict(zip(articles["article"], articles["published"]))
    df = numbers.copy()
    df["when"] = df["date"].where(df["date"].notna(), df["article"].map(pub))
    df = df[df["when"].notna()]
    df["when"] = pd.to_datetime(df["when"].astype(str).str.slice(0, 10), errors="coerce", format="mixed")
    df = df[df["when"].notna()]
    if df.empty:
        return _empty(title, "No dated facts")
    fig = px.strip(df, x="when", y="label", color="label", color_discrete_map=NUMBER_COLORS, title=title,
                   hover_data={"text": True, "article": True, "when": False, "label": False},
                   labels={"when": "", "label": ""})
    fig.update_layout(showlegend=False, **LAYOUT)
    return fig
