"""The currency registry (lexicon/currencies.json) and the bundled reference rates beside it (fx_rates.json)."""
from __future__ import annotations

import functools
import re

from .. import lexicon
from ..dates import to_date


@functools.lru_cache(maxsize=1)
def registry() -> list[dict]:
    """Every currency entry of the registry."""
    return lexicon.table("currencies")["currencies"]


@functools.lru_cache(maxsize=1)
def prefixes() -> dict[str, str]:
    """Symbols, prefixes and codes written before the number -> ISO code ("US$" -> USD, "PLN" -> PLN)."""
    out: dict[str, str] = {}
    for cur in registry():
        for p in cur["prefixes"] + cur.get("weak_prefixes", []):
            out[p] = cur["code"]
        if cur.get("code_before"):
            out[cur["code"]] = cur["code"]
    return out


@functools.lru_cache(maxsize=1)
def weak_prefixes() -> frozenset[str]:
    """Prefixes that are letters naming other things too ("NIS2", "TL 2", "N95"): money only with a scale, a thousands
    separator or two decimals ("NIS 1.2 billion", "Dh12bn", "Sh1,500", "R21.50")."""
    return frozenset(p for cur in registry() for p in cur.get("weak_prefixes", []))


@functools.lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Currency names written after the number (lower-case) -> ISO code, weak names included."""
    return {n: cur["code"] for cur in registry() for n in cur["names"] + cur.get("weak_names", [])}


@functools.lru_cache(maxsize=1)
def weak_names() -> frozenset[str]:
    """Names that are ordinary words too ("won", "rand"): money only after a scale word or before punctuation."""
    return frozenset(n for cur in registry() for n in cur.get("weak_names", []))


@functools.lru_cache(maxsize=1)
def codes_after() -> dict[str, str]:
    """ISO codes (and aliases such as RMB) that may follow the number -> ISO code."""
    out = {cur["code"]: cur["code"] for cur in registry() if cur.get("code_after")}
    out.update(lexicon.table("currencies").get("aliases", {}))
    return out


@functools.lru_cache(maxsize=1)
def codes_after_lower() -> dict[str, str]:
    """Lower-case ISO codes after the number ("30 usd"), ordinary words ("try") left out."""
    skip = set(lexicon.table("currencies").get("lower_case_code_words", []))
    return {c.lower(): code for c, code in codes_after().items() if c.lower() not in skip}


@functools.lru_cache(maxsize=1)
def symbols_after() -> dict[str, str]:
    """Currency symbols written after the number ("1,500€", "25 €") -> ISO code."""
    return {s: cur["code"] for cur in registry() for s in cur.get("symbols_after", [])}


@functools.lru_cache(maxsize=1)
def subunits() -> dict[str, tuple[str, float]]:
    """Sub-unit names ("cents", "pence") and glued forms ("p") -> (ISO code, parts per main unit)."""
    out: dict[str, tuple[str, float]] = {}
    for cur in registry():
        for sub in cur.get("subunits", []):
            for n in sub["names"] + sub.get("glued", []):
                out[n] = (cur["code"], float(sub["per"]))
    return out


@functools.lru_cache(maxsize=1)
def glued_subunits() -> frozenset[str]:
    """Sub-unit forms written right after the digits ("50p")."""
    return frozenset(n for cur in registry() for sub in cur.get("subunits", []) for n in sub.get("glued", []))


@functools.lru_cache(maxsize=1)
def fx_table() -> dict:
    """The bundled reference-rate table (see the description inside lexicon/fx_rates.json)."""
    return lexicon.table("fx_rates")


def _months(d: str) -> int:
    return int(d[:4]) * 12 + int(d[5:7])


@functools.lru_cache(maxsize=4096)
def usd_rate(code: str, published=None) -> tuple[float, str] | None:
    """(US dollars per unit of `code`, rate date) from the bundled table, for the article's date (cached: the
    table is read once per process, and each money fact of an article asks for the same date)."""
    if not code:
        return None
    if code == "USD":
        return 1.0, ""
    table = fx_table()
    pub = to_date(published)
    dates = sorted(table["rates"])
    if pub is None:
        day = table["default_date"]
    else:
        older = [d for d in dates if d <= pub.isoformat()]
        day = older[-1] if older else dates[0]
    rates = table["rates"][day]
    if code in table.get("pegs_usd", {}):
        return 1.0 / table["pegs_usd"][code], "peg"
    if code not in rates or "USD" not in rates:
        # a currency quoted only on other dates (e.g. RUB before 2022): nearest date that has it
        have = [d for d in dates if code in table["rates"][d] and abs(_months(d) - _months(day)) <= 12]
        if not have:
            return None  # not quoted by the ECB (TWD, PKR, VND...) or not within a year (RUB since 2022)
        day = min(have, key=lambda d: abs(_months(d) - _months(day)))
        rates = table["rates"][day]
    return rates["USD"] / rates[code], day


def yen_or_yuan(text: str) -> str:
    """What a bare ¥ means in this article: CNY or JPY, by the article's own words."""
    low = text.lower()
    yuan = len(re.findall(r"\b(?:yuan|renminbi|rmb)\b", low))
    yen = len(re.findall(r"\byen\b", low))
    if yuan != yen:
        return "CNY" if yuan > yen else "JPY"
    china = len(re.findall(r"\b(?:china|chinese|beijing|shanghai)\b", low))
    japan = len(re.findall(r"\b(?:japan|japanese|tokyo)\b", low))
    return "CNY" if china > japan else "JPY"
