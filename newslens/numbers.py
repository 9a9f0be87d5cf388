"""Numbers: money, percentages, counts, quantities and dates with a parsed value."""
from __future__ import annotations

import re

from .dates import parse_absolute_date
from .entities import PRODUCT_CODE
from .schema import NumberFact

LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE"}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
CURRENCIES = [("US$", "USD"), ("HK$", "HKD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"),
              ("yuan", "CNY"), ("renminbi", "CNY"), ("euro", "EUR"), ("pound", "GBP"), ("yen", "JPY")]
APPROX = re.compile(r"^(about|around|nearly|almost|roughly|approximately|some|more than|over|up to|less than)\s+", re.I)


def parse_value(text: str) -> tuple[float | None, str | None, str | None]:
    """(value, scale word, unit) of a money/percent/count phrase."""
    t = APPROX.sub("", text.strip())
    unit = None
    for sym, code in CURRENCIES:
        if sym in t:
            unit = code
            break
    if "%" in t or "per cent" in t or "percent" in t:
        unit = "%"
    m = re.search(r"\d[\d,]*(?:\.\d+)?", t)
    if m:
        value = float(m.group().replace(",", ""))
    else:
        first = t.lower().split()[0] if t.split() else ""
        if first not in WORDS:
            return None, None, unit
        value = float(WORDS[first])
    scale = None
    for word, mult in SCALES.items():
        if re.search(rf"\b{word}\b", t, re.I):
            value *= mult
            scale = word
            break
    return value, scale, unit


def extract_numbers(parsed, entities, *, published: str | None = None) -> list[NumberFact]:
    """Numeric entities from spaCy, product codes excluded, values parsed."""
    facts: list[NumberFact] = []
    for seg in parsed.segments:
        for ent in seg.doc.ents:
            if ent.label_ not in LABELS or PRODUCT_CODE.match(ent.text):
                continue
            start = seg.start + ent.start_char
            fact = NumberFact(id=f"n{len(facts) + 1}", text=ent.text, start=start, end=start + len(ent.text),
                              label=ent.label_, sentence=parsed.sentence_index(start))
            if ent.label_ == "DATE":
                d = parse_absolute_date(ent.text)
                if d:
                    fact.date = d.isoformat()
                elif re.fullmatch(r"(?:in\s+)?(\d{4})", ent.text):
                    fact.date = re.search(r"\d{4}", ent.text).group()
            else:
                fact.value, fact.scale, fact.unit = parse_value(ent.text)
                q = APPROX.match(ent.text)
                if q:
                    fact.qualifier, fact.approximate = q.group(1).lower(), True
            facts.append(fact)
    return facts
