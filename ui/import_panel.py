"""The Import panel (Analyse page): files, a folder or feed links → new articles, then preprocessing.

Tables (CSV, JSON Lines) get a preview of their first rows and a column mapping with the detected
columns preselected. The run shows progress with an ETA. Pressing Stop (or any other widget) stops it
after the current item; pressing Import again with the same inputs continues where it stopped (the
run's journal is in the data folder). The report of refused and duplicate items is shown and offered
as a CSV download.
"""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from newslens import importer
from newslens.config import data_dir
from newslens.importer import sources as import_sources_mod
from newslens.importer.tables import FIELDS, TableError, detect_mapping
from newslens.progress import Progress

from .highlight import md

K_RESULT = "im_result"
K_RUNNING = "im_running"
TYPES = ["txt", "md", "markdown", "html", "htm", "csv", "tsv", "jsonl", "ndjson", "json", "xml", "rss", "atom"]
LABELS = {"text": "Text", "title": "Title", "published": "Published", "source": "Source", "url": "Link"}
NONE = "(none)"


def _inputs() -> tuple[list, list[str]]:
    mode = st.radio("What to import", ["Files", "A folder", "Feed links"], horizontal=True, key="im_mode", index=None)
    blobs, links = [], []
    if mode is None:  # (no second file uploader on the page until one is wanted)
        return blobs, links
    if mode == "Feed links":
        raw = st.text_area("RSS or Atom feed links, one per line", key="im_links", placeholder="https://…/feed.xml")
        links = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    else:
        files = st.file_uploader(
            "Files: articles (.txt, .md, .html), tables (.csv, .jsonl, .json) or feeds (.xml, .rss, .atom)",
            type=TYPES, accept_multiple_files="directory" if mode == "A folder" else True, key=f"im_files_{mode}")
        blobs = [importer.Blob(f.name, f.getvalue()) for f in files or []]
    return blobs, links


def _mapping(src: import_sources_mod.TableSource, i: int) -> None:
    """Preview and column choices for one table; sets `src.mapping`."""
    with st.expander(f"{src.label}: columns", expanded=True):
        try:
            cols = src.table.columns()
            preview = src.table.preview(5)
        except TableError as exc:
            st.error(md(str(exc)), icon=":material/block:")
            return
        shown = pd.DataFrame([{k: _short(v) for k, v in r.items() if k is not None} for r in preview])
        st.dataframe(shown, hide_index=True, key=f"im_preview_{i}")
        found = detect_mapping(cols)
        picks = st.columns(len(FIELDS))
        chosen = {}
        for col, fld in zip(picks, FIELDS):
            options = [NONE] + cols
            default = options.index(found[fld]) if found[fld] in cols else 0
            got = col.selectbox(LABELS[fld], options, index=default, key=f"im_map_{i}_{fld}")
            if got != NONE:
                chosen[fld] = got
        src.mapping = chosen
        if "text" not in chosen and "url" not in chosen:
            st.warning("Choose the column with the article text (or a link column to fetch each page).",
                       icon=":material/warning:")


def _short(value) -> str:
    s = " ".join(str(value if value is not None else "").split())
    return s if len(s) <= 120 else s[:117] + "…"


def _options() -> importer.Options:
    with st.expander("Options"):
        c1, c2, c3 = st.columns(3)
        dates = c1.selectbox("Numeric dates (03/04/2026)", ["auto", "dmy", "mdy"], key="im_dates",
                             format_func={"auto": "Learn per column", "dmy": "Day first", "mdy": "Month first"}.get)
        fmt = c2.text_input("Date format (optional)", key="im_date_fmt", placeholder="%d/%m/%Y %H:%M")
        pages = c3.selectbox("Feed items' pages", ["auto", "always", "never"], key="im_feed_pages",
                             format_func={"auto": "Fetch unless the feed has the full text", "always": "Always fetch",
                                          "never": "Never fetch"}.get)
        c4, c5, c6 = st.columns(3)
        source = c4.text_input("Source for items that name none", key="im_source")
        fetch = c5.checkbox("Fetch links", value=True, key="im_fetch", help="Rows without text and feed items")
        force = c6.checkbox("Import text that does not look like English", key="im_force")
    return importer.Options(dates=dates, date_format=fmt.strip() or None, feed_pages=pages, fetch=fetch,
                            source=source.strip() or None, force_language=force)


def _run(inputs: list, sources: list, options: importer.Options) -> None:
    root = data_dir()
    st.session_state[K_RUNNING] = True
    with st.status("Importing…", expanded=True) as status:
        st.button("Stop", key="im_stop", icon=":material/stop:",
                  help="Stops after the current item; Import again continues where it stopped.")
        bar = st.progress(0.0, text="Reading…")
        eta = Progress(stream=io.StringIO(), quiet=True)

        def show(done: int, total: int, item: str) -> None:
            line = eta.line(done, total, "")
            bar.progress(min(1.0, done / max(total, 1)), text=f"{md(item[:70])} · {line.split('] ', 1)[-1]}")
        report = importer.import_sources(inputs, root=root, options=options, sources=sources, progress=show)
        if report.added:
            status.update(label=f"Processing {len(report.added)} new article(s)…")
            pre = Progress(stream=io.StringIO(), quiet=True)
            bar.progress(0.0, text="Processing the new articles…")
            importer.preprocess_added(report, root=root, progress=lambda d, t, s: bar.progress(
                d / max(t, 1), text=f"Processing {md(s)} · {pre.line(d, t, '').split('] ', 1)[-1]}"))
        status.update(label=f"Import: {report.summary()}", state="complete", expanded=False)
    st.session_state[K_RESULT] = (report.summary(), importer.report_rows(report), importer.report_csv(report),
                                  str(report.report_path))
    st.session_state.pop(K_RUNNING, None)


def _show_result() -> None:
    got = st.session_state.get(K_RESULT)
    if not got:
        return
    summary, rows, csv_text, path = got
    st.success(md(f"Import: {summary}."), icon=":material/library_add:")
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="im_report", column_config={
            "item": st.column_config.TextColumn("Item", width="medium"),
            "reason": st.column_config.TextColumn("Reason", width="large")})
        st.download_button("Download the report (CSV)", csv_text, file_name="newslens-import-report.csv",
                           mime="text/csv", key="im_report_dl", icon=":material/download:")
        st.caption(f"Also saved as {md(path)}")


def render() -> None:
    """The whole panel."""
    st.caption("Import a collection: a folder of saved articles, a CSV or JSON Lines export "
               "(title, date, source, url, text), or RSS/Atom feeds. Identical texts are skipped; every "
               "refused item is listed with its reason.")
    if st.session_state.pop(K_RUNNING, None):
        st.info("The last import was stopped. Press **Import** again with the same inputs to continue where it "
                "stopped.", icon=":material/pause_circle:")
    blobs, links = _inputs()
    options = _options()
    try:
        sources = import_sources_mod.resolve(blobs + links, options=options)
    except Exception as exc:  # noqa: BLE001 - a bad input must be a message, not a traceback
        st.error(md(str(exc)), icon=":material/block:")
        return
    for i, src in enumerate(sources):
        if isinstance(src, import_sources_mod.TableSource):
            _mapping(src, i)
    if st.button("Import", key="im_go", type="primary", icon=":material/play_arrow:", disabled=not sources):
        st.session_state.pop(K_RESULT, None)
        _run(blobs + links, sources, options)
    _show_result()
