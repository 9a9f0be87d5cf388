"""Article text with entities, quotes and numbers marked, as escaped HTML (never raw user HTML)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .theme import FOCUS_COLOR, NUMBER_COLOR, OTHER_COLOR, QUOTE_COLORS, entity_color


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$~|!])")


def md(s: object) -> str:
    """Text shown literally inside Markdown (st.error, st.caption…): every Markdown/LaTeX mark escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(s))


@dataclass(frozen=True)
class Mark:
    """A span to mark: layer is entity | quote | number | speaker | cue; label picks the colour; title: tooltip."""

    start: int
    end: int
    layer: str
    label: str
    title: str = ""
    focus: bool = False


def quote_marks(q: dict, title: str, *, focus: bool = False) -> list[Mark]:
    """A statement's marks: the whole attributed clause, and its words in quotation marks inside it."""
    marks = [Mark(int(q["start"]), int(q["end"]), "quote", q["kind"], title, focus=focus)]
    for part in q.get("quoted") or []:
        if (part["start"], part["end"]) != (q["start"], q["end"]):
            marks.append(Mark(int(part["start"]), int(part["end"]), "quoted", q["kind"], f"quoted words · {title}"))
    return marks


def _style(mark: Mark) -> str:
    """Light marks that keep the text readable: a tint for statements, an underline for names, a chip for numbers."""
    if mark.layer == "quoted":  # the words in quotation marks inside a statement's clause
        c = QUOTE_COLORS.get(mark.label, OTHER_COLOR)
        return f"background-color:{c}33;font-style:italic;"
    if mark.layer == "quote":
        c = QUOTE_COLORS.get(mark.label, OTHER_COLOR)
        return f"background-color:{c}2e;"
    if mark.layer == "number":
        return f"background-color:{NUMBER_COLOR}33;box-shadow:inset 0 0 0 1px {NUMBER_COLOR};border-radius:3px;"
    if mark.layer in ("speaker", "cue"):
        return "font-weight:600;text-decoration:underline;text-underline-offset:3px;"
    c = entity_color(mark.label)
    return f"box-shadow:inset 0 -2px 0 {c};background-color:{c}1f;"


# what matches the sidebar's filters: a highlighter yellow, a colour no type, kind or number uses
FOCUS_STYLE = f"background-color:{FOCUS_COLOR}99;border-radius:2px;"


def marked_html(text: str, marks: list[Mark], *, start: int = 0, end: int | None = None,
                paragraphs: bool = False) -> str:
    """HTML of text[start:end] with marks as nested <span>s; every piece of text is escaped.

    With `paragraphs`, each line break closes a <p> (the caller opens the first and closes the last).
    """
    end = len(text) if end is None else end
    marks = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    breaks = [i for i in range(start, end) if text[i] == "\n"] if paragraphs else []
    bounds = sorted({start, end, *(max(m.start, start) for m in marks), *(min(m.end, end) for m in marks),
                     *breaks, *(b + 1 for b in breaks)})
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        if paragraphs and text[lo:hi] == "\n":
            out.append('</p><p style="margin:0 0 .8rem 0">')
            continue
        piece = html.escape(text[lo:hi]).replace("\n", "<br>")
        active = [m for m in marks if m.start <= lo and m.end >= hi]
        # quotes outermost, then their quoted words, then entities, then numbers innermost
        for m in sorted(active, key=lambda m: {"number": 0, "cue": 0, "speaker": 1, "entity": 1, "quoted": 2, "quote": 3}.get(m.layer, 4)):
            cls = f"nl-{m.layer}" + (" nl-focus" if m.focus else "")
            style = _style(m) + (FOCUS_STYLE if m.focus else "")
            title = html.escape(m.title or m.label, quote=True)
            piece = f'<span class="{cls}" style="{style}" title="{title}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def article_html(text: str, marks: list[Mark]) -> str:
    """The whole article, one paragraph per line, inside a readable container."""
    return (
        '<div class="nl-article" style="line-height:1.7;font-size:1.02rem;max-width:60rem;">'
        '<p style="margin:0 0 .8rem 0">'
        + marked_html(text, marks, paragraphs=True)
        + "</p></div>"
    )


def legend_html(items: list[tuple[str, str]]) -> str:
    """A row of colour chips with escaped labels."""
    chips = "".join(
        f'<span style="display:inline-block;margin:0 .8rem .3rem 0;">'
        f'<span style="display:inline-block;width:.9rem;height:.9rem;border-radius:3px;background:{c};'
        f'vertical-align:middle;margin-right:.3rem;"></span>{html.escape(label)}</span>'
        for label, c in items
    )
    return f'<div class="nl-legend" style="font-size:.85rem;">{chips}</div>'
