"""Download buttons: each table as CSV, the whole analysis as JSON (the contract's schema)."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from .data import AppData


def export_name(slugs: list[str], what: str, ext: str) -> str:
    """File name after the article(s): `<slug>-quotes.csv`, or `3-articles-quotes.csv`."""
    base = slugs[0] if len(slugs) == 1 else f"{len(slugs)}-articles"
    return f"newslens-{base}-{what}.{ext}"


def analyses_json(data: AppData, slugs: list[str]) -> str:
    """One contract document for one article, a JSON list of them for several."""
    docs = [data.corpus.analyses[s] for s in slugs if s in data.corpus.analyses]
    payload = docs[0] if len(docs) == 1 else docs
    return json.dumps(payload, ensure_ascii=False, indent=1)


def download_row(data: AppData, slugs: list[str], table: pd.DataFrame | None, what: str) -> None:
    """CSV of the table as shown and JSON of the whole analysis, side by side."""
    c1, c2, _ = st.columns([1, 1, 3])
    if table is not None:
        c1.download_button(
            f"⬇ {what.capitalize()} (CSV)", table.to_csv(index=False).encode("utf-8"),
            file_name=export_name(slugs, what, "csv"), mime="text/csv", key=f"dl_csv_{what}",
            disabled=table.empty, use_container_width=True,
        )
    c2.download_button(
        "⬇ Analysis (JSON)", analyses_json(data, slugs).encode("utf-8"),
        file_name=export_name(slugs, "analysis", "json"), mime="application/json", key=f"dl_json_{what}",
        use_container_width=True,
    )
