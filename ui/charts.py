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


def quotes_by_speaker(quotes: pd.DataFrame, *, selected: tuple[str, ...] | list[str] = (), top: int = 25) -> go.Figure:
    """Statements per speaker, split by kind; the most quoted on top, chosen speakers emphasised.

    Built from the statements that pass every filter except the speaker one, so the other speakers stay
    visible (faded) and a click on any bar chooses that speaker; `customdata` carries the speaker.
    """
    title = "Statements per speaker"
    if quotes.empty:
        return _empty(title, "No statements match the filters")
    speakers = quotes["speaker"].fillna("(unattributed)").astype(str)
    df = (
        quotes.assign(speaker=speakers).groupby(["speaker", "kind"], as_index=False).size()
        .rename(columns={"size": "statements"})
    )
    totals = df.groupby("speaker")["statements"].sum()
    order = sorted(totals.index, key=lambda s: (-totals[s], s.lower()))[:top]
    df = df[df["speaker"].isin(order)]
    kinds = list(QUOTE_COLORS) + sorted(set(df["kind"]) - set(QUOTE_COLORS))
    chosen = set(selected or ())
    fig = go.Figure()
    for kind in kinds:
        part = df[df["kind"] == kind].set_index("speaker").reindex(order).dropna(subset=["statements"])
        if part.empty:
            continue
        names = list(part.index)
        fig.add_bar(
            x=part["statements"].astype(int).tolist(), y=names, name=kind, orientation="h",
            marker_color=QUOTE_COLORS.get(kind, "#888888"),
            marker_opacity=[1.0 if not chosen or n in chosen else 0.3 for n in names],
            customdata=[[n] for n in names],
            hovertemplate="<b>%{y}</b><br>" + kind + ": %{x}<extra></extra>",
        )
    n = len(order)
    more = f" (top {top} of {len(totals)})" if len(totals) > top else ""
    fig.update_layout(
        title=title + more, barmode="stack", height=max(260, 110 + 30 * n),
        xaxis=dict(title="Statements", dtick=1 if totals.max() <= 10 else None),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=""),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0, traceorder="normal"),
        **LAYOUT,
    )
    return fig


def entity_type_mix(entities: pd.DataFrame) -> go.Figure:
    """How many entities of each type (mentions on hover); click a bar to filter by that type."""
    title = "Type mix"
    if entities.empty:
        return _empty(title, "No entities match the filters")
    df = (
        entities.groupby("label", as_index=False)
        .agg(entities=("name", "nunique"), mentions=("mentions", "sum"))
        .sort_values(["entities", "label"], ascending=[False, True])
    )
    fig = px.bar(
        df, x="label", y="entities", color="label", title=title, color_discrete_map=ENTITY_COLORS,
        hover_data=["mentions"], custom_data=["label"], text="entities",
        labels={"label": "", "entities": "Entities", "mentions": "Mentions"},
    )
    fig.update_layout(showlegend=False, **LAYOUT)
    return fig


def cooccurrence_pairs(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of entities named in the same sentence: columns a, b (names, a < b) and sentences."""
    cols = ["a", "b", "sentences"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    m = mentions[mentions["sentence"] >= 0][["article", "sentence", "name"]].drop_duplicates()
    pairs = m.merge(m, on=["article", "sentence"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["name_a"] < pairs["name_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    out = (
        pairs.groupby(["name_a", "name_b"], as_index=False).size()
        .rename(columns={"name_a": "a", "name_b": "b", "size": "sentences"})
        .sort_values(["sentences", "a", "b"], ascending=[False, True, True])
        .reset_index(drop=True)
    )
    return out[cols]


def cooccurrence_matrix(pairs: pd.DataFrame, *, top: int = 12) -> pd.DataFrame:
    """Symmetric sentences-in-common matrix of the `top` best-connected entities."""
    if pairs.empty:
        return pd.DataFrame()
    degree = pd.concat([pairs[["a", "sentences"]].rename(columns={"a": "name"}),
                        pairs[["b", "sentences"]].rename(columns={"b": "name"})])
    keep = degree.groupby("name")["sentences"].sum().sort_values(ascending=False, kind="stable").head(top).index
    both = pd.concat([pairs, pairs.rename(columns={"a": "b", "b": "a"})])
    both = both[both["a"].isin(keep) & both["b"].isin(keep)]
    m = both.pivot_table(index="a", columns="b", values="sentences", aggfunc="sum", fill_value=0)
    order = [n for n in keep if n in m.index or n in m.columns]
    return m.reindex(index=order, columns=order, fill_value=0).astype(int)


def cooccurrence_heatmap(pairs: pd.DataFrame, *, top: int = 12) -> go.Figure:
    """Which entities are named together: sentences in common, best-connected entities first."""
    title = "Named in the same sentence"
    m = cooccurrence_matrix(pairs, top=top)
    if m.empty:
        return _empty(title, "No two entities share a sentence")
    fig = px.imshow(m, text_auto=True, aspect="auto", color_continuous_scale="Blues", title=title,
                    labels={"x": "", "y": "", "color": "Sentences"})
    fig.update_layout(**{**LAYOUT, "margin": dict(l=10, r=10, t=130, b=10)})
    fig.update_xaxes(side="top", tickangle=-35)
    return fig


def money_usd_by_subject(numbers: pd.DataFrame, *, source_colors: dict[str, str] | None = None) -> go.Figure:
    """Money amounts in US dollars, one dot per fact, grouped by subject; the original amount on hover.

    Restatements ("(US$14.3 billion)" after "100 billion yuan") are left out so no amount shows twice.
    Dollar values come from the article when it states them, else from approximate reference rates.
    Dots are coloured by currency, or, given `source_colors` (source label -> colour), by who states it.
    """
    from .numbers_view import NO_SUBJECT, fmt_amount, restatements, with_when

    title = "Money in US dollars, by subject"
    if numbers.empty:
        return _empty(title, "No money amounts match the filters")
    money = numbers[(numbers["label"] == "MONEY") & numbers["usd_value"].notna()]
    money = money[~restatements(money)]
    if money.empty:
        return _empty(title, "No money amounts match the filters")
    df = with_when(money)
    df = df.assign(
        subject=df["subject"].fillna(NO_SUBJECT),
        usd=df["usd_value"].astype(float),
        original=[fmt_amount(v, u) for v, u in zip(df["value"], df["unit"])],
        in_usd=[fmt_amount(v, "USD") for v in df["usd_value"]],
        currency=df["unit"].fillna("?"),
        source=df["usd_source"].fillna("") if "usd_source" in df.columns else "",
        when=df["when"].fillna(""),
    )
    order = df.groupby("subject")["usd"].max().sort_values().index.tolist()
    color = "stated_by_label" if source_colors else "currency"
    if source_colors and color not in df.columns:
        from .claims import with_sources

        df = with_sources(df)
    fig = px.scatter(
        df, x="usd", y="subject", color=color, title=title, log_x=bool((df["usd"] > 0).all()),
        color_discrete_map=source_colors or {},
        custom_data=["subject", "text", "original", "in_usd", "source", "when", "context"],
        labels={"usd": "US dollars", "subject": "", "currency": "Stated in", "stated_by_label": "Stated by"},
        category_orders={"subject": order[::-1]},
    )
    fig.update_layout(height=160 + 45 * len(order))
    fig.update_traces(
        marker=dict(size=13, line=dict(width=1, color="white")),
        hovertemplate="<b>%{customdata[1]}</b><br>stated: %{customdata[2]}<br>≈ %{customdata[3]}"
                      "<br><i>%{customdata[4]}</i><br>%{customdata[5]}<br>%{customdata[6]}<extra></extra>",
    )
    fig.update_layout(**LAYOUT)
    return fig


def numbers_timeline(numbers: pd.DataFrame, *, source_colors: dict[str, str] | None = None) -> go.Figure:
    """Dated facts on a time line: a band across the day, month or year each names, a dot at its middle.

    Dates are DATE facts' own dates; amounts appear at the period they refer to ("in 2026"). Dates worked
    out from the published date ("last month") are drawn hollow. Coloured by kind, or, given
    `source_colors` (source label -> colour), by who states the fact.
    """
    from .numbers_view import NO_SUBJECT, restatements, with_when

    title = "Timeline of dated facts"
    if numbers.empty:
        return _empty(title, "No numbers match the filters")
    df = with_when(numbers[~restatements(numbers)])
    df = df[df["when_start"].notna()]
    if df.empty:
        return _empty(title, "No dated facts")
    end = df["when_end"] + pd.Timedelta(days=1)
    resolved = df["date_resolved"].fillna(False).astype(bool) if "date_resolved" in df.columns else False
    df = df.assign(
        band_end=end, mid=df["when_start"] + (end - df["when_start"]) / 2,
        subject=df["subject"].fillna(NO_SUBJECT),
        how=pd.Series(resolved, index=df.index).map({True: "resolved from the published date", False: "stated"}),
    )
    order = df.sort_values("when_start")["subject"].drop_duplicates().tolist()
    color, colors = "label", NUMBER_COLORS
    if source_colors:
        from .claims import with_sources

        df = df if "stated_by_label" in df.columns else with_sources(df)
        color, colors = "stated_by_label", source_colors
    fig = px.timeline(df, x_start="when_start", x_end="band_end", y="subject", color=color,
                      color_discrete_map=colors, category_orders={"subject": order}, opacity=0.25)
    fig.update_traces(hoverinfo="skip", hovertemplate=None, showlegend=False)
    dots = px.scatter(
        df, x="mid", y="subject", color=color, symbol="how", color_discrete_map=colors,
        symbol_map={"stated": "circle", "resolved from the published date": "circle-open"},
        custom_data=["text", "when", "label", "context", "how", "subject"], category_orders={"subject": order},
    )
    dots.update_traces(
        marker=dict(size=12, line=dict(width=2)),
        hovertemplate="<b>%{customdata[0]}</b> (%{customdata[2]})<br>%{customdata[1]}, %{customdata[4]}"
                      "<br>%{customdata[3]}<extra></extra>",
    )
    fig.add_traces(list(dots.data))
    fig.update_layout(title=title, height=160 + 45 * len(order), **LAYOUT)
    fig.update_layout(legend=dict(orientation="h", y=-0.15, x=0), xaxis_title=None, yaxis_title=None)
    return fig
