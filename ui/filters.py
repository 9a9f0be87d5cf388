"""The shared sidebar: article picker and filters, shared by every page and kept in the URL."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from .data import AppData
from .highlight import md

# widget keys double as URL query parameter names (bind="query-params")
K_ARTICLE, K_LABELS, K_SPEAKERS, K_SEARCH = "article", "type", "speaker", "q"
K_SEED = "_article_default"  # the picker's default for this session (not a widget)
URL = "query-params"
PICKER_ALL = 1000  # up to this many articles the picker offers all of them
PICKER_FOUND = 200  # beyond, the newest articles matching "Find articles"


@dataclass
class Filters:
    """What the user chose in the sidebar."""

    articles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    search: str = ""


def article_title(data: AppData, slug: str, width: int = 60) -> str:
    """Short "title (date)" label for an article."""
    art = data.article(slug)  # from the index: no document is read for the picker's labels
    title = art["title"]
    short = f"{title[:width]}{'…' if len(title) > width else ''}"
    return f"{short} ({art.get('published') or 'undated'})"


def sidebar(data: AppData) -> Filters:
    """Render the picker and filters in the sidebar; return the current choice."""
    with st.sidebar:
        if not data.slugs:
            st.info("No processed articles yet.")
            return Filters()
        seed = _seed_articles(data)
        st.multiselect(
            "Articles", _article_options(data, seed), format_func=lambda s: article_title(data, s),
            default=seed, key=K_ARTICLE, placeholder="Choose articles",
            help="Every page shows the articles chosen here. The URL keeps the choice: share it.",
        )
        chosen = st.session_state.get(K_ARTICLE) or []
        # the URL carries slugs (short, stable), not the titles the picker shows
        st.query_params[K_ARTICLE] = chosen
        ents, quotes = data.frames["entities"], data.frames["quotes"]
        labels = sorted(ents.loc[ents["article"].isin(chosen), "label"].unique())
        speakers = sorted(quotes.loc[quotes["article"].isin(chosen), "speaker"].unique())
        st.multiselect("Entity type", labels, key=K_LABELS, bind=URL, placeholder="All types")
        st.multiselect("Speaker", speakers, key=K_SPEAKERS, bind=URL, placeholder="All speakers")
        st.text_input("Search", key=K_SEARCH, bind=URL, placeholder="Words in names, quotes, numbers…")
        st.button("Clear filters", on_click=clear_filters, use_container_width=True)
    return current()


def _article_options(data: AppData, seed: list[str]) -> list[str]:
    """Every article for a small corpus; for a large one, the chosen ones (or the seed) plus the titles found."""
    if len(data.corpus.analyses) <= PICKER_ALL or data.db is None:
        return data.slugs
    words = st.text_input("Find articles", key="find_article", placeholder="Words in the title, or a source…",
                          help=f"{len(data.corpus.analyses):,} articles: the newest {PICKER_FOUND} matching ones "
                               "are offered below.")
    chosen = list(st.session_state.get(K_ARTICLE) or seed)
    found = data.db.find_articles(words, limit=PICKER_FOUND)
    return chosen + [s for s in found if s not in set(chosen)]


def _seed_articles(data: AppData) -> list[str]:
    """The picker's default: the articles named in the URL when the session began, else the first article.

    The default is fixed for the session (kept under K_SEED) and given to the widget as `default=`, not
    written into its state: a browser that reports its widgets before it has applied a value the script
    wrote (a slow machine, a quick first click) then reports the default rather than an empty choice.
    Articles removed from disk since the last run leave the choice.
    """
    known = data.corpus.analyses  # a set lookup, not a scan of the slugs
    seed = st.session_state.get(K_SEED)
    if seed is None or any(s not in known for s in seed):
        from_url = [s for s in st.query_params.get_all(K_ARTICLE) if s in known]
        seed = st.session_state[K_SEED] = from_url or data.slugs[:1]
    state = st.session_state.get(K_ARTICLE)
    if state is not None:
        kept = [s for s in state if s in known]
        if kept != state:
            st.session_state[K_ARTICLE] = kept
    return seed


def clear_filters() -> None:
    """Reset the sidebar filters (not the article choice)."""
    st.session_state[K_LABELS] = []
    st.session_state[K_SPEAKERS] = []
    st.session_state[K_SEARCH] = ""


def set_filter(key: str, values: list[str]) -> None:
    """Callback-safe way for a chart click to set a sidebar filter."""
    st.session_state[key] = values


def current() -> Filters:
    """The filters as they stand in the session (for pages)."""
    s = st.session_state
    return Filters(
        articles=list(s.get(K_ARTICLE) or []),
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
            st.markdown(f"**{md(p.slug)}** — {p.status}: {md(p.reason)}")
        if st.button("Process them now", key="process_problems"):
            from newslens.config import data_dir
            from newslens.pipeline import ModelNotFoundError
            from newslens.preprocess import preprocess

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
