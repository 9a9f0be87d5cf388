"""Keyword in context: each mention with the words before and after it, as escaped HTML."""
from __future__ import annotations

import html

import pandas as pd

from .theme import entity_color


def centred(context, left: int = 40) -> str:
    """A "…left ⟦mention⟧ right…" context cut so the mention is near the start of a narrow cell."""
    if not isinstance(context, str):
        return ""
    i = context.find("⟦")
    if i <= left:
        return context
    cut = context.find(" ", i - left, i)
    start = cut + 1 if cut >= 0 else i - left
    return "…" + context[start:].lstrip("…")


def kwic_rows(mentions: pd.DataFrame, text: str, *, width: int = 70) -> pd.DataFrame:
    """left | mention | right columns (one line each) for the mentions of one article's text."""
    rows = []
    for m in mentions.sort_values("start").itertuples():
        lo, hi = max(0, m.start - width), min(len(text), m.end + width)
        lo = max(lo, text.rfind("\n", lo, m.start) + 1)  # stay within the mention's line
        nl = text.find("\n", m.end, hi)
        hi = hi if nl < 0 else nl
        left = " ".join(text[lo : m.start].split())
        right = " ".join(text[m.end : hi].split())
        more_left = lo > 0 and text[lo - 1] != "\n"
        more_right = hi < len(text) and text[hi] != "\n"
        rows.append({"left": ("…" if more_left else "") + left, "mention": text[m.start : m.end],
                     "right": right + ("…" if more_right else ""), "start": m.start, "label": m.label})
    return pd.DataFrame(rows, columns=["left", "mention", "right", "start", "label"])


def kwic_html(rows: pd.DataFrame) -> str:
    """An aligned concordance table: left context right-aligned, the mention marked, right context."""
    body = []
    for r in rows.itertuples():
        c = entity_color(r.label)
        body.append(
            "<tr>"
            f'<td style="text-align:right;white-space:nowrap;overflow:hidden;max-width:24rem;direction:rtl;">'
            f'<span style="direction:ltr;unicode-bidi:embed;">{html.escape(r.left)}</span></td>'
            f'<td style="text-align:center;padding:0 .35rem;"><span class="nl-entity" style="background:{c}33;'
            f'box-shadow:inset 0 -2px 0 {c};border-radius:3px;font-weight:600;">{html.escape(r.mention)}</span></td>'
            f'<td style="white-space:nowrap;overflow:hidden;max-width:24rem;">{html.escape(r.right)}</td>'
            "</tr>"
        )
    return ('<table class="nl-kwic" style="border-collapse:collapse;font-size:.92rem;width:100%;'
            'table-layout:fixed;"><colgroup><col style="width:42%"><col style="width:16%"><col style="width:42%">'
            "</colgroup>" + "".join(body) + "</table>")
