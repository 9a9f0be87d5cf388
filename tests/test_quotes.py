"""Quotes: the gold article, textacy's own cases, hand-annotated news paragraphs, and arbitrary text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslens.entities import extract_entities
from newslens.pipeline import parse_many
from newslens.quotes import extract_quotes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = json.loads((FIXTURES / "quotes_cases.json").read_text(encoding="utf-8"))["cases"]
PEER = json.loads((FIXTURES / "textacy_direct_quotations.json").read_text(encoding="utf-8"))["cases"]
MARKS = "\"'“”‘’"


def _quotes(nlp, text):
    parsed = next(parse_many([text], nlp))
    return extract_quotes(parsed, extract_entities(parsed))


@pytest.fixture(scope="module")
def lemma(nlp):
    """The lemma of a cue as written in a gold file ('says' -> 'say', 'according to' stays)."""

    def _lemma(cue: str) -> str:
        cue = cue.strip().lower()
        if " " in cue:
            return cue
        return nlp(f"He {cue} so.")[1].lemma_.lower()

    return _lemma


# --- the shipped article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes(nlp, seed_text):
    return _quotes(nlp, seed_text)


def test_seed_finds_exactly_the_gold_statements(seed_quotes, gold, seed_text, lemma):
    got = {(q.start, q.end): q for q in seed_quotes}
    want = {tuple(g["span"]): g for g in gold["quotes"]}
    assert sorted(got) == sorted(want), "spans differ from the gold file"
    for span, g in want.items():
        q = got[span]
        assert seed_text[q.start : q.end] == g["text"] == q.text
        assert (q.kind, q.speaker) == (g["kind"], g["speaker"]), span
        quoted = g.get("quoted", [g["span"]] if g["kind"] == "direct" else [])
        assert [[x.start, x.end] for x in q.quoted] == quoted, span
        assert all(seed_text[x.start : x.end] == x.text for x in q.quoted)
        assert q.cue == lemma(g["cue"]), (span, q.cue, g["cue"])


def test_seed_speaker_mentions_and_entities(seed_quotes, seed_text, nlp):
    parsed = next(parse_many([seed_text], nlp))
    entities = {e.id: e for e in extract_entities(parsed)}
    by_start = {q.start: q for q in seed_quotes}
    # pronoun: the mention is "he", the speaker the person it stands for
    assert by_start[932].speaker_mention.text == "he"
    assert by_start[773].speaker_mention.text == "he"
    # surname: the mention is "Wei", the speaker the full name from the standfirst
    assert by_start[218].speaker_mention.text == "Wei"
    # anonymous source: "the people" read, "two people briefed on the matter" resolved
    assert by_start[2264].speaker_mention.text == "the people"
    for q in seed_quotes:
        m = q.speaker_mention
        assert m is not None and seed_text[m.start : m.end] == m.text
        assert seed_text[q.cue_span.start : q.cue_span.end] == q.cue_span.text
    linked = {q.speaker: entities[q.speaker_entity_id].name for q in seed_quotes if q.speaker_entity_id}
    assert "Wei Shaojun" in linked and "Colette Kress" in linked and "Reuters" in linked
    assert by_start[2264].speaker_entity_id is None  # anonymous people are no entity


def test_seed_apostrophe_is_not_a_quote_mark(seed_quotes, seed_text):
    # "The US’ inconsistent stance" — the ’ after US must neither close nor open a quote
    q = next(q for q in seed_quotes if q.start == 218)
    assert "US’ inconsistent" in q.text and q.text.endswith("strategic intent")


# --- textacy's cases -----------------------------------------------------------------------------


def _strip_marks(s: str) -> str:
    return s.strip().strip(MARKS).rstrip(",").strip()


@pytest.mark.parametrize("case", [c for c in PEER if c["lang"] == "en"], ids=lambda c: c["id"])
def test_textacy_direct_quotation_cases(nlp, case):
    quotes = [q for q in _quotes(nlp, case["text"]) if q.kind == "direct"]
    got = [(_strip_marks(q.text), q.speaker_mention.text if q.speaker_mention else None, q) for q in quotes]
    want = [(_strip_marks(e["content"]), e["speaker"], e["cue"]) for e in case["expected"]]
    assert [g[0] for g in got] == [w[0] for w in want]
    for (_, mention, q), (_, speakers, cues) in zip(got, want):
        assert mention is not None and all(s in mention for s in speakers), (mention, speakers)
        assert q.cue_span.text.lower() in [c.lower() for c in cues]


def test_textacy_pronoun_case_resolves_to_the_person(nlp):
    (q,) = _quotes(nlp, 'Burton explained from a podium. "I love cats," he said.')
    assert (q.speaker_mention.text, q.speaker) == ("he", "Burton")


# --- hand-annotated news paragraphs --------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c["xfail"], strict=True)) if c.get("xfail") else c for c in CASES],
    ids=lambda c: c["id"],
)
def test_news_style_cases(nlp, case):
    text = case["text"]
    got = {(q.start, q.end, q.kind, q.speaker, q.cue, tuple(x.text for x in q.quoted)) for q in _quotes(nlp, text)}
    want = set()
    for e in case["expected"]:
        s = text.index(e["text"])
        quoted = e.get("quoted", [e["text"]] if e["kind"] != "indirect" else [])
        want.add((s, s + len(e["text"]), e["kind"], e["speaker"], e["cue"], tuple(quoted)))
    assert got == want


@pytest.mark.parametrize(
    "text",
    [
        'Burton thinks that cats are "cuties".',
        'The film "Gone with the Wind" opened in 1939.',
        "The children’s hospital and the workers’ canteen reopened in the ’90s.",
        "He said he’d rather not. 'Tis the season.",
        'The pipe is 5" wide and 3\' long.',
    ],
)
def test_not_statements(nlp, text):
    assert [q for q in _quotes(nlp, text) if q.kind != "indirect"] == []


def test_unbalanced_mark_does_not_swallow_the_article(nlp):
    text = (
        "Strike news\n"
        'Union leader Frank Dobson said the deal was "a disaster.\n'
        '"We will keep fighting," said Mary Cole, a shop steward.\n'
        "Talks resume on Friday.\n"
    )
    quotes = _quotes(nlp, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in direct] == [("We will keep fighting", "Mary Cole")]
    assert all("Talks resume" not in q.text for q in quotes)


def test_multi_paragraph_quote_is_one_statement(nlp):
    text = (
        "Budget\n"
        "“We have made hard choices,” Chancellor Rachel Reeves said. “Taxes will rise for the richest.\n"
        "“But working people will be protected.”\n"
    )
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == [
        "We have made hard choices",
        "Taxes will rise for the richest.\n“But working people will be protected.",
    ]
    assert {q.speaker for q in quotes} == {"Rachel Reeves"}


# --- arbitrary text ------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("ab cdXY.,:;!?-—\n\"'“”‘’()0") + ["said", " he ", "Smith", "according to ", "s’ "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, min_size=0, max_size=60).map("".join))
def test_arbitrary_text_never_raises_and_spans_hold(nlp, text):
    for q in _quotes(nlp, text):
        assert text[q.start : q.end] == q.text and q.text
        assert q.kind in ("direct", "partial", "indirect")
        for span in (q.speaker_mention, q.cue_span):
            if span is not None:
                assert text[span.start : span.end] == span.text


# --- the Quotes page chart (a pure DataFrame -> Figure builder) ----------------------------------


def test_quotes_chart_counts_orders_and_emphasises():
    import pandas as pd

    from ui.charts import quotes_by_speaker

    df = pd.DataFrame({
        "speaker": ["Wei Shaojun", "Wei Shaojun", "Wei Shaojun", "Reuters", "Reuters", None],
        "kind": ["direct", "indirect", "indirect", "indirect", "partial", "direct"],
    })
    fig = quotes_by_speaker(df, selected=["Reuters"])
    by_kind = {t.name.lower(): t for t in fig.data}  # the legend says "Direct", "Partial", "Indirect"
    assert list(by_kind) == ["direct", "partial", "indirect"]  # legend in kind order
    counts = {}
    for t in fig.data:
        for y, x in zip(t.y, t.x):
            counts[(y, t.name.lower())] = x
    assert counts == {("Wei Shaojun", "direct"): 1, ("Wei Shaojun", "indirect"): 2, ("Reuters", "indirect"): 1,
                      ("Reuters", "partial"): 1, ("(unattributed)", "direct"): 1}
    # most quoted on top (plotly draws the category array bottom-up)
    assert list(fig.layout.yaxis.categoryarray)[::-1] == ["Wei Shaojun", "Reuters", "(unattributed)"]
    # the chosen speaker stands out, the others stay clickable but faded; a click reads customdata
    ind = by_kind["indirect"]
    assert dict(zip(ind.y, ind.marker.opacity)) == {"Wei Shaojun": 0.3, "Reuters": 1.0}
    assert [c[0] for c in ind.customdata] == list(ind.y)
    assert fig.layout.barmode == "stack"


def test_quotes_chart_empty_and_top():
    import pandas as pd

    from ui.charts import quotes_by_speaker

    empty = quotes_by_speaker(pd.DataFrame(columns=["speaker", "kind"]))
    assert not empty.data and "No statements" in empty.layout.annotations[0].text
    many = pd.DataFrame({"speaker": [f"S{i:02d}" for i in range(30) for _ in range(30 - i)], "kind": "indirect"})
    fig = quotes_by_speaker(many, top=5)
    assert list(fig.data[0].y) == ["S00", "S01", "S02", "S03", "S04"] and "top 5 of 30" in fig.layout.title.text
    assert all(o == 1.0 for o in fig.data[0].marker.opacity)  # nothing chosen: nothing faded
