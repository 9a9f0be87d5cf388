"""Statements to read: each one whole, with its speaker, kind, cue, article and context (escaped HTML)."""
from __future__ import annotations

import html

import pandas as pd

from .theme import QUOTE_COLORS

KIND_NAMES = {"direct": "Direct quote", "partial": "Partial quote", "indirect": "Indirect (reported speech)"}


def _s(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v)


def statements_html(rows: pd.DataFrame, titles: dict[str, str] | None = None, *, limit: int = 60) -> str:
    """The statements of `rows` (a quotes frame) as readable blocks; the first `limit` of them."""
    titles = titles or {}
    blocks = []
    for r in rows.head(limit).itertuples():
        kind = _s(r.kind)
        color = QUOTE_COLORS.get(kind, "#8E8E8E")
        speaker = _s(r.speaker) or "(unattributed)"
        mention = _s(getattr(r, "speaker_mention", ""))
        written = f" (written “{html.escape(mention)}”)" if mention and mention != speaker else ""
        cue = _s(r.cue)
        meta = [f"<b>{html.escape(speaker)}</b>{written}", html.escape(KIND_NAMES.get(kind, kind))]
        if cue:
            meta.append(f"cue: <i>{html.escape(cue)}</i>")
        title = titles.get(_s(r.article))
        if title:
            meta.append(html.escape(title))
        context = _s(getattr(r, "context", ""))
        ctx = (f'<details style="margin-top:.2rem;font-size:.85rem;opacity:.85"><summary>Context</summary>'
               f"{html.escape(context)}</details>") if context and context != _s(r.text) else ""
        blocks.append(
            f'<div class="nl-statement" style="border-left:4px solid {color};padding:.3rem .8rem;'
            f'margin:0 0 .9rem 0;">'
            f'<div style="font-size:.85rem;opacity:.85;margin-bottom:.2rem">{" · ".join(meta)}</div>'
            f'<div class="nl-statement-text" style="line-height:1.55">{html.escape(_s(r.text))}</div>{ctx}</div>'
        )
    more = len(rows) - limit
    tail = (f'<p style="font-size:.85rem;opacity:.8">… and {more:,} more: narrow the filters or use the table.</p>'
            if more > 0 else "")
    return '<div class="nl-statements">' + "".join(blocks) + tail + "</div>"
