"""The shared sidebar: article picker and filters whose state holds across pages."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from .data import AppData

K_ARTICLE, K_LABELS, K_SPEAKERS, K_SEARCH = "article", "f_labels", "f_speakers", "f_search"


@dataclass
class Filters:
    """What the user chose in the sidebar."""

    articles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    search: str = ""


def _title(data: AppData, slug: str) -> str:
    art = data.corpus.analyses[slug]["article"]
    date = art.get("published") or "undated"
    title = art["title"]
    return f"{title[:70]}{'…' if len(title) > 70 else ''} ({date})"


def sidebar(data: AppData) -> Filters:
    """Render the picker and filters in the sidebar; return the current choice."""
    with st.sidebar:
        if not data.slugs:
            st.info("No processed articles yet.")
            return Filters()
        st.selectbox("Article", data.slugs, format_func=lambda s: _title(data, s), key=K_ARTICLE)
        slug = st.session_state[K_ARTICLE]
        ents = data.frames["entities"]
        quotes = data.frames["quotes"]
        labels = sorted(ents.loc[ents["article"] == slug, "label"].unique())
        speakers = sorted(quotes.loc[quotes["article"] == slug, "speaker"].unique())
        st.multiselect("Entity type", labels, key=K_LABELS, placeholder="All types")
        st.multiselect("Speaker", speakers, key=K_SPEAKERS, placeholder="All speakers")
        st.text_input("Search", key=K_SEARCH, placeholder="Words in names, quotes, numbers…")
        if st.button("Clear filters", use_container_width=True):
            for k in (K_LABELS, K_SPEAKERS):
                st.session_state[k] = []
            st.session_state[K_SEARCH] = ""
            st.rerun()
    return current()


def current() -> Filters:
    """The filters as they stand in the session (for pages)."""
    s = st.session_state
    art = s.get(K_ARTICLE)
    return Filters(
        articles=[art] if art else [],
        labels=list(s.get(K_LABELS) or []),
        speakers=list(s.get(K_SPEAKERS) or []),
        search=(s.get(K_SEARCH) or "").strip(),
    )


def apply(df: pd.DataFrame, f: Filters, *, label_col: str | None = None, speaker_col: str | None = None,
          search_cols: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of `df` that pass the filters (article always; the others where the columns exist)."""
    if df.empty:
        return df
    mask = df["article"].isin(f.articles)
    if label_col and f.labels:
        mask &= df[label_col].isin(f.labels)
    if speaker_col and f.speakers:
        mask &= df[speaker_col].isin(f.speakers)
    if f.search and search_cols:
        hit = pd.Series(False, index=df.index)
        for c in search_cols:
            hit |= df[c].astype("string").str.contains(f.search, case=False, regex=False, na=False)
        mask &= hit
    return df[mask]


def problems_box(data: AppData) -> None:
    """Say which processed files are stale or unreadable, and why; offer to process them."""
    probs = data.corpus.problems
    if not probs:
        return
    with st.sidebar.expander(f"⚠️ {len(probs)} article(s) need attention", expanded=not data.slugs):
        for p in probs:
            st.markdown(f"**{p.slug}** — {p.status}: {p.reason}")
        if st.button("Process them now", key="process_problems"):
            from newslens.config import data_dir
            from newslens.pipeline import ModelNotFoundError
            from newslens.store import preprocess

            from .data import get_nlp

            try:
                with st.spinner("Processing…"):
                    get_nlp()
                    report = preprocess(data_dir(), slugs=[p.slug for p in probs])
            except ModelNotFoundError as exc:
                st.error(str(exc))
                return
            failed = [f"{s}: {a}" for s, a in report if a.startswith("error")]
            if failed:
                st.error("Could not process: " + "; ".join(failed))
            else:
                st.rerun()
