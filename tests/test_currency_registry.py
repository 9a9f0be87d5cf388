"""The one currency registry (lexicon/currencies.json): every code reads as money in both orders, has a rate or
says it has none, and no symbol or name points at two currencies."""
from __future__ import annotations

import pytest

from newslens import lexicon
from newslens.entities import extract_entities
from newslens.numbers import currency, extract_numbers, parse_amount, usd_rate
from newslens.pipeline import parse_many

REGISTRY = lexicon.table("currencies")["currencies"]
CODES = [c["code"] for c in REGISTRY]


def test_registry_is_well_formed():
    assert len(CODES) == len(set(CODES)) and len(CODES) >= 30
    seen: dict[str, str] = {}
    for cur in REGISTRY:
        assert len(cur["code"]) == 3 and cur["code"].isupper()
        assert cur["rate"] in ("ecb", "peg", "none"), cur["code"]
        for form in cur["prefixes"] + cur.get("weak_prefixes", []) + cur["names"] + cur.get("weak_names", []):
            assert seen.setdefault(form.lower(), cur["code"]) == cur["code"], f"{form} names two currencies"
        assert all(n == n.lower() for n in cur["names"] + cur.get("weak_names", []))


@pytest.mark.parametrize("code", [c["code"] for c in REGISTRY if c.get("code_before")])
@pytest.mark.parametrize("amount", ["5 million", "1,250", "3.5bn"])
def test_code_before_the_number(code, amount):
    text = f"{code} {amount}"
    a = parse_amount(text)
    assert a is not None and (a.kind, a.unit, a.end) == ("money", code, len(text))


@pytest.mark.parametrize("code", [c["code"] for c in REGISTRY if c.get("code_after")])
@pytest.mark.parametrize("amount", ["5 million", "1,250", "3.5bn"])
def test_code_after_the_number(code, amount):
    text = f"{amount} {code}"
    a = parse_amount(text)
    assert a is not None and (a.kind, a.unit, a.end) == ("money", code, len(text))
    assert a.value == parse_amount(f"{code} {amount}").value


@pytest.mark.parametrize("cur", REGISTRY, ids=lambda c: c["code"])
def test_every_code_has_a_rate_or_is_listed_as_having_none(cur):
    for day in ("2016-06-01", "2021-03-01", "2026-01-08"):
        rate = usd_rate(cur["code"], day)
        if cur["rate"] == "none":
            assert rate is None
        elif cur["code"] == "RUB" and day >= "2022-06":
            assert rate is None  # the ECB stopped quoting the rouble in March 2022
        else:
            assert rate is not None and rate[0] > 0, (cur["code"], day)
    if cur["rate"] == "peg":
        assert cur["code"] in currency.fx_table()["pegs_usd"]


@pytest.mark.parametrize("sentence,span,code,value", [
    ("Orlen will pay 5 million PLN to the regulator, the company said.", "5 million PLN", "PLN", 5e6),
    ("Orlen will pay PLN 5 million to the regulator, the company said.", "PLN 5 million", "PLN", 5e6),
    ("Emaar sold the tower for 1.2 billion AED last week.", "1.2 billion AED", "AED", 1.2e9),
    ("The lender set aside 40bn HUF for bad loans.", "40bn HUF", "HUF", 4e10),
    ("Investors paid 300 million SAR for the stake.", "300 million SAR", "SAR", 3e8),
    ("The fine totals 2.5 million ILS.", "2.5 million ILS", "ILS", 2.5e6),
])
def test_codes_after_the_number_are_money_in_a_sentence(nlp, sentence, span, code, value):
    """The order fix: "5 million PLN" used to be a bare count of 5 million."""
    parsed = next(parse_many([sentence], nlp))
    facts = extract_numbers(parsed, extract_entities(parsed))
    money = [f for f in facts if f.text == span]
    assert money and (money[0].label, money[0].unit, money[0].value) == ("MONEY", code, value)
