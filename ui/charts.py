"""Pure chart builders: DataFrame in, Plotly Figure out (no Streamlit here).

Built with plotly.graph_objects (plotly.express costs a second of import on a fresh server and ~50 ms
per figure). An empty figure carries its message in `layout.meta["empty"]`, so pages can say it in one
line instead of drawing an empty frame.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .fmt import amount, plural, when as when_text
from .theme import (COUNT_SCALE, NUMBER_COLOR, NUMBER_SYMBOLS, QUOTE_COLORS, entity_color, number_name,
                    type_name)

LEGEND_TOP = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text="")
LAYOUT = dict(margin=dict(l=10, r=10, t=70, b=10), hoverlabel=dict(namelength=-1), legend=LEGEND_TOP,
              title=dict(y=0.98, yanchor="top"))


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(title=title, xaxis_visible=False, yaxis_visible=False, height=160, meta={"empty": message},
                      **{k: v for k, v in LAYOUT.items() if k != "title"})
    return fig


def is_empty(fig: go.Figure) -> str | None:
    """The message of an empty chart, else None."""
    meta = fig.layout.meta
    return meta.get("empty") if isinstance(meta, dict) else None


def _layout(fig: go.Figure, title: str, **kw) -> go.Figure:
    fig.update_layout(**{**LAYOUT, **kw, "title": {**LAYOUT["title"], "text": title}})
    return fig


def entity_bar(entities: pd.DataFrame, *, top: int = 15) -> go.Figure:
    """Most-mentioned entities, coloured by type (human names); click a bar: customdata is the name."""
    title = "Most-mentioned entities"
    if entities.empty:
        return _empty(title, "No entities match the filters")
    df = (
        entities.groupby(["name", "label"], as_index=False)["mentions"].sum()
        .sort_values(["mentions", "name"], ascending=[False, True]).head(top)
    )
    df["type"] = df["label"].map(type_name)
    order = df["name"].tolist()[::-1]
    fig = go.Figure()
    for typ, part in df.groupby("type", sort=False):
        fig.add_bar(
            x=part["mentions"], y=part["name"], orientation="h", name=typ, marker_color=entity_color(typ),
            customdata=part[["name"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>" + typ + " · %{x} mentions<extra></extra>",
        )
    return _layout(fig, title, barmode="stack", height=max(260, 120 + 24 * len(df)),
                   yaxis=dict(categoryorder="array", categoryarray=order), xaxis_title="Mentions")


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
            x=part["statements"].astype(int).tolist(), y=names, name=kind.capitalize(), orientation="h",
            marker_color=QUOTE_COLORS.get(kind, "#888888"),
            marker_opacity=[1.0 if not chosen or n in chosen else 0.3 for n in names],
            customdata=[[n] for n in names],
            hovertemplate="<b>%{y}</b><br>" + kind + ": %{x}<extra></extra>",
        )
    more = f" (top {top} of {len(totals)})" if len(totals) > top else ""
    return _layout(
        fig, title + more, barmode="stack", height=max(280, 150 + 30 * len(order)), margin=dict(l=10, r=10, t=50, b=10),
        xaxis=dict(title=None, dtick=1 if totals.max() <= 10 else None),  # the title says "statements"
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=""),
        # below the bars: at the top it would meet the chart's toolbar on a phone
        legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0, title_text="", traceorder="normal"),
    )


def entity_type_mix(entities: pd.DataFrame) -> go.Figure:
    """How many entities of each type (mentions on hover); click a bar: customdata is the spaCy label."""
    title = "Type mix"
    if entities.empty:
        return _empty(title, "No entities match the filters")
    df = (
        entities.groupby("label", as_index=False)
        .agg(entities=("name", "nunique"), mentions=("mentions", "sum"))
        .sort_values(["entities", "label"], ascending=[False, True])
    )
    df["type"] = df["label"].map(type_name)
    fig = go.Figure(go.Bar(
        x=df["type"], y=df["entities"], text=df["entities"], marker_color=[entity_color(t) for t in df["type"]],
        customdata=df[["label", "mentions"]].to_numpy(),
        hovertemplate="<b>%{x}</b><br>%{y} entities, %{customdata[1]} mentions<extra></extra>",
    ))
    return _layout(fig, title, showlegend=False, height=300, yaxis_title="Entities")


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


def focus_pairs(pairs: pd.DataFrame, focus) -> pd.DataFrame:
    """The pairs that involve one of the focused entities (all pairs without a focus)."""
    if not focus or pairs.empty:
        return pairs
    keep = set(focus)
    return pairs[pairs["a"].isin(keep) | pairs["b"].isin(keep)].reset_index(drop=True)


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


def count_heatmap(m: pd.DataFrame, *, title: str, what: str, top_margin: int = 130) -> go.Figure:
    """A heatmap of counts in greys; empty cells stay transparent, so it sits quietly on either theme."""
    z = m.where(m > 0).to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(
        z=z, x=list(m.columns), y=list(m.index), colorscale=COUNT_SCALE, texttemplate="%{z}", hoverongaps=False,
        colorbar=dict(title=dict(text=what), dtick=max(1, int(m.to_numpy().max()) // 5)), xgap=1, ygap=1,
        hovertemplate="%{y} · %{x}: %{z} " + what.lower() + "<extra></extra>",
    ))
    fig = _layout(fig, title, height=max(300, top_margin + 28 * len(m)), margin=dict(l=10, r=10, t=top_margin, b=10))
    fig.update_xaxes(side="top", tickangle=-35, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_layout(plot_bgcolor="rgba(0,0,0,0)")
    return fig


def cooccurrence_heatmap(pairs: pd.DataFrame, *, top: int = 12, focus=()) -> go.Figure:
    """Which entities are named together: sentences in common, best-connected entities first."""
    title = "Named in the same sentence" + (f" as {', '.join(focus)}" if focus else "")
    m = cooccurrence_matrix(pairs, top=top)
    if m.empty:
        return _empty(title, "No two entities share a sentence")
    return count_heatmap(m, title=title, what="Sentences")


def money_usd_by_subject(numbers: pd.DataFrame, *, source_colors: dict[str, str] | None = None) -> go.Figure:
    """Money amounts in US dollars, one labelled dot per fact, grouped by subject; the original on hover.

    Restatements ("(US$14.3 billion)" after "100 billion yuan") are left out so no amount shows twice.
    Dollar values come from the article when it states them, else from approximate reference rates.
    Dots are coloured by currency, or, given `source_colors` (source label -> colour), by who states it.
    """
    from .numbers_view import NO_SUBJECT, restatements, with_when

    title = "Money in US dollars, by subject"
    if numbers.empty:
        return _empty(title, "No money amounts match the filters")
    money_rows = numbers[(numbers["label"] == "MONEY") & numbers["usd_value"].notna()]
    money_rows = money_rows[~restatements(money_rows)]
    if money_rows.empty:
        return _empty(title, "No money amounts match the filters")
    df = with_when(money_rows)
    approx = df["approximate"].fillna(False).astype(bool) if "approximate" in df else pd.Series(False, index=df.index)
    df = df.assign(**{c: df[c].astype(float) if c in df else float("nan") for c in ("low", "high")})
    usd = df["usd_value"].astype(float)
    # a range ("$4 billion to $5 billion") is drawn across its two ends, at the fact's own dollar rate
    rate = usd / df["value"].astype(float).where(df["value"].astype(float) != 0)
    df = df.assign(subject=df["subject"].fillna(NO_SUBJECT), usd=usd,
                   usd_low=(df["low"] * rate).fillna(usd), usd_high=(df["high"] * rate).fillna(usd))
    ranged = df["usd_low"].ne(df["usd_high"])
    df = df.assign(
        original=[amount(label="MONEY", value=r.value, unit=r.unit, low=r.low, high=r.high, approximate=a)
                  for r, a in zip(df.itertuples(), approx)],
        in_usd=[amount(label="MONEY", value=r.usd, unit="USD", low=r.usd_low if g else None,
                       high=r.usd_high if g else None, approximate=a or r.unit != "USD")
                for r, g, a in zip(df.itertuples(), ranged, approx)],
        currency=df["unit"].fillna("?"),
        source=df["usd_source"].fillna("") if "usd_source" in df.columns else "",
        period=[when_text(w) for w in df["when"]],
    )
    order = df.groupby("subject")["usd_high"].max().sort_values().index.tolist()
    group = "currency"
    if source_colors:  # coloured by who states each amount
        from .claims import with_sources

        df = df if "stated_by_label" in df.columns else with_sources(df)
        group = "stated_by_label"
    symbols = ["circle", "diamond", "square", "triangle-up", "star", "hexagon"]
    fig = go.Figure()
    for i, (name, part) in enumerate(df.groupby(group, sort=True)):
        fig.add_scatter(
            x=part["usd"], y=part["subject"], mode="markers+text", name=str(name),
            text=part["in_usd"], textposition="top center", cliponaxis=False,
            marker=dict(size=13, color=(source_colors or {}).get(name, NUMBER_COLOR), symbol=symbols[i % len(symbols)]),
            error_x=dict(type="data", symmetric=False, array=(part["usd_high"] - part["usd"]).tolist(),
                         arrayminus=(part["usd"] - part["usd_low"]).tolist(), thickness=3, width=6,
                         color=(source_colors or {}).get(name, NUMBER_COLOR), visible=bool(ranged[part.index].any())),
            customdata=part[["subject", "text", "original", "in_usd", "source", "period", "context"]].to_numpy(),
            hovertemplate="<b>%{customdata[1]}</b><br>stated: %{customdata[2]}<br>%{customdata[3]}"
                          "<br><i>%{customdata[4]}</i><br>%{customdata[5]}<br>%{customdata[6]}<extra></extra>",
        )
    log = bool((df["usd_low"] > 0).all())
    return _layout(fig, title, height=190 + 55 * len(order), margin=dict(l=10, r=60, t=70, b=10),
                   xaxis=dict(type="log" if log else "linear", title="US dollars"),
                   yaxis=dict(categoryorder="array", categoryarray=order, title=""),
                   showlegend=True if source_colors else None)  # who states it, even when one source does


def period_timeline(df: pd.DataFrame, *, y: str, title: str, order: list[str], note: str = "",
                    colors: dict[str, str] | None = None, color_by: str = "label") -> go.Figure:
    """Facts on a time line at their own date or period: a day is a symbol, a month or year a bar across it.

    `df` has when_start/when_end (from numbers_view.with_when), label, text, context and the `y` column.
    Nothing is drawn at a period's middle: a year reads as the whole year. One trace per kind, or, with
    `color_by` another column (e.g. who states the fact) and its `colors`, one per value of that column.
    """
    fig = go.Figure()
    df = df.assign(
        kind=df["label"].map(number_name), period=[when_text(w) for w in df["when"]],
        how=df["date_resolved"].fillna(False).astype(bool).map({True: "worked out from the published date",
                                                                 False: "as stated"})
        if "date_resolved" in df.columns else "as stated",
        extra=df["extra"] if "extra" in df.columns else "",
    )
    day = df["when_start"] == df["when_end"]
    hover = ("<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}, %{customdata[3]}"
             "<br>%{customdata[4]}<br>%{customdata[5]}<extra></extra>")
    cols = ["text", "kind", "period", "how", "extra", "context"]
    by_kind = color_by == "label"
    keys = sorted(df[color_by].unique(), key=lambda k: list(NUMBER_SYMBOLS).index(k) if k in NUMBER_SYMBOLS else 99) \
        if by_kind else list(dict.fromkeys(df[color_by]))
    for label in keys:
        part = df[df[color_by] == label]
        name = number_name(label) if by_kind else str(label)
        color = NUMBER_COLOR if by_kind else (colors or {}).get(label, NUMBER_COLOR)
        days, spans = part[day.loc[part.index]], part[~day.loc[part.index]]
        if len(spans):
            xs, ys, data = [], [], []
            for r in spans.itertuples():
                xs += [r.when_start, r.when_end + pd.Timedelta(hours=23, minutes=59), None]
                ys += [getattr(r, y)] * 2 + [None]
                row = [getattr(r, c) for c in cols]
                data += [row, row, [None] * len(cols)]
            fig.add_scatter(x=xs, y=ys, mode="lines+markers", name=name, legendgroup=label,
                            line=dict(color=color, width=7), opacity=0.55,
                            marker=dict(symbol="line-ns", size=14, line=dict(width=2, color=color)),
                            customdata=data, hovertemplate=hover, connectgaps=False)
        if len(days):
            fig.add_scatter(x=days["when_start"], y=days[y], mode="markers", name=name, legendgroup=label,
                            showlegend=not len(spans),
                            marker=dict(symbol=NUMBER_SYMBOLS.get(label, "circle"), size=12, color=color,
                                        line=dict(width=1, color=color)),
                            customdata=days[cols].to_numpy(), hovertemplate=hover)
    if note:
        fig.update_layout(title_subtitle_text=note.strip(" ()"))
    return _layout(fig, title, height=200 + 40 * len(order),
                   yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=""), xaxis_title=None)


def numbers_timeline(numbers: pd.DataFrame, *, source_colors: dict[str, str] | None = None) -> go.Figure:
    """Dated facts on a time line by subject: DATE facts at their dates, amounts at the period they refer to.

    Given `source_colors` (source label -> colour), one row per source instead, coloured by who states it.
    """
    from .numbers_view import NO_SUBJECT, restatements, with_when

    title = "Timeline of dated facts"
    if numbers.empty:
        return _empty(title, "No numbers match the filters")
    df = with_when(numbers[~restatements(numbers)])
    df = df[df["when_start"].notna()]
    if df.empty:
        return _empty(title, "No dated facts")
    df = df.assign(subject=df["subject"].fillna(NO_SUBJECT))
    order = df.sort_values("when_start")["subject"].drop_duplicates().tolist()
    if source_colors:
        from .claims import with_sources

        df = df if "stated_by_label" in df.columns else with_sources(df)
        fig = period_timeline(df, y="subject", title=title, order=order, colors=source_colors,
                              color_by="stated_by_label")
        return fig.update_layout(showlegend=True)  # who states it, even when one source does
    return period_timeline(df, y="subject", title=title, order=order)


def undated_note(n: int) -> str:
    return f" ({plural(n, 'fact')} without a date or period not shown)" if n else ""
