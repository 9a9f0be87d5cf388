"""The parsed article: spaCy Docs of its segments, with global offsets.

The lowest layer every extractor reads: it imports nothing of newslens but `tokentable`, so any module
may type its `parsed` argument as `ParsedArticle`. `seg.table` gives a segment's tokens as plain arrays
and indexes (one `Doc.to_array` per segment): scan those instead of iterating the Doc again.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from .tokentable import TableBatch, TokenTable


@dataclass
class ParsedSegment:
    """A segment of the article and its spaCy Doc; `start` maps Doc offsets to article offsets."""

    start: int
    end: int
    kind: str
    doc: object  # spacy.tokens.Doc

    @cached_property
    def table(self) -> TokenTable:
        """The Doc's token attributes as plain lists with shared indexes (see `tokentable`), built once."""
        return TokenTable(self.doc)


@dataclass
class ParsedArticle:
    """The article text with every segment parsed; offsets anywhere are global."""

    text: str
    segments: list[ParsedSegment]
    sentence_starts: list[int] = field(default_factory=list)  # global start of each sentence, in text order
    sentence_ends: list[int] = field(default_factory=list)  # global end of each sentence
    # per-article results an extractor computes once and reads again (keys name the module: "entities.credits")
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_doc = {id(seg.doc): seg for seg in self.segments}
        fresh = [seg for seg in self.segments if "table" not in seg.__dict__]
        for seg, table in zip(fresh, TableBatch.of([seg.doc for seg in fresh])):
            seg.__dict__["table"] = table  # the segments' tables read their columns together (tokentable.TableBatch)
        if not self.sentence_starts:
            for seg in self.segments:
                for sent in seg.doc.sents:
                    self.sentence_starts.append(seg.start + sent.start_char)
                    self.sentence_ends.append(seg.start + sent.end_char)

    @property
    def sentences(self) -> list:
        """The sentences as spaCy Spans, in text order (built on each call: prefer the offsets above)."""
        return [sent for seg in self.segments for sent in seg.doc.sents]

    def offset(self, token_or_span) -> int:
        """Global start offset of a Token or Span of one of the segment docs."""
        seg = self.segment_of(token_or_span)
        idx = token_or_span.idx if hasattr(token_or_span, "idx") else token_or_span.start_char
        return seg.start + idx

    def segment_of(self, token_or_span) -> ParsedSegment:
        """The segment whose Doc holds this Token or Span."""
        doc = token_or_span.doc
        seg = self._by_doc.get(id(doc))
        if seg is not None and seg.doc is doc:
            return seg
        self._by_doc = {id(s.doc): s for s in self.segments}  # segments changed since: re-index
        seg = self._by_doc.get(id(doc))
        if seg is None:
            raise ValueError("token does not belong to this article")
        return seg

    def sentence_index(self, start: int) -> int:
        """Index of the sentence containing global offset `start` (-1 if none)."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        return i

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Global [start, end) of sentence i."""
        return self.sentence_starts[i], self.sentence_ends[i]
