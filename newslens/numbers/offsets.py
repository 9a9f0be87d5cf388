"""Token offsets of a Doc, read once per Doc with `Doc.to_array` (no Token objects): which tokens overlap a
character range, end before an offset or start after it. The numbers passes ask this per candidate; walking
the Doc for each question made them quadratic in the segment's length (issue #19)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX, LENGTH

_CACHE: dict[int, tuple[object, list[int], list[int]]] = {}


def _offsets(doc) -> tuple[list[int], list[int]]:
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1], hit[2]
    if len(_CACHE) > 256:
        _CACHE.clear()
    arr = doc.to_array([IDX, LENGTH]) if len(doc) else None
    starts = [int(x) for x in arr[:, 0]] if arr is not None else []
    ends = [int(a + b) for a, b in arr] if arr is not None else []
    _CACHE[id(doc)] = (doc, starts, ends)
    return starts, ends


def overlapping(doc, start: int, end: int) -> range:
    """Indices of the tokens with idx < end and idx + len > start."""
    starts, ends = _offsets(doc)
    return range(bisect_right(ends, start), bisect_left(starts, end))


def count_before(doc, i: int) -> int:
    """How many tokens end at or before the offset i (they are doc[0:n])."""
    return bisect_right(_offsets(doc)[1], i)


def first_after(doc, j: int) -> int:
    """Index of the first token starting at or after the offset j (len(doc) when none)."""
    return bisect_left(_offsets(doc)[0], j)
