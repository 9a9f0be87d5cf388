"""TokenTable: every column and index equals what spaCy's Token / Span objects give, on real parses."""
from __future__ import annotations

import json

import pytest

from newslens.pipeline import parse_many
from newslens.tokentable import TokenTable, table_of

from .conftest import FIXTURE_ARTICLES, ROOT

EXTRA = [
    "“We will not back down,” said Ana Cruz, the chief executive of Acme Corp. in New York.",
    "He said: 'Prices rose 3.5% in May.' She didn't agree.\n\nShares of Apple Inc fell $2bn on Monday.",
    "",
    "   ",
    "Dr. Smith-Jones met Mr. Lee (of the IMF) at 5 p.m. The meeting, officials said, was brief.",
]


def _segments(nlp):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURE_ARTICLES.glob("*.txt"))]
    cases = json.loads((ROOT / "tests" / "fixtures" / "quotes_cases.json").read_text(encoding="utf-8"))["cases"]
    texts += [c["text"] for c in cases]
    return [seg for parsed in parse_many(texts + EXTRA, nlp) for seg in parsed.segments]


@pytest.fixture(scope="module")
def segments(nlp):
    segs = _segments(nlp)
    assert sum(len(s.doc) for s in segs) > 3000
    return segs


COLUMNS = {
    "text": lambda t: t.text, "lower": lambda t: t.lower_, "lemma": lambda t: t.lemma_, "pos": lambda t: t.pos_,
    "tag": lambda t: t.tag_, "dep": lambda t: t.dep_, "ent_type": lambda t: t.ent_type_, "idx": lambda t: t.idx,
    "whitespace": lambda t: bool(t.whitespace_), "is_punct": lambda t: t.is_punct, "is_space": lambda t: t.is_space,
    "is_alpha": lambda t: t.is_alpha, "is_sent_start": lambda t: t.is_sent_start, "head": lambda t: t.head.i,
    "children": lambda t: [c.i for c in t.children], "sent": None, "ent_of": None,
    "lemma_lower": lambda t: t.lemma_.lower(), "text_lower": lambda t: t.text.lower(),
    "end_char": lambda t: t.idx + len(t.text), "is_upper": lambda t: t.is_upper, "like_num": lambda t: t.like_num,
    "ent_iob": lambda t: t.ent_iob,
}


@pytest.mark.parametrize("column", sorted(k for k, f in COLUMNS.items() if f is not None))
def test_columns_equal_token_attributes(segments, column):
    get = COLUMNS[column]
    for seg in segments:
        assert getattr(seg.table, column) == [get(t) for t in seg.doc], (column, seg.doc.text[:60])


def test_tree_walks_equal_spacy(segments):
    for seg in segments:
        table = seg.table
        for tok in seg.doc:
            assert table.subtree(tok.i) == [t.i for t in tok.subtree]
            assert table.ancestors(tok.i) == [t.i for t in tok.ancestors]


def test_sentences_and_entities_equal_spacy(segments):
    n_ents = 0
    for seg in segments:
        table, doc = seg.table, seg.doc
        assert [(s.start, s.end) for s in doc.sents] == table.sent_bounds
        for tok in doc:
            assert table.sent_bounds[table.sent[tok.i]] == (tok.sent.start, tok.sent.end)
        assert table.ents == [(e.start, e.end, e.label_) for e in doc.ents]
        n_ents += len(table.ents)
        for k, (a, b, _) in enumerate(table.ents):
            assert all(table.ent_of[i] == k for i in range(a, b))
        assert sum(x >= 0 for x in table.ent_of) == sum(b - a for a, b, _ in table.ents)
    assert n_ents > 20


def test_lookups(segments):
    seg = max(segments, key=lambda s: len(s.doc))
    table, doc = seg.table, seg.doc
    said = [t.i for t in doc if t.lemma_.lower() in ("say", "tell")]
    assert table.positions("lemma_lower", {"say", "tell"}) == said
    assert table.positions("lemma_lower", "say") == [t.i for t in doc if t.lemma_.lower() == "say"]
    for tok in list(doc)[:: max(1, len(doc) // 20)]:
        assert table.first_at(tok.idx) == tok.i
        assert table.first_at(tok.idx + 1) == tok.i + 1
    lo, hi = doc[3].idx, doc[9].idx
    assert list(table.span_at(lo, hi)) == [t.i for t in doc if lo <= t.idx < hi]
    assert seg.table is table  # built once per segment


def test_empty_doc(nlp):
    table = TokenTable(nlp.make_doc(""))
    assert table.n == 0 and table.text == [] and table.ents == [] and table.sent_bounds == []


def test_spans_equal_spacy(segments):
    """root, span_text and the subtree ends of every short range and token, as spaCy's Span / Token give them."""
    n_spans = 0
    for seg in segments:
        table, doc = seg.table, seg.doc
        assert table.doc_text == doc.text
        for i in range(len(doc)):
            assert table.subtree_first(i) == table.subtree(i)[0] == next(iter(doc[i].subtree)).i
            assert table.subtree_last(i) == table.subtree(i)[-1] == list(doc[i].subtree)[-1].i
            for j in range(i, min(len(doc), i + 4) + 1):
                assert table.span_text(i, j) == doc[i:j].text
                if j > i:
                    assert table.root(i, j) == doc[i:j].root.i, (doc[i:j].text, doc.text[:60])
                    n_spans += 1
    assert n_spans > 5000


def test_char_span_equals_spacy(segments):
    """`char_span` (strict and expand) gives spaCy's Doc.char_span token range, or None, for all kinds of offsets."""
    checked = 0
    for seg in segments[::3]:
        table, doc = seg.table, seg.doc
        n = len(doc.text)
        points = sorted({0, n, *(t.idx for t in doc), *(t.idx + len(t.text) for t in doc), *range(0, n, 7)})
        for a in points[::2]:
            for b in points:
                if b < a or b - a > 40:
                    continue
                for expand in (False, True):
                    try:
                        span = doc.char_span(a, b, alignment_mode="expand" if expand else "strict")
                        want = None if span is None else (span.start, span.end)
                    except IndexError:
                        want = IndexError
                    try:
                        got = table.char_span(a, b, expand=expand)
                    except IndexError:
                        got = IndexError
                    assert got == want, (a, b, expand, doc.text[:60])
                    checked += 1
    assert checked > 2000


def test_positions_are_kept_and_copied(segments):
    seg = max(segments, key=lambda s: len(s.doc))
    table = seg.table
    subjects = table.positions("dep", ("nsubj", "nsubjpass"))
    assert subjects == [t.i for t in seg.doc if t.dep_ in ("nsubj", "nsubjpass")] and subjects
    subjects.append(-1)  # a caller's list is its own
    assert table.positions("dep", ("nsubj", "nsubjpass"))[-1] != -1
    assert table.positions("pos", {"PROPN"}) == [t.i for t in seg.doc if t.pos_ == "PROPN"]


def test_table_of_finds_the_segment_table(segments):
    seg = segments[0]
    assert table_of(seg.doc) is seg.table
    assert table_of(seg.doc[0].doc) is seg.table


def test_a_lone_table_equals_the_article_batch(segments):
    """A segment's table (read with its article's, tokentable.TableBatch) and a table of the Doc alone agree."""
    for seg in segments[::5]:
        alone = TokenTable(seg.doc)
        for column in ("text", "lemma_lower", "pos", "dep", "ent_type", "whitespace", "like_num", "head", "children",
                       "is_sent_start", "ents", "sent_bounds"):
            assert getattr(alone, column) == getattr(seg.table, column), column
    assert any(seg.table._batch is not None for seg in segments)
