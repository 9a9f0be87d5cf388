"""The fast token-attribute component gives exactly what spaCy's attribute_ruler + lemmatizer give."""
from __future__ import annotations

import json

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from newslens.components import FACTORY, supported, use_token_attrs
from newslens.pipeline import parse_many

from .conftest import PEER_CASES

ATTRS = [ORTH, TAG, DEP, HEAD, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE, SENT_START]

TEXTS = [
    # Reuters
    "WASHINGTON, March 3 (Reuters) - The Federal Reserve held rates steady on Wednesday, and Chair Jerome "
    "Powell said there is \"no rush\" to cut. \"We're gonna be patient,\" he told reporters.",
    # AP
    "NEW YORK (AP) — There were 1,200 flights cancelled Tuesday. \"I ain't flying again,\" said one passenger, "
    "who asked not to be named. Y'all should've seen it, she added.",
    # Bloomberg
    "Apple Inc.'s shares rose 3.2% to $187.44 in New York, the biggest gain since May. Let's be clear: the "
    "iPhone maker has got to deliver, analysts at Morgan Stanley wrote in a note. C'mon, they gotta ship.",
    # BBC
    "The prime minister has said he does not want to see \"a return to the chaos of the past\". It was, "
    "he said, \"a difficult decision\". Did he have a choice? It didn't seem so.",
    # SCMP
    "Hong Kong's leader John Lee Ka-chiu on Tuesday said the city would spend HK$10 billion (US$1.28 billion) "
    "on the northern metropolis, whether or not Beijing approves. But he ran out of time.",
    # Guardian, with odd whitespace
    "Ministers  were warned\tthat the scheme   would fail.  Those who had it, had it; that is all.  ",
    "  \n  ",
    "I did it to you, you did it to me, and it did it to them. Whom did they see? That which was lost.",
]


def _peer_texts() -> list[str]:
    out: list[str] = []

    def walk(o):
        if isinstance(o, str) and len(o.split()) > 3:
            out.append(o)
        elif isinstance(o, dict):
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(json.loads(PEER_CASES.read_text(encoding="utf-8")))
    return out


@pytest.fixture(scope="module")
def stock(nlp):
    import spacy

    return spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])


def test_default_model_uses_the_fast_component(nlp):
    assert FACTORY in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert supported(nlp.get_pipe("attribute_ruler"))


def test_token_attributes_identical_to_stock_components(nlp, stock, seed_text):
    texts = TEXTS + _peer_texts() + seed_text.split("\n") + [seed_text]
    assert len(texts) > 20
    checked = 0
    for fast_doc, stock_doc in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert numpy.array_equal(fast_doc.to_array(ATTRS), stock_doc.to_array(ATTRS)), fast_doc.text[:80]
        assert [(t.lemma_, t.pos_, str(t.morph), t.tag_, t.dep_) for t in fast_doc] == [
            (t.lemma_, t.pos_, str(t.morph), t.tag_, t.dep_) for t in stock_doc
        ]
        checked += len(fast_doc)
    assert checked > 1000


def test_multi_token_patterns_apply(nlp):
    doc = nlp("There are dogs. They're gonna win, y'all. Let's go.")
    by_text = {t.text: t for t in doc}
    assert by_text["are"].pos_ == "VERB"  # "there are": expl + be -> VERB
    assert by_text["gon"].lemma_ == "go" and by_text["na"].lemma_ == "to"
    assert by_text["'s"].lemma_ == "us"


def test_use_token_attrs_is_idempotent_and_skips_unknown_pipelines():
    import spacy

    blank = spacy.blank("en")
    assert use_token_attrs(blank) is False
    assert blank.pipe_names == []


def test_parse_many_is_lazy(nlp):
    fed = []

    def texts():
        for i in range(40):
            fed.append(i)
            yield f"Headline {i}\nMaria Garcia said on Monday that sales rose {i}%.\n"

    it = parse_many(texts(), nlp, batch_size=4)
    first = next(it)
    assert first.text.startswith("Headline 0")
    assert len(fed) < 40  # the first article came out before the input was read to the end
    rest = list(it)
    assert [p.text.split("\n")[0] for p in rest] == [f"Headline {i}" for i in range(1, 40)]


def test_parse_many_keeps_empty_articles_in_order(nlp):
    texts = ["", "A.\nB.", "  \n ", "One more line.", ""]
    out = list(parse_many(texts, nlp, batch_size=1))
    assert [p.text for p in out] == texts
    assert [len(p.segments) for p in out] == [0, 2, 0, 1, 0]


def test_segment_of_and_offset(nlp, seed_text):
    parsed = next(parse_many([seed_text], nlp))
    for seg in parsed.segments:
        tok = seg.doc[len(seg.doc) // 2]
        assert parsed.segment_of(tok) is seg
        assert seed_text[parsed.offset(tok) : parsed.offset(tok) + len(tok.text)] == tok.text
    other = nlp("Not from this article.")
    with pytest.raises(ValueError):
        parsed.segment_of(other[0])
