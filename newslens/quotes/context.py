"""The data the passes share: quoted regions, cue frames, and the per-article context."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..parsed import ParsedArticle

from ..schema import Span


@dataclass
class Region:
    """Text between a pair of quotation marks (possibly over several paragraphs)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    start: int  # content span, trimmed
    end: int
    seg_first: int
    seg_last: int
    kind: str | None = None  # direct | partial | None (not a statement)
    frame: "Frame | None" = None


@dataclass
class Frame:
    """A speech cue with its speaker and (for reported speech) the span of what was said."""

    cue: str  # lemma or "according to"
    cue_span: Span
    speaker_tok: object | None  # head token of the speaker phrase
    speaker_span: tuple[int, int] | None  # global offsets of the speaker mention
    content: tuple[int, int] | None = None  # global offsets of the reported clause
    seg: int = -1
    inherited: bool = False  # speaker taken over from an earlier statement
    cue_tok: object | None = None  # the cue token (None for an inherited frame)


@dataclass
class Ctx:
    """Everything the passes share for one article."""

    parsed: ParsedArticle
    text: str
    entities: list
    seg_index: dict = field(default_factory=dict)  # id(doc) -> segment index
    regions: list = field(default_factory=list)
    region_starts: list = field(default_factory=list)
    persons: list = field(default_factory=list)  # (start, end, name) person mentions in text order
    genders: dict = field(default_factory=dict)  # full name -> "m" | "f"
    memo: dict = field(default_factory=dict)  # per-article results of whole-article scans (people.py)

    def off(self, tok) -> int:
        return self.parsed.segments[self.seg_index[id(tok.doc)]].start + tok.idx

    def tok_end(self, tok) -> int:
        return self.off(tok) + len(tok.text)

    def seg_of(self, tok) -> int:
        return self.seg_index[id(tok.doc)]

    def in_region(self, pos: int, *, marks: bool = True) -> Region | None:
        """The region whose marks (or content) enclose global offset `pos`."""
        i = bisect_right(self.region_starts, pos) - 1  # the last region opening at or before pos, then the one before
        for k in (i, i - 1):
            if k < 0:
                break
            r = self.regions[k]
            if (r.open <= pos <= r.close) if marks else (r.start <= pos < r.end):
                return r
        return None
