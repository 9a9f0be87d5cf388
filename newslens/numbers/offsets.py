"""Token offsets of a segment from its `TokenTable` (no Token objects): which tokens overlap a character
range, end before an offset or start after it, and spaCy's `Doc.char_span(..., alignment_mode="expand")` as
token numbers (`size`: the length of the Doc's text). The numbers passes ask this per candidate; walking the
Doc for each question made them quadratic in the segment's length (issue #19)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right


def overlapping(table, start: int, end: int) -> range:
    """Indices of the tokens with idx < end and idx + len > start."""
    return range(bisect_right(table.end_char, start), bisect_left(table.idx, end))


def count_before(table, i: int) -> int:
    """How many tokens end at or before the offset i (they are tokens 0 .. n-1)."""
    return bisect_right(table.end_char, i)


def first_after(table, j: int) -> int:
    """Index of the first token starting at or after the offset j (the table's n when none)."""
    return bisect_left(table.idx, j)


def _token_by_char(table, size: int, c: int) -> int:
    """spaCy's `token_by_char`: the token whose text or trailing space holds character c, or -1 (the tokens and
    their spaces tile the text: each token's text and space end where the next token begins)."""
    idx = table.idx
    k = bisect_right(idx, c) - 1
    if k >= 0 and c < (idx[k + 1] if k + 1 < len(idx) else size):
        return k
    return -1


def expand(table, size: int, start: int, end: int) -> tuple[int, int] | None:
    """(first token, end token) of `doc.char_span(start, end, alignment_mode="expand")`, None when that is None."""
    a = _token_by_char(table, size, start)
    if a < 0:
        return None
    b = _token_by_char(table, size, end - 1)
    if b < 0:
        return None
    if start == table.end_char[a]:
        a += 1  # the trailing space of a token is not part of it
    if a > b:  # an empty or reversed span: spaCy's own answer (or error)
        span = table.doc.char_span(start, end, alignment_mode="expand")
        return None if span is None else (span.start, span.end)
    return a, b + 1


def snap(table, size: int, start: int, end: int) -> tuple[int, int] | None:
    """The character range of `expand`: [start of its first token, end of its last)."""
    r = expand(table, size, start, end)
    if r is None:
        return None
    a, b = r
    if a >= b:
        span = table.doc.char_span(start, end, alignment_mode="expand")
        return span.start_char, span.end_char
    return table.idx[a], table.end_char[b - 1]
