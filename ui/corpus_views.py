"""Views across the whole corpus (Corpus page): trends over time, one entity everywhere, statement search.

Every view is a query on `data.db` (DuckDB over the index) that aggregates or pages before anything
reaches pandas, so it costs the same at 1,000 and 100,000 articles; results are cached per version of
the index and per parameters. The sidebar's entity type, speaker and search filters apply.
"""
from __future__ import annotations

import plotly.express as px
import streamlit as st

from newslens import corpus_queries as cq

from .charts import LAYOUT, _empty
from .data import AppData, _db
from .filters import Filters
from .highlight import md

PAGE = 25  # rows per page of the long tables


@st.cache_data(max_entries=64, show_spinner=False)
def _trend(root: str, version: int, kind: str, period: str, top: int, labels: tuple, speakers: tuple, search: str):  # noqa: ARG001
    return cq.trend(_db(root), kind, period=period, top=top,
                    scope=cq.Scope(labels=list(labels), speakers=list(speakers), search=search))


@st.cache_data(max_entries=64, show_spinner=False)
def _matches(root: str, version: int, words: str, labels: tuple):  # noqa: ARG001
    return cq.entity_matches(_db(root), words, labels=list(labels))


@st.cache_data(max_entries=64, show_spinner=False)
def _entity(root: str, version: int, key: str, what: str, offset: int):  # noqa: ARG001
    db = _db(root)
    if what == "summary":
        return cq.entity_summary(db, key)
    fn = {"mentions": cq.entity_mentions, "statements": cq.entity_statements, "numbers": cq.entity_numbers}[what]
    return fn(db, key, limit=PAGE, offset=offset)


@st.cache_data(max_entries=64, show_spinner=False)
def _search(root: str, version: int, words: str, speakers: tuple, offset: int):  # noqa: ARG001
    db, scope = _db(root), cq.Scope(speakers=list(speakers))
    return cq.search_statements(db, words, scope=scope, limit=PAGE, offset=offset), cq.count_statements(db, words, scope=scope)


def _key(data: AppData) -> tuple[str, int]:
    return str(data.db.root), data.db.version


def trend_chart(df, what: str):
    """Lines of the top items per period (DataFrame of cq.trend in, Plotly Figure out)."""
    if df.empty:
        return _empty(f"Top {what} over time", f"No dated {what} match the filters")
    fig = px.line(df, x="period", y="weight", color="name", markers=True, title=f"Top {what} over time",
                  labels={"period": "", "weight": {"entities": "mentions", "speakers": "statements",
                                                   "sources": "articles"}[what], "name": ""})
    fig.update_layout(**{**LAYOUT, "height": 380, "legend": {"orientation": "h", "y": -0.2}})
    return fig


def _trends(data: AppData, f: Filters) -> None:
    c1, c2, c3 = st.columns([2, 2, 1])
    what = c1.segmented_control("Top", list(cq.KINDS), default="entities", key="cv_kind") or "entities"
    period = c2.segmented_control("By", list(cq.PERIODS), default="month", key="cv_period") or "month"
    top = c3.number_input("How many", 3, 25, 8, key="cv_top")
    df = _trend(*_key(data), what, period, int(top), tuple(f.labels) if what == "entities" else (),
                tuple(f.speakers) if what == "speakers" else (), f.search)
    st.plotly_chart(trend_chart(df, what), key="cv_trend_chart")
    st.caption("Sidebar filters that apply: " + ("entity type, search (in the name)" if what == "entities" else
                                                 "speaker, search (in the name)" if what == "speakers" else
                                                 "search (in the source's name)") + ". Undated articles are left out.")


def _pager(key: str, total: int) -> int:
    pages = max(1, -(-total // PAGE))
    if pages == 1:
        return 0
    page = st.number_input(f"Page (of {pages:,})", 1, pages, 1, key=key)
    return (int(page) - 1) * PAGE


def _entity_view(data: AppData, f: Filters) -> None:
    words = st.text_input("Find an entity", key="cv_entity_find", placeholder="A name, e.g. Nvidia")
    matches = _matches(*_key(data), words.strip(), tuple(f.labels))
    if matches.empty:
        st.info("No entity matches.")
        return
    labels = {r.corpus_key: f"{r.name} ({r.label}) — {int(r.mentions):,} mentions in {int(r.articles):,} articles"
              for r in matches.itertuples()}
    key = st.selectbox("Entity", list(labels), format_func=labels.get, key="cv_entity", index=None,
                       placeholder=f"Choose one of the {len(labels)} most-mentioned entities that match")
    if key is None:
        st.caption("Every mention of it, what it said and the numbers about it, across all articles.")
        return
    s = _entity(*_key(data), key, "summary", 0)
    cols = st.columns(5)
    for col, (name, value) in zip(cols, [("Articles", s["articles"]), ("Mentions", s["mentions"]),
                                         ("Statements", s["statements"]), ("Numbers", s["numbers"])]):
        col.metric(name, f"{int(value or 0):,}")
    cols[4].metric("Dates", f"{s['first'] or '?'} – {s['last'] or '?'}")
    t_m, t_q, t_n = st.tabs(["Mentions", "Statements", "Numbers"])
    for tab, what, total in ((t_m, "mentions", s["mentions"]), (t_q, "statements", s["statements"]),
                             (t_n, "numbers", s["numbers"])):
        with tab:
            offset = _pager(f"cv_page_{what}", int(total or 0))
            st.dataframe(_entity(*_key(data), key, what, offset).drop(columns=["start", "end"], errors="ignore"),
                         hide_index=True, key=f"cv_{what}_table")


def _search_view(data: AppData, f: Filters) -> None:
    words = st.text_input("Search statements", key="cv_search", placeholder="Words every statement must contain")
    if not words.strip():
        st.caption("Every attributed statement of the corpus, searched by its words (case-insensitive).")
        return
    first, total = _search(*_key(data), words.strip(), tuple(f.speakers), 0)
    st.caption(f"{total:,} statements contain {md(words.strip())}" + (" (speakers from the sidebar)" if f.speakers else ""))
    offset = _pager("cv_search_page", total)
    rows = first if offset == 0 else _search(*_key(data), words.strip(), tuple(f.speakers), offset)[0]
    st.dataframe(rows.drop(columns=["start"], errors="ignore"), hide_index=True, key="cv_search_table",
                 column_config={"text": st.column_config.TextColumn("Statement", width="large")})


def render(data: AppData, f: Filters) -> None:
    """The three views, as tabs, under a heading."""
    if data.db is None:
        return
    st.subheader(f"Across the whole corpus ({len(data.corpus.analyses):,} articles)", anchor=False)
    t1, t2, t3 = st.tabs(["Trends", "An entity", "Search statements"])
    with t1:
        _trends(data, f)
    with t2:
        _entity_view(data, f)
    with t3:
        _search_view(data, f)
