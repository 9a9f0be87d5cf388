"""Pure chart builders for comparing articles (DataFrame in, Plotly Figure out)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import _empty, _layout, count_heatmap, period_timeline, undated_note
from .fmt import amount
from .theme import number_name, type_name

# colours that stand for articles in the speakers chart (distinct, none a type/quote/number colour)
ARTICLE_COLORS = ["#4C4C8C", "#8C4C6C", "#3C7C7C", "#7C6C2C", "#5C8C3C", "#8C5C3C", "#6C6C6C", "#2C5C8C"]


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
    keyed = entities.assign(entity=name + " (" + entities["label"].map(type_name) + ")")
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
    return count_heatmap(m, title=title, what="Mentions", top_margin=110)


def speakers_across(quotes: pd.DataFrame, titles: dict[str, str]) -> go.Figure:
    """Statements per speaker, stacked by article (the legend below, one line per article)."""
    title = "Speakers across articles"
    if quotes.empty:
        return _empty(title, "No statements match the filters")
    df = quotes.groupby(["speaker", "article"], as_index=False).size().rename(columns={"size": "statements"})
    totals = df.groupby("speaker")["statements"].sum().sort_values()
    fig = go.Figure()
    for i, (slug, part) in enumerate(df.groupby("article", sort=False)):
        label = titles.get(slug, slug)
        fig.add_bar(x=part["statements"], y=part["speaker"], orientation="h", name=label,
                    marker_color=ARTICLE_COLORS[i % len(ARTICLE_COLORS)],
                    hovertemplate="<b>%{y}</b><br>" + label.replace("%", "%%") + ": %{x}<extra></extra>")
    n = len(totals)
    return _layout(fig, title, barmode="stack", height=240 + 26 * n + 22 * df["article"].nunique(),
                   yaxis=dict(categoryorder="array", categoryarray=list(totals.index), title=""),
                   xaxis_title="Statements",
                   legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, title_text=""))


def facts_timeline(numbers: pd.DataFrame, titles: dict[str, str]) -> go.Figure:
    """Numeric facts over time, each at its own date or the period it refers to (never the article's date)."""
    from .numbers_view import restatements, with_when

    title = "Numeric facts over time"
    if numbers.empty:
        return _empty(title, "No numbers match the filters")
    df = with_when(numbers[~restatements(numbers)])
    undated = int(df["when_start"].isna().sum())
    df = df[df["when_start"].notna()]
    if df.empty:
        return _empty(title, "No fact names its own date or period" + undated_note(undated))
    extra = [
        " · ".join(x for x in (amount(label=r.label, value=r.value, unit=r.unit, low=getattr(r, "low", None),
                                      high=getattr(r, "high", None), approximate=bool(getattr(r, "approximate", False))),
                               titles.get(r.article, r.article)) if x)
        for r in df.itertuples()
    ]
    df = df.assign(kind_name=df["label"].map(number_name), extra=extra)
    order = [number_name(k) for k in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE") if k in set(df["label"])]
    order += sorted(set(df["kind_name"]) - set(order))
    return period_timeline(df, y="kind_name", title=title, order=order, note=undated_note(undated))

