"""Pass 1, marks: pair quotation marks per paragraph into quoted regions (character level).

Apostrophes and possessives never pair, an unbalanced mark is dropped, and a quote left open at a
paragraph end and reopened at the start of the next is one region (news style).
"""
from __future__ import annotations

import re

from ..parsed import ParsedArticle
from .vocab import (
    ALL_MARKS, CLOSE_DOUBLE, CLOSE_SINGLE, OPENER_BEFORE, OPEN_DOUBLE, OPEN_SINGLE, STRAIGHT_DOUBLE,
    STRAIGHT_SINGLE, TRAIL_STRIP,
)
from .context import Region


def mark_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """'open', 'close' or None for the mark at text[i], judged by its neighbours inside [lo, hi)."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    opener_ctx = (prev in OPENER_BEFORE or prev in OPEN_DOUBLE + OPEN_SINGLE + STRAIGHT_DOUBLE) and not nxt.isspace()
    closer_ctx = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if ch in OPEN_DOUBLE + OPEN_SINGLE:
        if closer_ctx and not opener_ctx and ch in OPEN_DOUBLE:
            return "close"  # sloppy typography: “ used as a closing mark
        return "open" if opener_ctx or not prev.isalnum() else None
    if ch in CLOSE_DOUBLE:
        if opener_ctx and not closer_ctx:
            return "open"
        return "close"
    if ch == "’" or ch == "›":
        # apostrophes: letters on both sides (Nvidia’s) or a leading elision (’90s) never pair
        return "close" if closer_ctx else None
    if ch == STRAIGHT_DOUBLE or ch == STRAIGHT_SINGLE:
        if opener_ctx and not closer_ctx:
            if ch == STRAIGHT_SINGLE and nxt.isdigit():
                return None  # '90s
            return "open"
        if closer_ctx and not opener_ctx:
            return "close"
        return None
    return None


def mark_family(ch: str) -> str:
    return "double" if ch in OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE else "single"


_FAMILY_MARKS = {family: re.compile("[" + re.escape("".join(c for c in ALL_MARKS if mark_family(c) == family)) + "]")
                 for family in ("double", "single")}


def pairs_in(text: str, lo: int, hi: int, family: str, skip: list[tuple[int, int]], dangling: int | None = None):
    """Pair marks of one family inside [lo, hi); returns the pairs and an opener left unclosed.

    `dangling` is an opener carried over from the previous paragraph (a multi-paragraph quote)."""
    marks = []
    for m in _FAMILY_MARKS[family].finditer(text, lo, hi):  # only the marks of the family, not every character
        i = m.start()
        if any(a <= i < b for a, b in skip):
            continue
        role = mark_role(text, i, lo, hi)
        if role:
            marks.append((i, role))
    pairs = []
    for k, (i, role) in enumerate(marks):
        if dangling is None:
            if role == "open":
                dangling = i
        elif role == "close":
            if family == "single" and text[i - 1:i] in ("s", "S") and text[i + 1:i + 2] == " " \
                    and text[i + 2:i + 3].islower() and any(r == "close" for _, r in marks[k + 1:]):
                continue  # "the workers’ union": a possessive, a later mark closes the quote
            pairs.append((dangling, i))
            dangling = None
        else:  # a second opener before a closer: the first one was unbalanced
            dangling = i
    return pairs, dangling


def find_regions(parsed: ParsedArticle) -> list[Region]:
    """Quoted regions of the article, double marks first, then single marks outside them."""
    text = two_apostrophes_as_double(parsed.text)
    segs = parsed.segments
    regions: list[Region] = []
    for family in ("double", "single"):
        carry: tuple[int, int] | None = None  # (opening mark, its segment) of a quote left open
        for si, seg in enumerate(segs):
            lo, hi = seg.start, seg.end
            skip = [(r.open, r.close + 1) for r in regions if r.seg_first <= si <= r.seg_last]
            dangling, first_seg = None, si
            if carry is not None:
                first = lo
                while first < hi and text[first].isspace():
                    first += 1
                if (
                    seg.kind == "paragraph"
                    and segs[si - 1].kind == "paragraph"
                    and first < hi
                    and mark_family(text[first]) == family
                    and mark_role(text, first, lo, hi) == "open"
                    and not any(a <= first < b for a, b in skip)
                ):
                    dangling, first_seg = carry
                    lo = first + 1  # the reopening mark continues the quote
            carry = None
            pairs, left_open = pairs_in(text, lo, hi, family, skip, dangling)
            for o, c in pairs:
                regions.append(make_region(text, o, c, first_seg if o < seg.start else si, si))
            if left_open is not None and (left_open < seg.start or opens_sentence(text, left_open, seg.start)):
                carry = (left_open, first_seg if left_open < seg.start else si)
        regions.sort(key=lambda r: r.open)
    regions = [r for r in regions if r.end > r.start]
    if text is not parsed.text:  # a '' mark: the region's marks cover both apostrophes
        for r in regions:
            if parsed.text[r.open - 1 : r.open + 1] == "''":
                r.open -= 1
            if parsed.text[r.close : r.close + 2] == "''":
                r.close += 1
    # single-mark regions nested in double ones are quotes within quotes, not statements
    return [r for r in regions if not any(o.open < r.open and r.close < o.close for o in regions if o is not r)]


def two_apostrophes_as_double(text: str) -> str:
    """The text with every '' (two apostrophes, one newspaper's double mark) as one '"' of the same length.

    The mark goes where its role puts it (after the first apostrophe for an opening mark, on it for a
    closing one) and the other position repeats the neighbouring character, so offsets never move."""
    if "''" not in text:
        return text
    chars = list(text)
    i = 0
    while i + 1 < len(text):
        if text[i] == "'" and text[i + 1] == "'" and text[i + 2 : i + 3] != "'":
            prev = text[i - 1] if i > 0 else " "
            if prev.isspace() or prev in OPENER_BEFORE:
                chars[i], chars[i + 1] = prev, STRAIGHT_DOUBLE
            else:
                chars[i], chars[i + 1] = STRAIGHT_DOUBLE, text[i + 2] if i + 2 < len(text) else " "
            i += 2
            continue
        i += 1
    return "".join(chars)


def opens_sentence(text: str, i: int, lo: int) -> bool:
    """Only a quote that opens a sentence (or follows 'said:') runs on into the next paragraph."""
    j = i - 1
    while j >= lo and text[j].isspace():
        j -= 1
    return j < lo or text[j] in ".!?:,;—–…" + CLOSE_DOUBLE + CLOSE_SINGLE + STRAIGHT_DOUBLE


def make_region(text: str, o: int, c: int, s1: int, s2: int) -> Region:
    start, end = o + 1, c
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAIL_STRIP:
        end -= 1
    return Region(open=o, close=c, start=start, end=end, seg_first=s1, seg_last=s2)
