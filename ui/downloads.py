"""Download buttons: each table as shown (the headers the reader sees) as CSV, the whole analysis as JSON."""
from __future__ import annotations

import json
import re
import unicodedata

import pandas as pd
import streamlit as st

from .data import AppData


def title_slug(title: str, width: int = 60) -> str:
    """A file-name part from a title: "China semiconductor expert…" -> "china-semiconductor-expert-…"."""
    ascii_ = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > width:
            break
        out = f"{out}-{w}" if out else w
    return out or "article"


def export_name(titles: list[str], what: str, ext: str) -> str:
    """File name after the article's title: `newslens-china-semiconductor-…-quotes.csv`, or `newslens-3-articles-…`."""
    base = title_slug(titles[0]) if len(titles) == 1 else f"{len(titles)}-articles"
    return f"newslens-{base}-{what}.{ext}"


def _label(name: str, cfg) -> str:
    if isinstance(cfg, str):
        return cfg
    if isinstance(cfg, dict) and cfg.get("label"):
        return cfg["label"]
    return name.replace("_", " ").capitalize()


def export_table(table: pd.DataFrame, column_config: dict | None = None,
                 columns: list[str] | None = None) -> pd.DataFrame:
    """The table as the reader sees it: the shown columns, their headers, whole numbers without ".0"."""
    cols = [c for c in (columns or list(table.columns)) if c in table.columns]
    out = table[cols].copy()
    for c in cols:
        s = out[c]
        if pd.api.types.is_float_dtype(s) and s.dropna().map(float.is_integer).all():
            out[c] = s.round().astype("Int64")
        elif s.dtype == object:
            out[c] = s.map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return out.rename(columns={c: _label(c, (column_config or {}).get(c)) for c in cols})


def analyses_json(data: AppData, slugs: list[str]) -> str:
    """One contract document for one article, a JSON list of them for several."""
    docs = [data.corpus.analyses[s] for s in slugs if s in data.corpus.analyses]
    payload = docs[0] if len(docs) == 1 else docs
    return json.dumps(payload, ensure_ascii=False, indent=1)


def download_row(data: AppData, slugs: list[str], table: pd.DataFrame | None, what: str, *,
                 column_config: dict | None = None, columns: list[str] | None = None) -> None:
    """CSV of the table as shown and JSON of the whole analysis, side by side, named after the title."""
    titles = [(data.articles.get(s) or {}).get("title") or s for s in slugs]
    c1, c2, _ = st.columns([1, 1, 3])
    if table is not None:
        csv = export_table(table, column_config, columns).to_csv(index=False).encode("utf-8")
        c1.download_button(
            f"⬇ {what.capitalize()} (CSV)", csv, file_name=export_name(titles, what, "csv"), mime="text/csv",
            key=f"dl_csv_{what}", disabled=table.empty, width="stretch",
        )
    c2.download_button(
        "⬇ Analysis (JSON)", analyses_json(data, slugs).encode("utf-8"),
        file_name=export_name(titles, "analysis", "json"), mime="application/json", key=f"dl_json_{what}",
        width="stretch",
    )
