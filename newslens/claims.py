"""Claims: who states which number — each numeric fact linked to the statement that carries it.

A pass of its own, run after quotes and numbers. For each numeric fact:

1. the statements whose span contains it (direct, partial or reported: whatever span the quotes pass
   gives a statement; the whole attributed clause once statements are clauses): the innermost wins,
   so a figure in a quotation nested in reported speech goes to the quoted speaker;
2. else the statement whose *attribution* names it, when the source is a document described in place —
   "according to a Reuters report that cited two people briefed on the matter", "a December report by
   Reuters": what the report cites and when it appeared come from the report (`stated_in="attribution"`).
   A person or company described in passing ("the company, which employs 12,000 people, said") is the
   article's description, not the source's claim;
3. else nobody: the article's own voice (every source field None).

Only spans are read, never the statement's kind, so the link improves by itself as statement spans do.
"""
from __future__ import annotations

from . import lexicon
from .parsed import ParsedArticle
from .schema import NumberFact, Quote

NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# links that keep a token inside the noun phrase naming a source ("a Reuters report", "Post's editors")
NP_LINKS = frozenset({"compound", "poss", "amod", "nmod", "appos", "nummod", "quantmod"})


def link_claims(parsed: ParsedArticle | None, quotes: list[Quote], numbers: list[NumberFact]) -> None:
    """Set statement_id, stated_by, stated_by_entity_id and stated_in on every fact (in place).

    Without `parsed` only statement spans are read (no attributions).
    """
    attributions = _attribution_spans(parsed, quotes) if parsed is not None else {}
    for n in numbers:
        q, where = source_of(n, quotes, attributions)
        n.statement_id = q.id if q else None
        n.stated_by = q.speaker if q else None
        n.stated_by_entity_id = q.speaker_entity_id if q else None
        n.stated_in = where


def source_of(
    n: NumberFact, quotes: list[Quote], attributions: dict[str, tuple[int, int]]
) -> tuple[Quote | None, str | None]:
    """The statement carrying fact `n` and how ("statement" or "attribution"), or (None, None)."""
    inside = [q for q in quotes if _covers(q.start, q.end, n)]
    if inside:
        return min(inside, key=lambda q: (q.end - q.start, -q.start)), "statement"
    named = [q for q in quotes if q.id in attributions and _covers(*attributions[q.id], n)]
    if named:
        return min(named, key=lambda q: (attributions[q.id][1] - attributions[q.id][0], -q.start)), "attribution"
    return None, None


def _covers(start: int, end: int, n: NumberFact) -> bool:
    """True when the fact lies in [start, end) — its middle, so a figure cut by a quotation mark counts."""
    mid = (n.start + n.end - 1) // 2
    return start <= mid < end


def _attribution_spans(parsed: ParsedArticle, quotes: list[Quote]) -> dict[str, tuple[int, int]]:
    """Statement id -> [start, end) of the document phrase that names its source ("a Reuters report ...")."""
    out: dict[str, tuple[int, int]] = {}
    for q in quotes:
        m = q.speaker_mention
        if m is None:
            continue
        span = _char_span(parsed, m.start, m.end)
        if span is None:
            continue
        seg_start, doc_span = span
        head = source_phrase_head(doc_span.root)
        documents = lexicon.words("document_nouns")  # the quotes pass's list: "a Reuters report", "data"
        if head.lemma_.lower() not in documents and head.lower_ not in documents:
            continue
        toks = list(head.subtree)
        out[q.id] = (seg_start + toks[0].idx, seg_start + toks[-1].idx + len(toks[-1].text))
    return out


def source_phrase_head(tok):
    """The head of the whole noun phrase a speaker mention sits in ("Reuters" -> "a Reuters report ...")."""
    while tok.head.i != tok.i:  # up to the sentence root (spaCy makes new Tokens: compare positions, not objects)
        h = tok.head
        if tok.dep_ in NP_LINKS and h.pos_ in NOUNISH:
            tok = h
        elif tok.dep_ == "pobj" and h.dep_ == "prep" and h.head.i != h.i and h.head.pos_ in NOUNISH:
            tok = h.head  # "a December report by Reuters": the report, not only Reuters
        else:
            break
    return tok


def _char_span(parsed: ParsedArticle, start: int, end: int):
    """(segment start, spaCy Span) for a global [start, end), or None outside every segment."""
    for seg in parsed.segments:
        if seg.start <= start and end <= seg.end:
            span = seg.doc.char_span(start - seg.start, end - seg.start, alignment_mode="expand")
            return (seg.start, span) if span is not None and len(span) else None
    return None
