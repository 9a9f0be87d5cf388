"""Streamlit side of "bring your own article": cached analysis, the batch runner, result cards, removal."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import pandas as pd
import streamlit as st

from newslens import ingest
from newslens.config import data_dir, model_name
from newslens.store import Corpus, corrections_sha, frames

from .data import get_nlp
from .filters import K_ARTICLE
from .highlight import Mark, article_html, md

K_RESULTS = "an_results"
K_CONFIRM = "an_confirm_remove"
K_NOTICE = "an_notice"


@dataclass
class Result:
    """One article read for analysis: the candidate and its analysis, or why it was refused."""

    label: str
    cand: ingest.Candidate | None = None
    doc: dict | None = None
    error: str | None = None
    language: bool = False  # refused as not English (the user may insist)
    present_as: str | None = None  # slug of an identical stored article
    duplicate_of: str | None = None  # label of an identical article in the same batch
    notes: list[str] = field(default_factory=list)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def analyse_cached(sha256: str, title: str, published: str | None, source: str | None, url: str | None,
                   corrections: str, model: str, _text: str) -> dict:  # noqa: ARG001 - the key is the text's sha256
    """The processed document for a text, computed once per (sha256, metadata, corrections, model)."""
    cand = ingest.Candidate(text=_text, title=title, published=published, source=source, url=url)
    return ingest.analyse_for_store(cand, nlp=get_nlp(), root=data_dir())  # get_nlp(): the same cache entry as the sidebar


def analyse(cand: ingest.Candidate) -> dict:
    return analyse_cached(cand.sha256, cand.title, cand.published, cand.source, cand.url,
                          corrections_sha(data_dir()), model_name(), cand.text)


def run_batch(jobs: list[tuple[str, Callable[[], object]]]) -> list[Result]:
    """Read and analyse each job (label, reader) with progress shown; never raises for bad input."""
    results: list[Result] = []
    n = len(jobs)
    with st.status(f"Analysing {n} article{'s' if n != 1 else ''}…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting…")
        for i, (label, read) in enumerate(jobs):
            bar.progress(i / n, text=f"Reading {label}")
            try:
                got = read()
            except ingest.IngestError as exc:
                results.append(Result(label, error=str(exc), language=isinstance(exc, ingest.LanguageError)))
                st.write(f"✗ {md(label)}: refused")
                continue
            uploads = got if isinstance(got, list) else [got]
            for up in uploads:
                res = _result_of(up, label)
                if res.cand is not None and res.duplicate_of is None:
                    bar.progress((i + 0.5) / n, text=f"Analysing {res.cand.title[:60]}")
                    res.present_as = ingest.find_duplicate(data_dir(), res.cand.text)
                    try:
                        res.doc = analyse(res.cand)
                    except ingest.IngestError as exc:
                        res.error = str(exc)
                    except Exception as exc:  # noqa: BLE001 - e.g. the model is missing: say so, no traceback
                        res.error = f"could not be analysed: {exc.__class__.__name__}: {str(exc)[:200]}"
                results.append(res)
                st.write(("✗ " if res.error else "✓ ") + md(res.label))
        bar.progress(1.0, text="Done")
        bad = sum(1 for r in results if r.error)
        status.update(
            label=f"Analysed {len(results) - bad} of {len(results)}" + (f" — {bad} refused" if bad else ""),
            state="error" if bad and bad == len(results) else "complete", expanded=False,
        )
    return results


def _result_of(up, label: str) -> Result:
    if isinstance(up, ingest.Upload):
        if up.error:
            return Result(up.label, error=up.error, language=up.language)
        return Result(up.label, cand=up.candidate, duplicate_of=up.duplicate_of, notes=list(up.candidate.warnings))
    return Result(label, cand=up, notes=list(up.warnings))


# ------------------------------------------------------------------ showing results


def show_result(i: int, res: Result) -> None:
    """A card with counts, a preview of the tables and the article text, and the Add button."""
    if res.error:
        hint = " Tick **Analyse text that does not look like English** above to analyse it anyway." if res.language else ""
        err = res.error
        body = f"**{md(res.label)}** {md(err[len(res.label):].lstrip())}" if err.startswith(res.label) else \
            f"**{md(res.label)}**: {md(err)}"
        st.error(f"{body}.{hint}", icon=":material/block:")
        return
    cand = res.cand
    with st.container(border=True):
        st.subheader(md(cand.title), anchor=False)
        bits = [cand.origin, cand.source, cand.published or "date unknown", f"sha256 {cand.sha256[:12]}…"]
        st.caption(" · ".join(md(b) for b in bits if b))
        for note in res.notes:
            st.warning(md(note), icon=":material/warning:")
        if res.duplicate_of:
            st.info(f"Same text as {md(res.duplicate_of)} in this upload; shown once.", icon=":material/content_copy:")
            return
        if res.doc is None:
            return
        show_preview(res.doc, key=f"{i}_{cand.sha256[:10]}")
        if res.present_as:
            st.info(f"Already in your articles as `{res.present_as}` (identical text).", icon=":material/check_circle:")
            st.page_link("pages/overview.py", label="Open it in Overview", icon=":material/article:")
            return
        with st.expander("Title, date and source to keep"):
            k = cand.sha256[:12]
            st.text_input("Title", value=cand.title, key=f"an_t_{k}", max_chars=300)
            st.text_input("Published (YYYY-MM-DD)", value=cand.published or "", key=f"an_p_{k}")
            st.text_input("Source", value=cand.source or "", key=f"an_s_{k}")
        st.button("Add to my articles", key=f"an_add_{i}_{cand.sha256[:10]}", type="primary",
                  icon=":material/library_add:", on_click=_add, args=(i,))


def show_preview(doc: dict, *, key: str) -> None:
    """Counts and the first rows of the entity, quote and number tables, plus the marked-up text."""
    fr = frames(Corpus(analyses={"preview": doc}))
    text = doc["article"]["text"]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Entities", len(doc["entities"]))
    c2.metric("Statements", len(doc["quotes"]))
    c3.metric("Numeric facts", len(doc["numbers"]))
    c4.metric("Words", f"{len(text.split()):,}")
    t_ent, t_quo, t_num, t_txt = st.tabs(["Entities", "Quotes", "Numbers", "Text"])
    with t_ent:
        ents = fr["entities"].sort_values(["mentions", "salience"], ascending=False)
        st.dataframe(ents[["name", "label", "mentions", "aliases"]].head(50), hide_index=True, key=f"pv_e_{key}")
    with t_quo:
        st.dataframe(fr["quotes"][["speaker", "kind", "text"]].head(50), hide_index=True, key=f"pv_q_{key}")
    with t_num:
        st.dataframe(fr["numbers"][["text", "label", "value", "unit", "date"]].head(50), hide_index=True,
                     key=f"pv_n_{key}")
    with t_txt:
        marks = [Mark(m["start"], m["end"], "entity", e["label"], f"{e['name']} · {e['label']}")
                 for e in doc["entities"] for m in e["mentions"]]
        marks += [Mark(q["start"], q["end"], "quote", q["kind"], q.get("speaker") or "unattributed") for q in doc["quotes"]]
        marks += [Mark(n["start"], n["end"], "number", n["label"], n["label"]) for n in doc["numbers"]]
        with st.container(height=400):
            st.html(article_html(text, marks))


def _add(i: int) -> None:
    """Button callback: store result i (with the title/date/source the user may have edited)."""
    results: list[Result] = st.session_state.get(K_RESULTS) or []
    if i >= len(results) or results[i].cand is None:
        return
    res = results[i]
    k = res.cand.sha256[:12]
    s = st.session_state
    try:
        cand = replace(
            res.cand,
            title=ingest.clean_title(s.get(f"an_t_{k}", res.cand.title)) or res.cand.title,
            published=ingest.parse_published(s.get(f"an_p_{k}", res.cand.published)),
            source=(s.get(f"an_s_{k}", res.cand.source) or "").strip() or None,
        )
        added = ingest.add_article(cand, nlp=None if _same_meta(cand, res.doc) else get_nlp(), root=data_dir(),
                                   processed=res.doc)
    except ingest.IngestError as exc:
        s[K_NOTICE] = ("error", f"{res.label}: {exc}")
        return
    except OSError as exc:
        s[K_NOTICE] = ("error", f"{res.label}: could not write to the data folder ({exc.strerror or exc})")
        return
    res.present_as = added.slug
    s[K_NOTICE] = ("success", f"Added “{cand.title}” as {added.slug}." if added.created
                   else f"“{cand.title}” is already in your articles as {added.slug}.")
    s[K_ARTICLE] = [added.slug]  # show it in the sidebar's picker, on every page


def _same_meta(cand: ingest.Candidate, doc: dict | None) -> bool:
    if not doc:
        return False
    art = doc["article"]
    return (art.get("title"), art.get("published"), art.get("source")) == (cand.title, cand.published, cand.source)


def show_notice() -> None:
    """The outcome of the last add/remove, in a container that is always there (so the widgets below
    keep their place and the tab the user is on stays open)."""
    slot = st.container()
    note = st.session_state.pop(K_NOTICE, None)
    if not note:
        return
    with slot:
        _notice(*note)


def _notice(kind: str, msg: str) -> None:
    if kind == "success":
        st.success(md(msg), icon=":material/check_circle:")
        st.page_link("pages/overview.py", label="Open it in Overview", icon=":material/article:")
    elif kind == "removed":
        st.success(md(msg), icon=":material/delete:")
    else:
        st.error(md(msg), icon=":material/error:")


# ------------------------------------------------------------------ your articles


def articles_table(root, corpus: Corpus, articles=None, *, slugs: list[str] | None = None) -> pd.DataFrame:
    """One row per stored article (processed or not), or per slug of `slugs`: name, title, date, source,
    state (the index gives the processed ones; a sidecar is read only for the others)."""
    from newslens.metadata import read_sidecar
    from newslens.store import articles_dir, list_slugs

    problems = {p.slug: p for p in corpus.problems}
    if slugs is None:
        slugs = sorted(set(articles) | set(problems)) if articles else list_slugs(root)
    rows = []
    for slug in slugs:
        art = (articles or {}).get(slug) or corpus.analyses.get(slug, {}).get("article", {})  # index rows: no JSON read
        meta = {} if art else read_sidecar(articles_dir(root) / f"{slug}.txt")
        p = problems.get(slug)
        rows.append({
            "article": slug, "title": art.get("title") or meta.get("title") or "",
            "published": art.get("published") or meta.get("published"), "source": art.get("source") or meta.get("source"),
            "state": f"{p.status}: {p.reason}" if p else "ready",
        })
    return pd.DataFrame(rows, columns=["article", "title", "published", "source", "state"])


def confirm_remove(root) -> None:
    """The second step of removing an article: say what will be deleted, then do it or cancel."""
    slug = st.session_state.get(K_CONFIRM)
    if not slug:
        return
    files = [p for p in ingest.article_files(root, slug) if p.exists()]
    with st.container(border=True):
        st.warning(
            f"Remove **{md(slug)}**? This deletes " + ", ".join(f"`{p.relative_to(root)}`" for p in files)
            + ". It cannot be undone.", icon=":material/delete_forever:",
        )
        c1, c2 = st.columns(2)
        c1.button("Yes, remove it", key="an_remove_yes", type="primary", on_click=_remove, args=(slug,))
        c2.button("Cancel", key="an_remove_no", on_click=lambda: st.session_state.pop(K_CONFIRM, None))


def _remove(slug: str) -> None:
    s = st.session_state
    s.pop(K_CONFIRM, None)
    try:
        removed = ingest.remove_article(slug, root=data_dir())
    except ingest.IngestError as exc:
        s[K_NOTICE] = ("error", str(exc))
        return
    chosen = [x for x in (s.get(K_ARTICLE) or []) if x != slug]
    if chosen:
        s[K_ARTICLE] = chosen
    else:  # nothing left chosen: let the sidebar pick the first article again
        s.pop(K_ARTICLE, None)
    for r in s.get(K_RESULTS) or []:
        if r.present_as == slug:
            r.present_as = None
    s[K_NOTICE] = ("removed", f"Removed {slug} ({len(removed)} files).")
