"""Claims: each numeric fact linked to the statement (and so the source) that carries it."""
from __future__ import annotations

import pytest

from newslens.claims import link_claims, source_of
from newslens.schema import Analysis, NumberFact, Quote

ARTICLE = None  # marks "the article's own voice" in the cases below


def _fact(text: str, start: int, label: str = "CARDINAL") -> NumberFact:
    return NumberFact(id="n1", text=text, start=start, end=start + len(text), label=label)


def _quote(qid: str, start: int, end: int, speaker: str | None, kind: str = "indirect") -> Quote:
    return Quote(id=qid, text="x" * (end - start), start=start, end=end, kind=kind, speaker=speaker,
                 speaker_entity_id=f"e-{speaker}" if speaker else None)


# --- the pass on spans alone (no model) -------------------------------------------------------------

def test_innermost_statement_wins_over_the_one_around_it():
    outer = _quote("q1", 0, 100, "Reuters")
    inner = _quote("q2", 40, 90, "two officials")
    q, where = source_of(_fact("$5 billion", 60, "MONEY"), [outer, inner], {})
    assert (q.id, where) == ("q2", "statement")
    q, _ = source_of(_fact("three", 10), [outer, inner], {})
    assert q.id == "q1"


def test_the_span_decides_not_the_kind():
    """A clause-wide `partial` statement (the shape statement scope gives) carries its figures."""
    clause = _quote("q1", 0, 60, "Huang", kind="partial")
    q, where = source_of(_fact("20%", 30, "PERCENT"), [clause], {})
    assert (q.id, where) == ("q1", "statement")


def test_outside_every_span_is_the_article_voice():
    q, where = source_of(_fact("7.5 per cent", 120, "PERCENT"), [_quote("q1", 0, 100, "Okafor")], {})
    assert (q, where) == (None, None)


def test_a_figure_cut_by_the_span_edge_counts_by_its_middle():
    quotes = [_quote("q1", 10, 30, "Lopez")]
    assert source_of(_fact("12 million", 25), quotes, {})[0] is not None  # middle at 29: inside
    assert source_of(_fact("12 million", 28), quotes, {})[0] is None  # middle at 32: outside


def test_attribution_only_when_no_statement_contains_the_figure():
    a, b = _quote("q1", 0, 50, "Reuters"), _quote("q2", 80, 120, "Bloomberg")
    attributions = {"q2": (55, 78), "q1": (0, 50)}
    q, where = source_of(_fact("two people", 60), [a, b], attributions)
    assert (q.id, where) == ("q2", "attribution")
    q, where = source_of(_fact("two people", 20), [a, b], attributions)
    assert (q.id, where) == ("q1", "statement")


def test_link_sets_every_field_and_unattributed_statements_keep_their_id():
    facts = [_fact("3", 5), _fact("4", 200)]
    link_claims(None, [_quote("q1", 0, 50, None)], facts)
    assert (facts[0].statement_id, facts[0].stated_by, facts[0].stated_by_entity_id, facts[0].stated_in) == (
        "q1", None, None, "statement")
    assert (facts[1].statement_id, facts[1].stated_by, facts[1].stated_in) == (None, None, None)


def test_the_fields_survive_the_json_round_trip(seed_analysis):
    doc = seed_analysis.to_dict()
    back = Analysis.from_dict(doc).to_dict()
    assert [(n["statement_id"], n["stated_by"], n["stated_by_entity_id"], n["stated_in"]) for n in back["numbers"]] == [
        (n["statement_id"], n["stated_by"], n["stated_by_entity_id"], n["stated_in"]) for n in doc["numbers"]]


def test_a_processed_file_with_a_bad_source_is_refused(seed_analysis):
    from newslens.schema import document_problem

    doc = seed_analysis.to_dict()
    doc["numbers"][1]["stated_by"] = 7
    assert "must be strings or null" in document_problem(doc)


# --- the shipped article ------------------------------------------------------------------------------

def test_shipped_article_money_is_the_posts_report(seed_analysis, gold):
    by_text = {n.text: n for n in seed_analysis.numbers}
    quotes = {q.id: q for q in seed_analysis.quotes}
    gold_money = [g for g in gold["numbers"] if g["label"] == "MONEY"]
    assert len(gold_money) == 3
    for g in gold_money:
        # the gold statement whose span holds the figure names its source
        holder = [q for q in gold["quotes"] if q["span"][0] <= g["span"][0] and g["span"][1] <= q["span"][1]]
        assert [q["speaker"] for q in holder] == ["the Post"]
        n = by_text[g["text"]]
        assert n.stated_in == "statement"
        assert quotes[n.statement_id].start == holder[0]["span"][0]
        assert n.stated_by == quotes[n.statement_id].speaker == "the Post"
        assert n.stated_by_entity_id == quotes[n.statement_id].speaker_entity_id is not None


def test_shipped_article_two_people_sit_in_reuters_report(seed_analysis, seed_text):
    n = next(n for n in seed_analysis.numbers if n.text == "two people")
    q = next(q for q in seed_analysis.quotes if q.id == n.statement_id)
    assert (n.stated_by, n.stated_in, q.cue) == ("Reuters", "attribution", "according to")
    assert "according to a Reuters report that cited two people" in seed_text[q.cue_span.start:n.end]
    assert not (q.start <= n.start < q.end)  # not in what Reuters says: in how the report is named


def test_shipped_article_dates_of_the_reporting_are_the_articles_own(seed_analysis):
    voice = {n.text for n in seed_analysis.numbers if n.statement_id is None}
    # when the Post reported and when Huang spoke are the article's account, like its dateline
    assert voice == {"8 Jan 2026", "last month", "on Tuesday"}
    assert all(n.stated_by is None and n.stated_in is None for n in seed_analysis.numbers if n.text in voice)


# --- news-style paragraphs: (text, {fact text: source}) ------------------------------------------------

PARAGRAPHS = [
    # claims inside direct quotes, several house styles
    ("“We expect revenue of about $4.5 billion this year,” said Maria Lopez, the company's chief financial officer.",
     {"about $4.5 billion": "Maria Lopez"}),
    ('"Sales rose 12 per cent in the first quarter," Mr Patel told reporters on Monday.',
     {"12 per cent": "Patel"}),
    ("The minister was blunt. ‘We will cut 3,000 jobs by 2027,’ she said.",
     {"3,000 jobs": "The minister", "by 2027": "The minister"}),
    ("“Inflation will fall to 2% next year,” the governor, Andrew Bailey, said at a press conference in London.",
     {"2%": "Andrew Bailey"}),
    ("“It is not 5 per cent, it is closer to 9 per cent,” Ms Okafor said. “We have 600 staff.”",
     {"5 per cent": "Okafor", "9 per cent": "Okafor", "600 staff": "Okafor"}),
    # reported speech
    ("The chief executive, Tom Hart, said the company would invest $200 million in the plant.",
     {"$200 million": "Tom Hart"}),
    ("Officials said that 14 people had been killed and 30 injured in the blast.",
     {"14 people": "Officials", "30": "Officials"}),
    ("The company warned that profits would fall by as much as 40 per cent.",
     {"as much as 40 per cent": "The company"}),
    ("Police said a 34-year-old man was arrested. Two officers were injured, the force added.",
     {"Two officers": "the force"}),
    ("The deal was worth $4 billion, said two people familiar with the talks.",
     {"$4 billion": "two people familiar with the talks", "two people": ARTICLE}),
    # "according to" clauses, front and back
    ("According to the World Bank, the economy will grow 3.1% this year.", {"3.1%": "World Bank"}),
    ("The firm shipped 1.2 million units in 2024, according to data from Counterpoint Research.",
     {"1.2 million units": "Counterpoint Research", "in 2024": "Counterpoint Research"}),
    ("According to a Bloomberg report that cited three people familiar with the matter, the deal values the "
     "startup at $2 billion.", {"three people": "Bloomberg", "$2 billion": "Bloomberg"}),
    # nested: the reporter states what the officials say
    ("Reuters reported that, according to two officials, the talks had stalled over a $5 billion payment.",
     {"$5 billion": "Reuters"}),
    # the article's own voice, also beside a statement in the same sentence
    ("Shares of Acme rose 7.5 per cent to $41.20 in New York on Tuesday.", {"7.5 per cent": ARTICLE, "$41.20": ARTICLE}),
    ("The bridge, which opened in 1932, carries about 160,000 vehicles a day.",
     {"in 1932": ARTICLE, "about 160,000 vehicles a day": ARTICLE}),
    ("The company, which employs 12,000 people, said it would close two factories.",
     {"12,000 people": ARTICLE, "two factories": "The company"}),
    ("Analysts at three banks said the deal was worth about €8 billion.",
     {"three banks": ARTICLE, "about €8 billion": "Analysts at three banks"}),
]


@pytest.mark.parametrize("text,expected", PARAGRAPHS, ids=[p[0][:40] for p in PARAGRAPHS])
def test_paragraph_claims(nlp, text, expected):
    from newslens.pipeline import analyze

    a = analyze(text, nlp=nlp)
    got = {n.text: n.stated_by if n.statement_id else ARTICLE for n in a.numbers}
    assert {k: got.get(k, "(not found)") for k in expected} == expected
    for n in a.numbers:
        if n.statement_id:  # the source is the speaker of the very statement it points to
            q = next(q for q in a.quotes if q.id == n.statement_id)
            assert (n.stated_by, n.stated_by_entity_id) == (q.speaker, q.speaker_entity_id)
