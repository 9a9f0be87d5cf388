"""Streamlit side of "bring your own article": reading, queueing the analysis, progress, result cards, Add, removal."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Callable

import pandas as pd
import streamlit as st

from newslens import ingest
from newslens.config import data_dir, model_name
from newslens.index import frames
from newslens.storage import Corpus, corrections_sha
from newslens.workpool import Item

from . import workers
from .data import get_nlp
from .filters import K_ARTICLE
from .highlight import Mark, article_html, md
from .numbers_view import NUMBER_COLUMNS, number_table
from .tables import ENT_COLUMNS, QUOTE_COLUMNS
from .theme import type_name

PREVIEW_NUMBER_COLUMNS = ["text", "kind", "amount", "usd", "when_text", "stated_by_label"]
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
    added: tuple[str, str] | None = None  # the outcome of Add: ("added" | "present" | "error", slug or message)


def analysis_key(cand: ingest.Candidate) -> tuple:
    """What an analysis depends on: the text, its metadata, the corrections and the model."""
    return (cand.sha256, cand.title, cand.published, cand.source, cand.url, corrections_sha(data_dir()), model_name())


def start_batch(jobs: list[tuple[str, Callable[[], object]]], *, pasted: str | None = None) -> list[Result]:
    """Read each job (label, reader) here, then queue what needs analysing in the server's worker pool.

    Never raises for bad input: every refusal becomes a Result with its message. Texts analysed lately
    (by anyone on this server) come from the cache at once; the rest are one pool job for this reader.
    """
    results: list[Result] = []
    for label, read in jobs:
        try:
            got = read()
        except ingest.IngestError as exc:
            results.append(Result(label, error=str(exc), language=isinstance(exc, ingest.LanguageError)))
            continue
        results.extend(_result_of(up, label) for up in (got if isinstance(got, list) else [got]))
    items, targets, keys = [], [], []
    limit = workers.app_max_chars()
    cache = workers.done_cache()
    for i, res in enumerate(results):
        cand = res.cand
        if cand is None or res.duplicate_of is not None:
            continue
        if len(cand.text) > limit:
            res.error = (f"{res.label}: {len(cand.text):,} characters is more than this app analyses at once "
                         f"({limit:,}; the work grows faster than the text and the server is shared). Split it, "
                         "or analyse it with python -m newslens analyze FILE (up to "
                         f"{ingest.MAX_CHARS:,} characters)")
            continue
        res.present_as = ingest.find_duplicate(data_dir(), cand.text)
        key = analysis_key(cand)
        res.doc = cache.get(key)
        if res.doc is None:
            items.append(Item(cand.text, cand.title, cand.published, cand.source, cand.url, cand.origin))
            targets.append(i)
            keys.append(key)
    st.session_state[K_RESULTS] = results
    st.session_state.pop(K_CONFIRM, None)
    if items:
        workers.start(items, targets, keys, root=str(data_dir()), model=model_name(), pasted=pasted)
    else:
        workers.cancel("replaced")
        st.session_state.pop(workers.K_RUN, None)
    return results


STOPPED = {
    "replaced": "Stopped: a newer analysis replaced it.",
    "text changed": "Stopped: the pasted text changed. Press **Analyse text** to analyse the new text.",
    "cancelled": "Stopped: you cancelled the analysis.",
    "left": "Stopped: this page was closed before the analysis finished.",
    "shutdown": "Stopped: the server is shutting down.",
}


def collect() -> None:
    """Move a finished run's analyses into the results (once); say why a stopped one stopped."""
    run = workers.current()
    if run is None or run.collected or not run.job.is_finished:
        return
    run.collected = True
    results: list[Result] = st.session_state.get(K_RESULTS) or []
    cache = workers.done_cache()
    for j, (status, payload) in enumerate(run.job.results):
        if j >= len(run.targets) or run.targets[j] >= len(results):
            continue
        res = results[run.targets[j]]
        if status == "ok":
            res.doc = payload
            cache.put(run.keys[j], payload)
        else:
            res.error = f"{res.label} {payload}" if not str(payload).startswith(res.label) else str(payload)
    if run.job.state == "failed":
        st.session_state[K_NOTICE] = ("error", f"The analysis could not finish: {run.job.error}")
    elif run.job.state == "cancelled":
        st.session_state[K_NOTICE] = ("stopped", STOPPED.get(run.job.reason or "", "Stopped."))


def progress_area():
    """While the reader's analysis is queued or running: a bar, a line and Cancel. Returns what
    `follow_progress` redraws, or None when nothing is running."""
    run = workers.current()
    if run is None or run.job.is_finished:
        return None
    with st.container(border=True):
        pool = workers.get_pool()
        frac, line = workers.status_line(pool, run.job)
        bar = st.progress(frac, text=line)
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        note = c1.empty()
        note.caption("The page stays usable meanwhile; going to another page keeps the analysis running "
                     "while this tab is open.")
        c2.button("Cancel", key="an_cancel", icon=":material/stop_circle:", on_click=workers.cancel)
    return run, bar, note


def follow_progress(area) -> None:
    """Redraw the progress until the analysis is finished, then show the page with its results."""
    if area is None:
        return
    run, bar, note = area
    workers.follow(run, bar, note)
    st.rerun()


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
            run = workers.current()
            if run is not None and not run.job.is_finished:
                st.caption("Waiting for the analysis (progress above)…")
            return
        show_preview(res.doc, key=f"{i}_{cand.sha256[:10]}")
        if _add_outcome(res):
            return
        if res.present_as:
            st.info(f"Already in your articles as `{res.present_as}` (identical text).", icon=":material/check_circle:")
            st.page_link("pages/overview.py", label="Open it in Overview", icon=":material/article:")
            return
        with st.expander("Title, date and source to keep"):
            k = cand.sha256[:12]
            for key, label, value in ((f"an_t_{k}", "Title", cand.title), (f"an_p_{k}", "Published (YYYY-MM-DD)",
                                      cand.published or ""), (f"an_s_{k}", "Source", cand.source or "")):
                keep(key, value)
                st.text_input(label, key=key, max_chars=300 if label == "Title" else None, on_change=remember,
                              args=(key,))
        st.button("Add to my articles", key=f"an_add_{i}_{cand.sha256[:10]}", type="primary",
                  icon=":material/library_add:", on_click=_add, args=(i,))


def _add_outcome(res: Result) -> bool:
    """The one message for what Add did (added / already there / refused); True when it ends the card."""
    if res.added is None:
        return False
    kind, what = res.added
    if kind == "error":
        st.error(md(what), icon=":material/error:")
        return False  # the Add button stays: the reader may try again
    if kind == "added":
        st.success(f"Added “{md(res.cand.title)}” to your articles as `{md(what)}`.", icon=":material/check_circle:")
    else:
        st.info(f"Already in your articles as `{md(what)}` (identical text); nothing was added.",
                icon=":material/check_circle:")
    st.page_link("pages/overview.py", label="Open it in Overview", icon=":material/article:")
    return True


def keep(key: str, default) -> None:
    """Before a widget: give it back the value it had when the reader left the page (widget state is
    dropped when its page is not shown; the copy under `_keep_<key>` is not)."""
    s = st.session_state
    if key not in s:
        s[key] = s.get(f"_keep_{key}", default)


def remember(key: str) -> None:
    """on_change of a kept widget: copy its value where navigation does not drop it."""
    st.session_state[f"_keep_{key}"] = st.session_state.get(key)


PREVIEW_ROWS = 50  # rows of each table drawn on the page (the downloads have every row)
TEXT_PAGE = 20_000  # characters of marked-up text drawn at once


def show_preview(doc: dict, *, key: str) -> None:
    """Counts, the first rows of the entity, quote and number tables, the marked-up text one part at a
    time, and downloads of everything (so a very long article stays quick to draw)."""
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
        ents = ents.assign(type=ents["label"].map(type_name),
                           aliases=ents["aliases"].map(lambda a: ", ".join(a) if isinstance(a, (list, tuple)) else a))
        _table(ents[["name", "type", "mentions", "aliases"]], f"pv_e_{key}", column_config=ENT_COLUMNS)
    with t_quo:
        _table(fr["quotes"][["speaker", "kind", "text"]], f"pv_q_{key}", column_config=QUOTE_COLUMNS)
    with t_num:
        # the Numbers page's own table: a range reads as its two ends, an estimate with ≈, never a midpoint
        _table(number_table(fr["numbers"])[PREVIEW_NUMBER_COLUMNS], f"pv_n_{key}", column_config=NUMBER_COLUMNS)
    with t_txt:
        _text_part(doc, key)
    slug = ingest.slugify(doc["article"].get("title") or "article")
    st.download_button("Download the analysis (JSON)", data=lambda: json.dumps(doc, ensure_ascii=False, indent=1),
                       file_name=f"newslens-{slug}-analysis.json", mime="application/json", on_click="ignore",
                       key=f"pv_dl_{key}", icon=":material/download:")


def _table(df: pd.DataFrame, key: str, column_config: dict | None = None) -> None:
    st.dataframe(df.head(PREVIEW_ROWS), hide_index=True, key=key, column_config=column_config)
    if len(df) > PREVIEW_ROWS:
        st.caption(f"The first {PREVIEW_ROWS} of {len(df):,} rows; the JSON download below has them all.")


def text_parts(text: str, size: int = TEXT_PAGE) -> list[tuple[int, int]]:
    """[start, end) parts of about `size` characters, cut after a line break where there is one."""
    parts, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + size // 2, start + size)
        end = cut + 1 if cut >= 0 else start + size
        parts.append((start, end))
        start = end
    parts.append((start, len(text)))
    return parts


def _text_part(doc: dict, key: str) -> None:
    text = doc["article"]["text"]
    parts = text_parts(text)
    n = 0
    if len(parts) > 1:
        n = st.selectbox(f"Part of the text ({len(parts)} parts of about {TEXT_PAGE:,} characters)",
                         range(len(parts)), key=f"pv_part_{key}",
                         format_func=lambda i: f"{i + 1}: characters {parts[i][0]:,}–{parts[i][1]:,}")
    a, b = parts[n]
    marks = [Mark(m["start"], m["end"], "entity", e["label"], f"{e['name']} · {e['label']}")
             for e in doc["entities"] for m in e["mentions"]]
    marks += [Mark(q["start"], q["end"], "quote", q["kind"], q.get("speaker") or "unattributed") for q in doc["quotes"]]
    marks += [Mark(x["start"], x["end"], "number", x["label"], x["label"]) for x in doc["numbers"]]
    shown = [Mark(max(m.start, a) - a, min(m.end, b) - a, m.layer, m.label, m.title)
             for m in marks if m.start < b and m.end > a]
    with st.container(height=400):
        st.html(article_html(text[a:b], shown))


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
        res.added = ("error", f"{res.label}: {exc}")
        return
    except OSError as exc:
        res.added = ("error", f"{res.label}: could not write to the data folder ({exc.strerror or exc})")
        return
    res.added = ("added" if added.created else "present", added.slug)
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
    if kind == "removed":
        st.success(md(msg), icon=":material/delete:")
    elif kind == "stopped":
        st.warning(msg, icon=":material/stop_circle:")  # our own fixed sentences (with Markdown), no user text
    else:
        st.error(md(msg), icon=":material/error:")


# ------------------------------------------------------------------ your articles


def articles_table(root, corpus: Corpus, articles=None, *, slugs: list[str] | None = None) -> pd.DataFrame:
    """One row per stored article (processed or not), or per slug of `slugs`: name, title, date, source,
    state (the index gives the processed ones; a sidecar is read only for the others)."""
    from newslens.metadata import read_sidecar
    from newslens.storage import articles_dir, list_slugs

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
        if r.added and r.added[0] != "error" and r.added[1] == slug:
            r.added = None
    s[K_NOTICE] = ("removed", f"Removed {slug} ({len(removed)} files).")


def on_paste_change() -> None:
    """The paste box changed: keep its text across pages; stop an analysis of the text it replaced."""
    remember("an_text")
    workers.cancel_if_text_changed("an_text")
