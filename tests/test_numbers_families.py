"""Issue #12 families, several wire-style phrasings each: units, glued forms, ages, ranges, rates, words and
fractions, negatives, currencies from the registry, sub-units, compound amounts, change, bounds, counted things,
forward-looking dates. Grammar-level cases use parse_amount; sentence cases run the whole extractor."""
from __future__ import annotations

import math

import pytest

from newslens.entities import extract_entities
from newslens.numbers import extract_numbers, parse_amount
from newslens.pipeline import parse_many

# (text, kind, value, unit) read from the start of the text; the whole text is the amount
GRAMMAR = [
    # units from the vocabulary, glued and hyphenated
    ("510bhp", "quantity", 510, "horsepower"),
    ("250-hp", "quantity", 250, "horsepower"),
    ("a 6.7-inch", None, None, None),
    ("6.7-inch", "quantity", 6.7, "in"),
    ("3.2GHz", "quantity", 3.2, "GHz"),
    ("120 yards", "quantity", 120, "yard"),
    ("5,000 rpm", "quantity", 5000, "revolutions per minute"),
    ("600 pound-feet", "quantity", 600, "pound-foot"),
    ("40 deg celsius", "quantity", 40, "°C"),
    ("98.6 degrees f", "quantity", 98.6, "°F"),
    ("90 fahrenheit", "quantity", 90, "°F"),
    ("188 miles an hour", "quantity", 188, "mph"),
    ("75ml", "quantity", 75, "millilitre"),
    ("5 metres per second", "quantity", 5, "metre per second"),
    # ages
    ("15-year-old", "age", 15, "year"),
    ("ten years old", "age", 10, "year"),
    ("six-month-old", "age", 6, "month"),
    # negatives
    ("-5°C", "quantity", -5, "°C"),
    ("minus 4 yards", "quantity", -4, "yard"),
    ("$-12.3bn", "money", -12.3e9, "USD"),
    ("-1", "count", -1, None),
    # currencies from the registry
    ("$US87", "money", 87, "USD"),
    ("RM2.5mil", "money", 2.5e6, "MYR"),
    ("1,500€", "money", 1500, "EUR"),
    ("25 €", "money", 25, "EUR"),
    ("30 usd", "money", 30, "USD"),
    ("200 Chinese yuan", "money", 200, "CNY"),
    ("15 Turkish lira", "money", 15, "TRY"),
    ("4.2 million Danish kroner", "money", 4.2e6, "DKK"),
    ("NZ$3.2bn", "money", 3.2e9, "NZD"),
    ("C$500 million", "money", 5e8, "CAD"),
    ("twelve dollars and thirty cents", "money", 12.3, "USD"),
    ("5 dollars and 99 cents", "money", 5.99, "USD"),
    # words and fractions
    ("one hundred and sixty-one", "count", 161, None),
    ("two-thirds", "count", 2 / 3, None),
    ("two thirds", "count", 2 / 3, None),
    ("three quarters of", "count", 0.75, None),
    ("a third of", "count", 1 / 3, None),
    ("one and a half", "count", 1.5, None),
    ("half a million", "count", 5e5, None),
    ("3/4", "count", 0.75, None),
    ("2 1/4", "count", 2.25, None),
    ("1/2 pound", "quantity", 0.5, "lb"),
    ("3 dozens", "count", 36, None),
    # percentages written out
    ("100 percentage", "percent", 100, "%"),
    ("one hundred percents", "percent", 100, "%"),
]


@pytest.mark.parametrize("text,kind,value,unit", GRAMMAR, ids=[g[0] for g in GRAMMAR])
def test_grammar_family(text, kind, value, unit):
    a = parse_amount(text)
    if kind is None:
        assert a is None or a.end < len(text)
        return
    assert a is not None, text
    assert (a.kind, a.unit, a.end) == (kind, unit, len(text.rstrip(" of")) if text.endswith(" of") else len(text))
    assert math.isclose(a.value, value, rel_tol=1e-9)


@pytest.mark.parametrize("text,low,high,unit", [
    ("8- to 16-meter", 8, 16, "m"),
    ("320- to 640-inch", 320, 640, "in"),
    ("5 to 7 million", 5e6, 7e6, None),
    ("between $2bn and $3bn", 2e9, 3e9, "USD"),
    ("5.25%-5.50%", 5.25, 5.5, "%"),
    ("$10-12 billion", 1e10, 1.2e10, "USD"),
])
def test_ranges_are_one_fact(text, low, high, unit):
    a = parse_amount(text)
    assert a is not None and a.end == len(text) and a.unit == unit
    assert (a.low, a.high) == (low, high)


@pytest.mark.parametrize("text,per", [
    ("US$61.10 per barrel", "bbl"), ("$3 a gallon", "gal"), ("$20 an hour", "hour"),
    ("5 mg per kilogram", "kg"), ("$5/kg", "kg"), ("£2.50 a share", "share"),
])
def test_rates_have_a_per_unit(text, per):
    a = parse_amount(text)
    assert a is not None and a.end == len(text) and a.per_unit == per


@pytest.mark.parametrize("text", ["$5bn in 5/7 of cases", "5/7"])
def test_slash_without_a_unit_is_no_rate(text):
    a = parse_amount(text)
    assert a is None or a.per_unit is None


def test_subunits_keep_their_stated_unit():
    a = parse_amount("50 cents")
    assert (a.unit, a.value, a.subunit, a.subunit_value) == ("USD", 0.5, "cent", 50)
    b = parse_amount("99p")
    assert (b.unit, round(b.value, 2), b.subunit, b.subunit_value) == ("GBP", 0.99, "penny", 99)


@pytest.mark.parametrize("text", ["24/7", "9/11", "5 try", "a third straight", "2 are"])
def test_not_amounts(text):
    a = parse_amount(text)
    assert a is None or a.kind == "count" and a.end < len(text)


# (sentence, span, fields) through the whole extractor
SENTENCES = [
    ("Revenue rose 5% to $3bn last year.", "5%", dict(change="up")),
    ("The index fell by 3 points on Monday.", "3 points", dict(change="down", unit="point")),
    ("Shares were up 2.1% in early trade.", "2.1%", dict(change="up")),
    ("Exports dropped 4.2% in March from a year earlier.", "4.2%", dict(change="down")),
    ("It reported a drop of $3bn in profit.", "$3bn", dict(change="down")),
    ("Brent rose to US$61.10 per barrel.", "US$61.10 per barrel", dict(change=None, per_unit="bbl")),
    ("More than 500 people attended the rally.", "More than 500 people", dict(bound="lower", unit="people")),
    ("The fund could raise up to $2bn this year.", "up to $2bn", dict(bound="upper")),
    ("About 300 protesters gathered outside parliament.", "About 300 protesters",
     dict(bound="approximate", unit="protester")),
    ("The firm will cut 12,500 workers and cancel 340 flights.", "12,500 workers", dict(unit="worker", value=12500)),
    ("The firm will cut 12,500 workers and cancel 340 flights.", "340 flights", dict(unit="flight")),
    ("A 15-year-old boy was hurt in the crash.", "15-year-old", dict(label="AGE", value=15, unit="year")),
    ("The victim, a 32-year-old woman, died in hospital.", "32-year-old", dict(label="AGE", value=32)),
    ("Fares rose from 5 to 7 per cent.", "7 per cent", dict(label="PERCENT")),
    ("Temperatures will range from 5 to 7 degrees Celsius.", "5 to 7 degrees Celsius",
     dict(label="QUANTITY", low=5, high=7, unit="°C")),
    ("Prices ranged from $2 to $3 a litre.", "$2 to $3 a litre", dict(low=2, high=3, per_unit="L")),
    ("Orlen paid 5 million PLN in fines.", "5 million PLN", dict(label="MONEY", unit="PLN")),
]


@pytest.fixture(scope="module")
def facts_of(nlp):
    texts = sorted({s for s, _, _ in SENTENCES})
    return {t: extract_numbers(p, extract_entities(p), published="2024-03-20") for t, p in zip(texts, parse_many(texts, nlp))}


@pytest.mark.parametrize("sentence,span,fields", SENTENCES, ids=[f"{s[:30]}|{sp}" for s, sp, _ in SENTENCES])
def test_sentence_family(facts_of, sentence, span, fields):
    facts = facts_of[sentence]
    hits = [f for f in facts if f.text == span]
    assert hits, f"no fact {span!r} in {[(f.text, f.label) for f in facts]}"
    for k, v in fields.items():
        assert getattr(hits[0], k) == v, (span, k, getattr(hits[0], k))


@pytest.mark.parametrize("sentence,iso", [
    ("Traders priced in 70% odds of a June cut.", "2024-06"),
    ("Markets see a likely cut in June.", "2024-06"),
    ("The bank cut rates last June.", "2023-06"),
    ("The deal could close on Friday.", "2024-03-22"),
    ("The deal closed on Friday.", "2024-03-15"),
])
def test_relative_dates_follow_the_clause(nlp, sentence, iso):
    parsed = next(parse_many([sentence], nlp))
    dates = [f for f in extract_numbers(parsed, [], published="2024-03-20") if f.label == "DATE"]
    assert dates and dates[0].date == iso, [(f.text, f.date) for f in dates]


@pytest.mark.parametrize("text,low,high", [
    ("more than 100 and less than 300", 100, 300),
    ("at most 100 and at least 20", 20, 100),
    ("above 1,000 and below 1,500", 1000, 1500),
    ("more than 5% but less than 7%", 5, 7),
    ("more than $5bn and less than $7bn", 5e9, 7e9),
    ("between negative ten and fifteen", -10, 15),
])
def test_two_bounds_make_one_range(text, low, high):
    a = parse_amount(text)
    assert a is not None and a.end == len(text) and (a.low, a.high) == (low, high)


@pytest.mark.parametrize("text", ["More than 40 and less than 10", "more than 40 and 10 people"])
def test_bounds_that_do_not_enclose_stay_apart(text):
    a = parse_amount(text)
    assert a is not None and a.low is None and a.qualifier == "more than"


@pytest.mark.parametrize("text,value,unit,end", [
    ("45 and 50 mg", 45, "milligram", 2),
    ("3 or 4 per cent", 3, "%", 1),
    ("2 in.", 2, "in", 4),
    ("2 1/2 in thick", 2.5, "in", 8),
    ("$15.4/hour", 15.4, "USD", 10),
])
def test_shared_units_and_inches(text, value, unit, end):
    a = parse_amount(text)
    assert a is not None and (a.value, a.unit, a.end) == (value, unit, end)


@pytest.mark.parametrize("text", ["2 in the morning", "At 2 pm", "5 and 6"])
def test_no_unit_where_there_is_none(text):
    i = next(k for k, ch in enumerate(text) if ch.isdigit())
    a = parse_amount(text, i)
    assert a is None or a.unit is None


@pytest.mark.parametrize("sentence,span,iso", [
    ("Revenue rose 8% in FY2025, the company said.", "in FY2025", "2025"),
    ("Infosys expects growth of 4% in FY25.", "in FY25", "2025"),
    ("Profit fell in 3Q25, the bank said in a filing.", "in 3Q25", "2025"),
    ("Margins widened in 1H26, analysts at Jefferies said.", "in 1H26", "2026"),
    ("Shipments rose in H1 2026, Counterpoint said.", "in H1 2026", "2026"),
])
def test_reporting_periods_with_their_year_are_dates(nlp, sentence, span, iso):
    parsed = next(parse_many([sentence], nlp))
    dates = [f for f in extract_numbers(parsed, [], published="2026-01-08") if f.label == "DATE"]
    assert [(f.text, f.date) for f in dates] == [(span, iso)]


@pytest.mark.parametrize("sentence", ["Nvidia sells the H200 and H100 chips to cloud firms.",
                                      "The Q350 sedan sold well in Japan."])
def test_product_codes_are_no_reporting_periods(nlp, sentence):
    parsed = next(parse_many([sentence], nlp))
    assert [f.text for f in extract_numbers(parsed, [], published="2026-01-08") if f.label == "DATE"] == []
