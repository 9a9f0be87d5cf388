"""Numbers: every numeric claim as data — value × scale, currency or unit, range, qualifier, date, subject.

Two passes over each segment's spaCy Doc, merged without overlaps:

1. a scanner that tries, at every token start, to read an amount with our own grammar
   (qualifier? currency? number scale* (range)? currency|percent|unit?) — it finds what the model
   mislabels or misses ("Rs 5 crore", "€2.5bn", "7nm"), and never starts inside a token, so "H200"
   cannot yield 200;
2. spaCy's numeric entities for the rest: word-number counts ("two people"), dates (resolved with
   `dates.resolve_date`) and durations.

Bare numbers (no currency, unit, percent or scale) go through name filters: product and model codes
(H200, iPhone 15, Boeing 737, Covid-19), section and route numbers, phone numbers and ids are never facts.
Each fact is then linked to its sentence, subject entity, measure word, period date, a stated equivalent
("100 billion yuan (US$14.3 billion)") and a US-dollar value.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_duration, resolve_date, to_date
from .schema import Entity, NumberFact

FX_PATH = Path(__file__).with_name("fx_rates.json")

# ---------------------------------------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------------------------------------

SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7, "dozen": 12,
}
SCALE_ABBR = {"bn": "billion", "bln": "billion", "mn": "million", "mln": "million", "tn": "trillion",
              "trn": "trillion", "k": "thousand", "m": "million", "b": "billion", "cr": "crore"}
SCALE_NAME = {"lakhs": "lakh", "lacs": "lakh", "lac": "lakh", "crores": "crore"}

# prefix symbols and codes, case-sensitive, longest first
CURRENCY_PREFIX = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "NT$": "TWD", "TWD": "TWD", "R$": "BRL", "BRL": "BRL", "MX$": "MXN", "MXN": "MXN", "RM": "MYR", "MYR": "MYR",
    "Rp": "IDR", "IDR": "IDR", "Rs.": "INR", "Rs": "INR", "INR": "INR", "₹": "INR", "RMB": "CNY", "CNY": "CNY",
    "CN¥": "CNY", "JP¥": "JPY", "JPY": "JPY", "¥": "JPY", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "₩": "KRW", "KRW": "KRW", "CHF": "CHF", "SFr": "CHF", "₽": "RUB", "RUB": "RUB", "₺": "TRY", "₱": "PHP",
    "฿": "THB", "THB": "THB", "₫": "VND", "VND": "VND", "₪": "ILS", "ILS": "ILS", "₦": "NGN", "NGN": "NGN",
    "SAR": "SAR", "AED": "AED", "QAR": "QAR", "ZAR": "ZAR", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK",
    "PLN": "PLN", "CZK": "CZK", "HUF": "HUF", "$": "USD",
}
# names after the number, case-insensitive (codes are added case-sensitively below)
CURRENCY_NAMES = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "hong kong dollars": "HKD",
    "hk dollars": "HKD", "singapore dollars": "SGD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "new zealand dollars": "NZD", "new taiwan dollars": "TWD", "taiwan dollars": "TWD", "taiwanese dollars": "TWD",
    "dollars": "USD", "dollar": "USD", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "euros": "EUR",
    "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP", "pounds": "GBP", "pound": "GBP",
    "indian rupees": "INR", "pakistani rupees": "PKR", "sri lankan rupees": "LKR", "rupees": "INR", "rupee": "INR",
    "won": "KRW", "ringgit": "MYR", "rupiah": "IDR", "baht": "THB", "philippine pesos": "PHP",
    "mexican pesos": "MXN", "pesos": "MXN", "peso": "MXN", "reais": "BRL", "rand": "ZAR", "lira": "TRY",
    "liras": "TRY", "zloty": "PLN", "zlotys": "PLN", "forint": "HUF", "koruna": "CZK", "swiss francs": "CHF",
    "francs": "CHF", "swedish kronor": "SEK", "kronor": "SEK", "krona": "SEK", "norwegian kroner": "NOK",
    "kroner": "NOK", "danish kroner": "DKK", "shekels": "ILS", "dong": "VND", "naira": "NGN", "roubles": "RUB",
    "rubles": "RUB", "riyals": "SAR", "dirhams": "AED", "rmb": "CNY",
}
# a hundredth of a currency: "25 cents", "50p", "99 pence" (value is converted to the main unit)
SUBUNITS = {"us cents": "USD", "cents": "USD", "cent": "USD", "euro cents": "EUR", "pence": "GBP", "p": "GBP"}
CURRENCY_CODES_AFTER = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "HKD", "SGD", "AUD", "CAD", "INR", "KRW", "CHF",
                        "TWD", "NZD", "MYR", "IDR", "THB", "PHP", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK")
# names that are ordinary words too: only a currency after a scale word or before punctuation
WEAK_CURRENCY = {"won", "rand", "dong", "pound", "pounds", "real", "lira"}

PERCENT_UNITS = [
    (r"%", "%"), (r"per[\s-]?cent", "%"), (r"percent", "%"), (r"pct", "%"), (r"pc", "%"),
    (r"percentage[\s-]points?", "pp"), (r"pp", "pp"), (r"ppts?", "pp"),
    (r"basis[\s-]points?", "bp"), (r"bps", "bp"), (r"bp", "bp"),
]
# (regex, canonical unit, case-insensitive?)
QUANTITY_UNITS = [
    (r"nanomet(?:re|er)s?", "nm", True), (r"nm", "nm", False),
    (r"millimet(?:re|er)s?", "mm", True), (r"mm", "mm", False),
    (r"centimet(?:re|er)s?", "cm", True), (r"cm", "cm", False),
    (r"square\s+kilomet(?:re|er)s?", "km2", True), (r"sq\.?\s?km", "km2", True), (r"km2|km²", "km2", False),
    (r"square\s+met(?:re|er)s?", "m2", True), (r"sq\.?\s?m", "m2", True), (r"m2|m²", "m2", False),
    (r"square\s+(?:feet|foot)", "ft2", True), (r"sq\.?\s?ft", "ft2", True),
    (r"square\s+miles?", "mi2", True),
    (r"kilomet(?:re|er)s?\s+per\s+hour", "km/h", True), (r"km/h|kph", "km/h", False), (r"mph", "mph", False),
    (r"kilomet(?:re|er)s?", "km", True), (r"km", "km", False),
    (r"met(?:re|er)s", "m", True), (r"met(?:re|er)", "m", True),
    (r"miles?", "mi", True), (r"feet|foot", "ft", True), (r"ft", "ft", False), (r"inches", "in", True),
    (r"hectares?", "ha", True), (r"ha", "ha", False), (r"acres?", "acre", True),
    (r"metric\s+tonnes?|metric\s+tons?|tonnes?|tons?", "t", True),
    (r"kilo(?:gram|gramme)s?", "kg", True), (r"kg", "kg", False),
    (r"grams?|grammes?", "g", True), (r"ounces?", "oz", True), (r"oz", "oz", False),
    (r"barrels?\s+(?:a|per)\s+day", "bbl/d", True), (r"bpd|b/d", "bbl/d", False), (r"barrels?", "bbl", True),
    (r"bbl", "bbl", False), (r"billion\s+cubic\s+met(?:re|er)s", "bcm", True), (r"bcm", "bcm", False),
    (r"cubic\s+met(?:re|er)s?", "m3", True), (r"litres?|liters?", "L", True), (r"gallons?", "gal", True),
    (r"terawatt[\s-]hours?", "TWh", True), (r"gigawatt[\s-]hours?", "GWh", True), (r"megawatt[\s-]hours?", "MWh", True),
    (r"kilowatt[\s-]hours?", "kWh", True), (r"TWh|GWh|MWh|kWh", None, False),
    (r"terawatts?", "TW", True), (r"gigawatts?", "GW", True), (r"megawatts?", "MW", True), (r"kilowatts?", "kW", True),
    (r"TW|GW|MW|kW", None, False),
    (r"degrees\s+(?:celsius|centigrade)", "°C", True), (r"°C", "°C", False), (r"degrees\s+fahrenheit", "°F", True),
    (r"°F", "°F", False), (r"terabytes?", "TB", True), (r"gigabytes?", "GB", True), (r"TB|GB|MB|PB", None, False),
    (r"gigahertz", "GHz", True), (r"GHz|MHz", None, False), (r"Gbps|Mbps", None, False),
    (r"teraflops|petaflops|exaflops", None, True), (r"TEUs?", "TEU", False), (r"mAh", "mAh", False),
    (r"carats?", "carat", True), (r"qubits?", "qubit", True),
]
QUALIFIERS = [
    "more than", "less than", "fewer than", "greater than", "higher than", "lower than", "up to", "as much as",
    "as many as", "as little as", "as few as", "as high as", "as low as", "at least", "at most", "close to",
    "in excess of", "upwards of", "north of", "an estimated", "nearly", "almost", "about", "around", "roughly",
    "approximately", "approx.", "some", "over", "under", "above", "below", "circa", "estimated", "just over",
    "just under", "well over", "well above", "well below", "just above", "just below", "slightly more than",
    "slightly less than", "a little over", "~",
]
AMBIGUOUS_QUALIFIERS = {"about", "around", "over", "under", "above", "below", "some"}
UNITS_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
               "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
WORD_VALUE = {w: i for i, w in enumerate(UNITS_WORDS)} | TENS_WORDS
# words before a bare number that make it a name: "Section 232", "Flight 370", "No. 10"
NAME_WORDS = {"no", "no.", "nos", "number", "section", "article", "chapter", "clause", "rule", "title", "route",
              "flight", "room", "phase", "level", "tier", "gate", "platform", "line", "bus", "highway", "interstate",
              "model", "version", "series", "gen", "generation", "type", "class", "grade", "stage", "week", "day",
              "episode", "season", "volume", "vol", "vol.", "page", "p.", "pp.", "item", "resolution", "paragraph",
              "covid", "apollo", "formula", "windows", "iphone", "galaxy", "pixel", "playstation", "xbox", "ios",
              "android", "macos", "gpt", "llama", "gemini", "claude", "qwen", "boeing", "airbus", "cop", "g", "f",
              "su", "mig", "tu", "il", "an", "mh", "expo", "vision", "agenda", "euro", "paris",
              "junction", "junctions", "exit", "terminal", "pier", "berth", "gates", "sections", "articles",
              "chapters", "routes", "lines", "platforms", "floor", "block", "unit", "nos.", "ward", "district",
              "zone", "precinct", "bay", "hall", "pavilion", "booth", "seat", "row", "act", "bill", "proposition",
              "amendment", "order", "directive", "regulation", "decree", "hs", "code", "lot", "batch"}
MODEL_SUFFIX = {"Pro", "Max", "Ultra", "Plus", "Mini", "Air", "SE", "Ti", "XL", "Neo", "Lite", "Series", "Super",
                "Edge", "Fold", "Flip", "Note", "MAX", "Turbo", "Prime", "e", "neo"}
MONTH_NAMES = {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
               "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
               "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NON_NUMERIC_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                      "LANGUAGE"}
DATE_PREPS = {"in", "on", "at", "during", "since", "by", "until", "till", "before", "after", "from", "through",
              "throughout", "around", "circa", "about", "as", "of", "for"}
DATE_QUALIFIERS = {"since", "by", "until", "till", "before", "after", "from", "through", "as of", "around", "circa",
                   "about"}
SAYING_VERBS = {"say", "tell", "report", "add", "note", "state", "announce", "write", "claim", "accord", "cite",
                "estimate", "show", "reveal", "disclose"}
# verbs whose subject is what the number measures: "demand rose 5%", "revenue was $5bn"
LEVEL_VERBS = {"rise", "fall", "increase", "decrease", "grow", "drop", "climb", "jump", "slip", "decline", "gain",
               "lose", "surge", "soar", "tumble", "slump", "plunge", "reach", "hit", "total", "stand", "be", "remain",
               "top", "exceed", "double", "halve", "shrink", "expand", "widen", "narrow", "ease", "edge", "slide",
               "sink", "rebound", "recover", "come", "amount", "dip", "fell", "rose", "add", "shed", "slow",
               "accelerate", "hover", "peak", "swell", "balloon", "contract", "retreat", "advance", "rally"}
TIME_NOUNS = {"year", "month", "week", "day", "quarter", "time", "period", "%", "percent", "cent", "point"}
FUTURE_VERBS = {"expect", "schedule", "due", "plan", "set", "intend", "aim", "hope", "forecast", "project"}
GOV_REFERENTS = {"government", "ministry", "cabinet", "parliament", "administration", "authorities", "state",
                 "country", "treasury", "regulator"}
ORG_REFERENTS = {"company", "firm", "group", "bank", "maker", "designer", "developer",
                 "giant", "carrier", "lender", "insurer", "retailer", "automaker", "carmaker", "chipmaker",
                 "operator", "platform", "start-up", "startup", "conglomerate", "business", "airline", "fund",
                 "exchange", "manufacturer", "supplier", "producer", "unit", "subsidiary"}


def _alt(items) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_END = r"(?![A-Za-z0-9])"
def _words_alt(phrases) -> str:
    return _alt(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


_RE_QUAL = re.compile(r"(?P<q>" + _words_alt(QUALIFIERS) + r")(?:\s+|(?<=~)\s*)", re.I)
_RE_BETWEEN = re.compile(r"between\s+", re.I)
_RE_SIGN = re.compile(r"(?:minus|negative)\s+", re.I)
_RE_PREFIX = re.compile(r"(?P<c>" + _alt(re.escape(c) for c in CURRENCY_PREFIX) + r")(?P<sp>\s?)")
_RE_DIGITS = re.compile(r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?|\.\d+)(?!\.?\d)")
_RE_WORDNUM = re.compile(
    r"(?P<w>(?:(?:" + _alt(TENS_WORDS) + r")(?:[-\s](?:" + _alt(UNITS_WORDS[1:10]) + r"))?|" + _alt(UNITS_WORDS)
    + r")(?:\s+hundred)?|half\s+an?|an?)" + _END,
    re.I,
)
_RE_SCALE_WORD = re.compile(r"(?:\s+|-)?(?P<s>" + _alt(SCALE_WORDS) + r")" + _END, re.I)
_RE_SCALE_ABBR_SPACED = re.compile(r"\s?(?P<s>bn|bln|mn|mln|tn|trn)" + _END)
_RE_SCALE_ABBR_GLUED = re.compile(r"(?P<s>k|m|b|K|M|B)" + _END)
_RE_SCALE_CR = re.compile(r"\s?(?P<s>cr)" + _END)
_RE_CUR_NAME = re.compile(r"(?:\s+|-)(?P<c>" + _words_alt(CURRENCY_NAMES) + r")" + _END, re.I)
_RE_SUBUNIT = re.compile(
    r"(?:\s+|-)(?P<c>(?i:us\s+cents|euro\s+cents|cents|pence))" + _END + r"|(?<=\d)(?P<p>p)" + _END
)
_RE_CUR_CODE = re.compile(r"\s?(?P<c>" + _alt(CURRENCY_CODES_AFTER) + r")" + _END)
_RE_PERCENT = re.compile(r"(?:\s?|-)(?P<p>" + "|".join(p for p, _ in PERCENT_UNITS) + r")(?![A-Za-z0-9])", re.I)
_UNITS_CI = "|".join(f"(?:{p})" for p, _, ci in QUANTITY_UNITS if ci)
_UNITS_CS = "|".join(f"(?:{p})" for p, _, ci in QUANTITY_UNITS if not ci)
_RE_UNITS_CI = re.compile(r"(?:\s?|-)(?P<u>" + _UNITS_CI + r")" + _END, re.I)
_RE_UNITS_CS = re.compile(r"(?:\s?|-)(?P<u>" + _UNITS_CS + r")" + _END)
_RE_RANGE = re.compile(r"\s*(?P<sep>-|–|—|to)\s*", re.I)
_RE_AND = re.compile(r"\s+and\s+", re.I)
_RE_RATIO = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", re.I)
_RE_METRES_AFTER = re.compile(
    r"^(?:-|\s+)(?:tall|high|long|deep|wide|away|above|below|across|in\s+(?:height|length|diameter|depth)|"
    r"sprint|race|hurdles|freestyle|butterfly|backstroke|breaststroke|relay|dash|swim|event|final|title)\b", re.I
)
_RE_PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{1,5}){1,5}(?![\w,])")
_RE_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")


@dataclass
class Amount:
    """An amount read from text: [start, end) are offsets into the string parsed."""

    start: int
    end: int
    value: float | None
    kind: str  # money | percent | quantity | count
    unit: str | None = None
    scale: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    sign: float = 1.0
    is_word: bool = False  # the number is a word ("two"), not digits
    split_from: bool = False  # "from 5 to 7 per cent": two facts, not a range

    @property
    def bare(self) -> bool:
        return self.kind == "count" and self.scale is None


# ---------------------------------------------------------------------------------------------------------
# the amount grammar
# ---------------------------------------------------------------------------------------------------------

def _fx_word_ok(s: str, end: int, has_scale: bool) -> bool:
    return has_scale or end >= len(s) or s[end] in ".,;:)!?\n"


@dataclass
class _Side:
    value: float
    end: int
    currency: str | None = None
    scale: str | None = None
    mult: float = 1.0
    is_word: bool = False
    glued_m: bool = False


def _word_number(text: str) -> float | None:
    t = re.sub(r"[\s-]+", " ", text.lower()).strip()
    if t in ("a", "an"):
        return 1.0
    if t in ("half a", "half an"):
        return 0.5
    hundred = t.endswith(" hundred")
    if hundred:
        t = t[: -len(" hundred")]
    total = 0
    for part in t.split():
        if part not in WORD_VALUE:
            return None
        total += WORD_VALUE[part]
    return float(total * (100 if hundred else 1))


def _side(s: str, i: int, cur: str | None) -> _Side | None:
    """currency? number scale* at s[i:]."""
    j = i
    m = _RE_PREFIX.match(s, j)
    if m and m.end() < len(s) and (s[m.end()].isdigit() or s[m.end()] == "."):
        cur, j = CURRENCY_PREFIX[m.group("c")], m.end()
    word = None
    m = _RE_DIGITS.match(s, j)
    if m:
        value = float(m.group("n").replace(",", ""))
    else:
        m = _RE_WORDNUM.match(s, j)
        if not m:
            return None
        word = re.sub(r"\s+", " ", m.group("w").lower())
        value = _word_number(word)
        if value is None:
            return None
    j = m.end()
    side = _Side(value=value, end=j, currency=cur, is_word=word is not None)
    for _ in range(3):
        m = _RE_SCALE_WORD.match(s, j)
        if m:
            sw = m.group("s").lower()
            if sw == "hundred" and (side.scale or word is not None):
                break
            side.mult *= SCALE_WORDS[sw]
            name = SCALE_NAME.get(sw, sw)
            side.scale = f"{side.scale} {name}" if side.scale else name
            j = m.end()
            continue
        if word is None and not side.scale:
            m = _RE_SCALE_ABBR_SPACED.match(s, j)
            if not m and j < len(s) and not s[j].isspace():
                m = _RE_SCALE_ABBR_GLUED.match(s, j)
                if m and m.group("s") in ("K", "M", "B", "b") and not side.currency:
                    m = None  # "4K", "5B" are codes; "$5B" is money
            if not m and side.currency == "INR":
                m = _RE_SCALE_CR.match(s, j)
            if m:
                abbr = m.group("s")
                name = SCALE_ABBR[abbr.lower()]
                side.glued_m = abbr == "m" and not side.currency
                side.mult *= SCALE_WORDS[name]
                side.scale = name
                j = m.end()
                continue
        break
    if word in ("a", "an", "half a", "half an") and not side.scale:
        return None  # "a" and "half a" count only before a scale: "a million", "half a billion"
    side.end = j
    return side


def _suffix(s: str, j: int, has_scale: bool, glued_m: bool):
    """(kind, unit, end) of what follows the number: currency name/code, percent, unit; or None."""
    m = _RE_PERCENT.match(s, j)
    if m:
        p = m.group("p").lower()
        if not (p in ("pc",) and m.group(0)[0].isspace()):
            for pat, unit in PERCENT_UNITS:
                if re.fullmatch(pat, p, re.I):
                    return "percent", unit, m.end()
    m = _RE_CUR_NAME.match(s, j)
    if m:
        name = re.sub(r"\s+", " ", m.group("c").lower())
        if name not in WEAK_CURRENCY or _fx_word_ok(s, m.end(), has_scale):
            if name in ("pounds", "pound") and not has_scale and not re.match(r"\s+sterling", s[m.end():], re.I):
                return "quantity", "lb", m.end()
            return "money", CURRENCY_NAMES[name], m.end()
    m = _RE_SUBUNIT.match(s, j)
    if m:
        unit = SUBUNITS[re.sub(r"\s+", " ", (m.group("c") or m.group("p")).lower())]
        return "subunit", unit, m.end()
    m = _RE_CUR_CODE.match(s, j)
    if m:
        code = m.group("c")
        return "money", "CNY" if code == "RMB" else code, m.end()
    for rx in (_RE_UNITS_CI, _RE_UNITS_CS):
        m = rx.match(s, j)
        if m:
            u = m.group("u")
            for pat, unit, ci in QUANTITY_UNITS:
                if re.fullmatch(pat, u, re.I if ci else 0):
                    return "quantity", unit or u, m.end()
    return None


def parse_amount(s: str, i: int = 0) -> Amount | None:
    """Read an amount starting exactly at s[i]: "about 100 billion yuan", "$10-12 billion", "7nm", "two"."""
    j = i
    qual = None
    m = _RE_QUAL.match(s, j)
    if m:
        qual = re.sub(r"\s+", " ", m.group("q").lower())
        j = m.end()
    between = False
    m = _RE_BETWEEN.match(s, j)
    if m:
        between, j = True, m.end()
    sign = 1.0
    symbol_sign = False
    m = _RE_SIGN.match(s, j)
    if m:
        sign, j = -1.0, m.end()
    elif j < len(s) - 1 and s[j] in "-−+" and (s[j + 1].isdigit() or s[j + 1] in "$€£¥") \
            and (j == 0 or s[j - 1].isspace() or s[j - 1] in "(["):
        sign, j, symbol_sign = (1.0 if s[j] == "+" else -1.0), j + 1, True  # "fell -3.2%", "+5%"
    a = _side(s, j, None)
    if a is None:
        return None
    j = a.end
    suf1 = _suffix(s, j, bool(a.scale), a.glued_m)
    if suf1:
        j = suf1[2]
    elif not a.currency and not a.scale:
        m = _RE_RATIO.match(s, j)
        if m:  # "one in five households", "1 in 4": a share
            d = _side(s, m.end(), None)
            if d is not None and not d.currency and not d.scale and 0 < a.value < d.value <= 1000 \
                    and a.value == int(a.value) and d.value == int(d.value) and d.end <= len(s) \
                    and not (d.end < len(s) and s[d.end].isalnum()):
                return Amount(start=i, end=d.end, value=round(100 * sign * a.value / d.value, 4), kind="percent",
                              unit="%", qualifier="~" if qual == "~" else qual, sign=sign, is_word=a.is_word)
    # a range: "10-12", "$10bn-$12bn", "5 to 7 per cent", "between 5 and 7 per cent"
    b = suf2 = None
    split_from = False
    m = (_RE_AND if between else _RE_RANGE).match(s, j)
    if m:
        b = _side(s, m.end(), a.currency)
        if b is not None and b.is_word == a.is_word:
            k = b.end
            suf2 = _suffix(s, k, bool(b.scale or a.scale), b.glued_m)
            if suf2:
                k = suf2[2]
            # both sides must measure the same thing: "13% to 384,122" and "5% to $10bn" are no ranges
            same_unit = (suf1 is None or (suf2 is not None and suf1[:2] == suf2[:2])) and \
                not (b.currency and not a.currency and suf1 is not None)
            # "$10-12 billion": the first side takes the second's scale when it has none
            lo = a.value * (a.mult if a.scale else (b.mult if b.scale else 1.0))
            hi = b.value * (b.mult if b.scale else a.mult)
            if (b.currency and a.currency and b.currency != a.currency) or not same_unit or not lo < hi:
                b = suf2 = None
            elif re.search(r"\bfrom\s*$", s[max(0, i - 6):i], re.I) and m.group("sep") == "to":
                split_from = True  # "from 5 to 7 per cent": a change; the scanner reads "7 per cent" on its own
                if suf1 is None and suf2 is not None:
                    suf1 = (suf2[0], suf2[1], j)
                b = suf2 = None
            else:
                j = k
        else:
            b = suf2 = None
        if between and b is None:
            return None
    elif between:
        return None
    if j < len(s) and (s[j].isalnum() or s[j] in "$€£¥"):
        return None  # "5G", "737MAX": glued letters that are no unit
    suf = suf2 or suf1
    kind, unit = ("count", None) if suf is None else suf[:2]
    if symbol_sign and suf is None and not a.currency:
        return None  # a bare "-3" or "+852" is no signed amount
    if kind == "subunit":  # "25 cents" is US$0.25
        kind = "money"
        a.mult *= 0.01
        if b is not None:
            b.mult *= 0.01
    cur = a.currency or (b.currency if b else None)
    if cur:
        kind, unit = "money", cur if kind in ("count", "money") else unit
        if suf and suf[0] not in ("money", "count"):
            kind, unit = suf[0], suf[1]
    glued_m = a.glued_m or (b.glued_m if b else False)
    scale_name = (b.scale if b and b.scale else a.scale)
    if glued_m and kind == "count" and _RE_METRES_AFTER.match(s[j:]):
        # "a 100m sprint", "a 5m-high wall": metres, not million
        kind, unit, scale_name = "quantity", "m", None
        a.mult = 1.0
        if b is not None:
            b.mult = 1.0
    if b is not None:
        lo = a.value * (a.mult if a.scale else b.mult)
        hi = b.value * b.mult
        if kind == "quantity" and unit == "m" and glued_m:
            lo, hi = a.value, b.value
        value = (lo + hi) / 2
    else:
        lo = hi = None
        value = a.value * a.mult
    if qual is not None and qual in ("~",):
        qual = "about"
    amt = Amount(start=i, end=j, value=sign * value, kind=kind, unit=unit, scale=scale_name,
                 low=None if lo is None else sign * lo, high=None if hi is None else sign * hi, qualifier=qual,
                 sign=sign, is_word=a.is_word, split_from=split_from)
    return amt


# ---------------------------------------------------------------------------------------------------------
# filters: names, codes, phone numbers
# ---------------------------------------------------------------------------------------------------------

def _phone_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _RE_PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        groups = re.findall(r"\d+", m.group(0))
        if len(digits) < 7:
            continue
        if len(groups) == 2 and all(_RE_YEAR.match(g) for g in groups):
            continue  # "2020-2025"
        if not m.group(0).startswith(("+", "(")) and len(groups[0]) == 1 and len(groups) == 2:
            continue
        if all(len(g) <= 3 for g in groups[1:]) and "," in m.group(0):
            continue
        out.append((m.start(), m.end()))
    return out


def _bare_is_name(amt: Amount, doc, tok_start, tok_end, s: str) -> bool:
    """A bare number (no unit, currency, scale) that is part of a name or an id."""
    i, j = amt.start, amt.end
    prev = s[i - 1] if i > 0 else " "
    if prev.isalnum() or prev in "#/\\_" or (prev in "-–" and i > 1 and s[i - 2].isalnum()):
        return True  # "Covid-19", "F-35", "#5", "24/7", the 2 of a "10-2" vote
    if j < len(s) and s[j] in "-/" and j + 1 < len(s) and s[j + 1].isalnum():
        if not (amt.low is not None):
            return True  # "20-year-old", "737-800", "2026/27"
    num = s[i:j]
    if re.fullmatch(r"0\d+", num) or (re.fullmatch(r"\d{7,}", num)):
        return True
    before = [t for t in doc if t.idx + len(t.text) <= i]
    after = [t for t in doc if t.idx >= j]
    if len(before) >= 3 and before[-1].lower_ in ("and", "or", "to", "through", "&", ",", "-", "–") \
            and before[-2].like_num and before[-3].lower_ in NAME_WORDS:
        return True  # "junctions 10 and 11", "sections 5 to 7"
    if len(before) >= 2 and before[-1].text == "." and before[-2].lower_ in ("no", "nos", "vol", "p", "pp"):
        return True  # "No. 2"
    if before:
        p = before[-1]
        low = p.text.lower()
        if low in NAME_WORDS and (low not in ("week", "day", "an", "g", "f", "il", "tu", "su") or p.text[0].isupper()):
            return True
        if low not in MONTH_NAMES and p.text[:1].isupper() and p.pos_ in ("PROPN", "NOUN", "X") \
                and p.ent_type_ not in ("DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY") \
                and p.text not in CURRENCY_PREFIX and p.i != p.sent.start \
                and not re.match(r"^(?:Q[1-4]|H[12]|FY)$", p.text):
            return True  # "Boeing 737", "Windows 11", "Section 232"
        if any(c.isupper() for c in p.text[1:]) and p.text[0].islower():
            return True  # "iPhone 15"
    if after:
        n = after[0]
        if n.text in MODEL_SUFFIX and n.idx == j + 1 and n.text[0].isupper():
            return True  # "737 Max", "15 Pro"
    return False


# ---------------------------------------------------------------------------------------------------------
# currency context, fx
# ---------------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def fx_table() -> dict:
    """The bundled reference-rate table (see the description inside fx_rates.json)."""
    return json.loads(FX_PATH.read_text(encoding="utf-8"))


def usd_rate(code: str, published=None) -> tuple[float, str] | None:
    """(US dollars per unit of `code`, rate date) from the bundled table, for the article's date."""
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
        def months(d: str) -> int:
            return int(d[:4]) * 12 + int(d[5:7])

        have = [d for d in dates if code in table["rates"][d] and abs(months(d) - months(day)) <= 12]
        if not have:
            return None  # not quoted by the ECB (TWD, PKR, VND...) or not within a year (RUB since 2022)
        day = min(have, key=lambda d: abs(months(d) - months(day)))
        rates = table["rates"][day]
    return rates["USD"] / rates[code], day


def _yen_or_yuan(text: str) -> str:
    low = text.lower()
    yuan = len(re.findall(r"\b(?:yuan|renminbi|rmb)\b", low))
    yen = len(re.findall(r"\byen\b", low))
    if yuan != yen:
        return "CNY" if yuan > yen else "JPY"
    china = len(re.findall(r"\b(?:china|chinese|beijing|shanghai)\b", low))
    japan = len(re.findall(r"\b(?:japan|japanese|tokyo)\b", low))
    return "CNY" if china > japan else "JPY"


# ---------------------------------------------------------------------------------------------------------
# candidates
# ---------------------------------------------------------------------------------------------------------

@dataclass
class _Cand:
    start: int  # local (segment doc) offsets
    end: int
    label: str
    amt: Amount | None = None
    date: str | None = None
    date_resolved: bool = False
    approximate: bool = False
    qualifier: str | None = None
    root: object = None  # spaCy token the fact hangs from
    noun: object = None  # counted noun / dated noun included in the span


def _tokens_in(doc, start: int, end: int):
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _root_of(toks):
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1] if toks else None


def _snap(doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return span.start_char, span.end_char


def _future(tok) -> bool | None:
    """The tense of the clause holding `tok`: True future, False past, None unknown."""
    t = tok
    first_verb = None
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
            low = {c.lower_ for c in auxes}
            if low & {"will", "'ll", "shall", "wo"} or ("would" in low and "have" not in low):
                return True
            if first_verb is None:
                first_verb = t
                if t.lemma_ in FUTURE_VERBS and (t.tag_ in ("VBZ", "VBP") or low & {"is", "are", "am", "'s", "'re"}):
                    return True  # "is expected in March", "plans to ... in May"
                if t.tag_ in ("VBD", "VBN") or low & {"was", "were", "had", "has", "have", "did"}:
                    return False
            elif t.lemma_ in FUTURE_VERBS and t.tag_ in ("VBZ", "VBP"):
                return True
        if t.head.i == t.i:
            break
        t = t.head
    if first_verb is not None and first_verb.tag_ in ("VBZ", "VBP"):
        return None
    return None


def _extend_count(doc, c: _Cand, taken) -> None:
    """'two' -> 'two people': a count's span runs to the noun it counts."""
    toks = _tokens_in(doc, c.start, c.end)
    if not toks:
        return
    last = toks[-1]
    head = last.head if last.dep_ in ("nummod", "compound", "quantmod", "amod") else None
    if head is None or head.i <= last.i or head.i - last.i > 4 or head.pos_ not in ("NOUN", "PROPN"):
        # a parse that missed the link: the plural noun right after the number ("5m people")
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is None or nxt.tag_ != "NNS" or not nxt.is_lower or nxt.ent_type_:
            return
        head = nxt
    between = doc[last.i + 1 : head.i]
    allowed = ("amod", "compound", "nmod", "advmod", "punct")
    if any(t.dep_ not in allowed or (t.is_punct and t.text != "-") for t in between):
        return
    if head.ent_type_ in NON_NUMERIC_LABELS and head.pos_ == "PROPN":
        return
    end = head.idx + len(head.text)
    if any(s < end and c.end < e for s, e in taken):
        return
    c.end = end
    c.noun = head


def _extend_date(doc, c: _Cand, taken) -> None:
    """Date spans take their preposition ("in 2026", "on Tuesday") or their noun ("a December report")."""
    toks = _tokens_in(doc, c.start, c.end)
    if not toks:
        return
    root = _root_of(toks)
    c.root = root
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod", "nummod") and head.i > toks[-1].i and head.i - toks[-1].i <= 3 \
            and head.pos_ == "NOUN":
        end = head.idx + len(head.text)
        start = c.start
        first = toks[0]
        dets = [t for t in head.children if t.dep_ in ("det", "poss") and t.i == first.i - 1]
        if dets:
            start = dets[0].idx
        if not any(s < end and start < e for s, e in taken if (s, e) != (c.start, c.end)):
            c.start, c.end, c.noun = start, end, head
            return
    first = toks[0]
    if first.i > 0:
        p = doc[first.i - 1]
        pl = p.lower_
        if pl == "of" and first.i > 1 and doc[first.i - 2].lower_ == "as":
            pl, p = "as of", doc[first.i - 2]
        if pl in DATE_PREPS and pl not in ("of", "as", "for") and p.pos_ in ("ADP", "SCONJ", "ADV") \
                and not any(s <= p.idx < e for s, e in taken):
            c.start = p.idx
            if pl in DATE_QUALIFIERS:
                c.qualifier = pl
                if pl in ("around", "circa", "about"):
                    c.approximate = True


def _find_date_phrases(text: str) -> list[tuple[int, int]]:
    """Date phrases by pattern, for those the model did not tag."""
    mon = (r"(?:January|February|March|April|June|July|August|September|October|November|December|"
           r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
    wd = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    pats = [
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + mon + r"|May)\s*,?\s+\d{4}\b",
        r"\b(?:" + mon + r"|May)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b",
        r"\b(?:" + mon + r"|May)\s+\d{4}\b",
        r"\b(?:" + mon + r"|May)\s+\d{1,2}(?:st|nd|rd|th)?\b",
        r"\b(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|quarter|" + wd + r")\b",
        r"\b(?:yesterday|today|tomorrow)\b",
        r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?|decades?)\s+ago\b",
        r"\b" + wd + r"\b",
        r"(?<![\w.])(?:(?:early|mid|late)-?\s?)?(?:January|February|March|April|June|July|August|September|October|November|December)\b",
        r"\b(?:in|since|until|by|last|next|early|late|mid)[\s-]May\b",
    ]
    found = []
    for p in pats:
        for m in re.finditer(p, text, re.I if p.startswith(r"\b(?:last") or "yesterday" in p or "ago" in p else 0):
            found.append((m.start(), m.end()))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _segment_candidates(doc, published, yen_code: str) -> list[_Cand]:
    s = doc.text
    phones = _phone_spans(s)
    ent_at = {}
    for ent in doc.ents:
        for k in range(ent.start_char, ent.end_char):
            ent_at[k] = ent
    cands: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    pattern_dates = [(a, b) for a, b in _find_date_phrases(s) if re.search(r"\d", s[a:b])]

    def in_date(a, b):
        return any(x < b and a < y for x, y in pattern_dates)

    def free(a, b):
        return not any(x < b and a < y for x, y in taken)

    def in_phone(a, b):
        return any(x < b and a < y for x, y in phones)

    # 1. the scanner
    pos = 0
    for tok in doc:
        if tok.idx < pos or tok.is_space:
            continue
        amt = parse_amount(s, tok.idx)
        if amt is None or amt.value is None:
            continue
        snap = _snap(doc, amt.start, amt.end)
        if snap is None or snap[0] != amt.start or (snap[1] != amt.end and s[amt.end : snap[1]].strip(".,;:)")):
            continue  # an amount begins and ends on token edges ("HK$300" is one token and fine)
        if amt.qualifier in AMBIGUOUS_QUALIFIERS and tok.dep_ == "prep" and tok.head.i < tok.i \
                and tok.head.pos_ in ("NOUN", "PROPN", "VERB"):
            continue  # "a dispute over $5bn", "spread over 5 per cent": a preposition, not a qualifier
        ents_here = {ent_at[k] for k in range(amt.start, amt.end) if k in ent_at}
        if amt.bare or amt.kind == "count":
            if amt.is_word or in_phone(amt.start, amt.end) or in_date(amt.start, amt.end):
                continue
            if any(e.label_ in NON_NUMERIC_LABELS | {"ORDINAL"} for e in ents_here):
                continue
            if any(e.label_ in ("DATE", "TIME") and (resolve_date(e.text, published) or parse_duration(e.text)
                                                     or not published and resolve_date(e.text, "2000-01-01"))
                   for e in ents_here):
                continue  # the date pass reads it
            digits = re.sub(r"^\D+", "", s[amt.start:amt.end])
            if amt.bare and _RE_YEAR.match(digits) and amt.low is None:
                continue  # a year: the date pass decides
            if amt.bare and _bare_is_name(amt, doc, tok.idx, amt.end, s):
                continue
        written = s[amt.start : amt.end]
        if amt.unit == "JPY" and "¥" in written and "JP¥" not in written:
            amt.unit = yen_code  # a bare ¥ is yen or yuan: the article's own words decide
        label = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "count": "CARDINAL"}[amt.kind]
        c = _Cand(amt.start, amt.end, label, amt=amt, qualifier=amt.qualifier, approximate=amt.qualifier is not None)
        cands.append(c)
        taken.append((c.start, c.end))
        pos = amt.end

    # 2. the model's numeric entities
    date_spans = []
    for ent in doc.ents:
        if ent.label_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME"):
            continue
        a, b = ent.start_char, ent.end_char
        if not free(a, b) or in_phone(a, b):
            continue
        text = ent.text
        if ent.label_ in ("DATE", "TIME") or ent.label_ == "CARDINAL" and in_date(a, b):
            date_spans.append((a, b))
            continue
        if ent.label_ == "CARDINAL" and _RE_YEAR.match(text.strip()):
            p = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if p in ("in", "since", "by", "until", "from", "of", "during", "before", "after", "year", "fiscal") or \
                    not (ent.end < len(doc) and doc[ent.end].pos_ == "NOUN" and doc[ent.end].tag_ == "NNS"):
                date_spans.append((a, b))
                continue
        amt = parse_amount(s, a)
        if amt is None or amt.end < b and s[amt.end:b].strip(" .,;:'’s"):
            continue  # "H200", "hundreds", "millions", "3-1": nothing we can read as an amount
        if amt.bare:
            if _bare_is_name(amt, doc, a, amt.end, s):
                continue
            if amt.is_word:
                toks = _tokens_in(doc, a, amt.end)
                last = toks[-1] if toks else None
                if last is None or not (last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN")
                                         or last.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and
                                         last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of"):
                    continue  # "one of the largest", "the two": no counted thing
                if last.lower_ == "one" and last.head.lower_ in ("another",):
                    continue
        label = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "count": "CARDINAL"}[amt.kind]
        if amt.kind == "quantity" and ent.label_ == "QUANTITY":
            label = "QUANTITY"
        c = _Cand(amt.start, amt.end, label, amt=amt, qualifier=amt.qualifier, approximate=amt.qualifier is not None)
        cands.append(c)
        taken.append((c.start, c.end))

    # 3. dates: the model's and those found by pattern
    for a, b in _find_date_phrases(s):
        if free(a, b):
            if any(ent_at.get(k) is not None and ent_at[k].label_ in NON_NUMERIC_LABELS for k in range(a, b)):
                continue
            snap = _snap(doc, a, b)
            if snap:
                date_spans.append(snap)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(date_spans):  # the model's "Jan 5" + "2026" and the pattern's "Jan 5, 2026" are one date
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    for a, b in merged:
        if not free(a, b) or in_phone(a, b):
            continue
        text = s[a:b]
        toks = _tokens_in(doc, a, b)
        root = _root_of(toks)
        res = resolve_date(text, published, future=_future(root) if root is not None else None)
        if res is not None:
            c = _Cand(a, b, "DATE", date=res.iso, date_resolved=res.resolved, approximate=res.approximate)
            if re.match(r"(?:around|about|circa|roughly|early|mid|late)\b", text, re.I):
                c.approximate = True
            _extend_date(doc, c, taken)
            cands.append(c)
            taken.append((c.start, c.end))
            continue
        dur = parse_duration(text)
        if b < len(s) and s[b] in "-–" or re.match(r"^(?:the\s+)?(?:a|an|one)\s", text.strip(), re.I):
            dur = None  # "two quarter-point cuts", "a year": no duration
        if dur is not None:
            value, unit = dur
            amt = Amount(a, b, value, "quantity", unit=unit)
            q = re.match(r"(?:about|around|nearly|almost|some|more than|less than|up to|at least|over)\b", text, re.I)
            c = _Cand(a, b, "QUANTITY", amt=amt, qualifier=q.group(0).lower() if q else None, approximate=bool(q))
            amt.qualifier = c.qualifier
            cands.append(c)
            taken.append((c.start, c.end))

    # counts run to their noun
    for c in cands:
        if c.label == "CARDINAL":
            _extend_count(doc, c, taken)
            for k, (x, y) in enumerate(taken):
                if x == c.start:
                    taken[k] = (c.start, c.end)
    cands.sort(key=lambda c: c.start)
    out: list[_Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------------------------------------
# meaning: subject, measure, period, equivalents, dollars
# ---------------------------------------------------------------------------------------------------------

class _EntityIndex:
    def __init__(self, entities: list[Entity], parsed=None):
        self.spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0])
        # the label the model gave each mention ("Tokyo" is a place even inside an entity labelled ORG)
        self.mention_label = {(m.start, m.end): m.label or e.label for e in entities for m in e.mentions}
        self.seg_starts = [seg.start for seg in parsed.segments] if parsed is not None else [0]
        self.sent_starts = list(parsed.sentence_starts) if parsed is not None else [0]

    def floor(self, pos: int) -> int:
        """How far back "the company" may look: its paragraph, or the one before from a paragraph's first sentence."""
        k = max((n for n, st in enumerate(self.seg_starts) if st <= pos), default=0)
        first_sentence = not any(self.seg_starts[k] < st <= pos for st in self.sent_starts)
        return self.seg_starts[k - 1] if first_sentence and k > 0 else self.seg_starts[k]

    def at(self, start: int, end: int) -> Entity | None:
        for s, e, ent in self.spans:
            if s < end and start < e:
                return ent
        return None

    def before(self, pos: int, labels: set[str], limit: int = 600) -> Entity | None:
        best = None
        floor = self.floor(pos)
        for s, e, ent in self.spans:
            if floor <= s and e <= pos and pos - e <= limit and ent.label in labels \
                    and self.mention_label.get((s, e), ent.label) in labels:
                best = ent
        return best


def _entity_of(tok, seg_start: int, index: _EntityIndex, fact_start: int) -> Entity | None:
    """The entity a subject phrase names: its head, a compound or possessive, an appositive."""
    where = fact_start
    queue = [tok]
    seen = set()
    depth = {tok.i: 0}
    referent = None  # "the company", "the government": an entity named earlier
    while queue:
        t = queue.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        if referent is None and _referent_kind(t):
            referent, where = _referent_kind(t), seg_start + t.idx
        if referent is None and t.dep_ == "poss" and t.lower_ in ("its", "his", "her"):
            referent, where = ("ORG" if t.lower_ == "its" else "PERSON"), seg_start + t.idx  # "its profit"
        ent = index.at(seg_start + t.idx, seg_start + t.idx + len(t.text))
        if ent is not None and ent.label not in ("NORP", "DATE", "CARDINAL"):
            if referent == "ORG" and ent.label in ("GPE", "LOC"):
                break  # "the US chip designer": the company meant, not the country
            return ent
        if depth[t.i] >= 3:
            continue
        for ch in t.children:
            if ch.dep_ in ("compound", "poss", "appos", "nmod", "conj", "amod", "pobj", "prep") and ch.i not in seen:
                if ch.dep_ == "prep" and ch.lower_ not in ("of", "at", "for"):
                    continue
                depth[ch.i] = depth[t.i] + 1
                queue.append(ch)
    if tok.lower_ in ("he", "she", "it"):
        return index.before(seg_start + tok.idx, {"PERSON"} if tok.lower_ in ("he", "she") else {"ORG"})
    if referent in ("ORG", "PERSON"):
        return index.before(where, {referent})
    if referent == "GPE":
        return index.before(where, {"GPE"}, limit=200)
    return None


def _referent_kind(t) -> str | None:
    """'ORG' for "the company", "the firm's"; 'GPE' for "the government"; else None."""
    if t.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "that")
                                   for c in t.children):
        return None
    lemma = t.lemma_.lower()
    return "ORG" if lemma in ORG_REFERENTS else "GPE" if lemma in GOV_REFERENTS else None


def _chain(tok, limit: int = 10):
    out = [tok]
    t = tok
    for _ in range(limit):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def _subject(root, seg_start: int, index: _EntityIndex, fact_start: int, span_ids: set[int]) -> Entity | None:
    # the fact's own noun phrase: "ByteDance's $14bn budget", "Nvidia's revenue of $5bn"
    for t in _chain(root, 3):
        if t.pos_ in ("VERB", "AUX"):
            break
        for ch in t.children:
            if ch.i in span_ids:
                continue
            if ch.dep_ in ("poss", "compound"):
                ent = index.at(seg_start + ch.idx, seg_start + ch.idx + len(ch.text))
                if ent is not None and ent.label not in ("NORP",):
                    return ent
            if ch.dep_ == "prep" and ch.lower_ in ("by", "from", "of") and t.pos_ == "NOUN":
                for g in ch.children:  # "a December report by Reuters", "revenue of Nvidia"
                    ent = index.at(seg_start + g.idx, seg_start + g.idx + len(g.text))
                    if g.dep_ == "pobj" and ent is not None and ent.label not in ("NORP", "GPE"):
                        return ent
    prev = root
    for t in _chain(root):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            own_subject = False
            for ch in t.children:
                if ch.dep_ in ("nsubj", "nsubjpass", "csubj") and ch.i != prev.i and ch.i not in span_ids:
                    ent = _entity_of(ch, seg_start, index, fact_start)
                    if ent is not None:
                        return ent
                    own_subject = ch.lower_ not in ("that", "which", "who")
                if ch.dep_ == "agent":
                    for g in ch.children:
                        ent = _entity_of(g, seg_start, index, fact_start)
                        if ent is not None:
                            return ent
            if own_subject and not (t.dep_ == "ccomp" and t.head.lemma_ in SAYING_VERBS):
                return None  # "... and the YU7 has 240,000 orders": its own subject, named or not
        if t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.pos_ in ("PROPN", "NOUN")):
            ent = _entity_of(t.head, seg_start, index, fact_start)
            if ent is not None:
                return ent
        prev = t
    return None


def _measure(root) -> str | None:
    """What the amount measures: "spend", "increase", "demand", "deal", "people"."""
    t = root
    for _ in range(4):
        if t.dep_ in ("appos", "conj") and t.head.i != t.i:
            t = t.head  # "to 2.5% in 2026 and 2% by 2027": the second measures what the first does
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "dative", "agent"):
        tgt = t.head.head
        if tgt.pos_ in ("NOUN", "PROPN") and tgt.pos_ == "NOUN":
            return _noun_measure(tgt)
        if tgt.pos_ in ("VERB", "AUX"):
            return _verb_measure(tgt)
        if tgt.pos_ in ("ADV", "ADJ") and tgt.head.pos_ in ("VERB",):
            return _verb_measure(tgt.head)
        return None
    if t.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and t.head.pos_ == "NOUN" and t.head.i > t.i:
        return _noun_measure(t.head)
    if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
        return _noun_measure(t.head)
    if t.head.pos_ in ("VERB", "AUX") and t.head.i != t.i:
        return _verb_measure(t.head)
    if t.head.pos_ in ("ADV", "ADJ") and t.head.head.pos_ in ("VERB", "AUX"):
        return _verb_measure(t.head.head)
    if t.head.pos_ == "NOUN" and t.head.i != t.i:
        return _noun_measure(t.head)
    return None


def _noun_measure(noun) -> str | None:
    """The noun with its compounds: "balance sheet", "AI chip"; None for time words ("year over year")."""
    if noun.lemma_.lower() in TIME_NOUNS:
        return None
    parts = [c.text.lower() for c in noun.children
             if c.dep_ == "compound" and c.i < noun.i and not c.like_num and not c.ent_type_ and c.is_alpha]
    return " ".join(parts + [noun.lemma_.lower()])


def _verb_measure(verb) -> str:
    if verb.lemma_.lower() not in LEVEL_VERBS:
        return verb.lemma_.lower()  # "spend", "raise", "invest", "pay"
    for ch in verb.children:
        if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ == "NOUN" and ch.ent_type_ == "":
            if ch.lemma_.lower() not in ORG_REFERENTS | GOV_REFERENTS:
                return _noun_measure(ch) or verb.lemma_.lower()
    if verb.lemma_ == "be":
        for ch in verb.children:
            if ch.dep_ in ("nsubj",) and ch.pos_ == "NOUN":
                return ch.lemma_.lower()
    return verb.lemma_.lower()


def _attach(tok):
    """The word a date hangs from: the head of its preposition, or its own head."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        return tok.head.head
    return tok.head


def extract_numbers(parsed, entities, *, published: str | None = None) -> list[NumberFact]:
    """Every numeric fact of the article, in text order, with value, unit, date, subject and USD value."""
    text = parsed.text
    index = _EntityIndex(entities or [], parsed)
    yen_code = _yen_or_yuan(text)
    facts: list[NumberFact] = []
    meta: list[tuple[NumberFact, _Cand, object]] = []
    for seg in parsed.segments:
        doc = seg.doc
        cands = _segment_candidates(doc, published, yen_code)
        for c in cands:
            start, end = seg.start + c.start, seg.start + c.end
            f = NumberFact(id="", text=text[start:end], start=start, end=end, label=c.label,
                           sentence=parsed.sentence_index(start), qualifier=c.qualifier, approximate=c.approximate)
            if c.label == "DATE":
                f.date, f.date_resolved = c.date, c.date_resolved
            else:
                a = c.amt
                f.value, f.unit, f.scale = _clean(a.value), a.unit, a.scale
                f.low, f.high = _clean(a.low), _clean(a.high)
                if a.qualifier:
                    f.approximate = True
            toks = _tokens_in(doc, c.start, c.end)
            root = c.noun if c.noun is not None else _root_of(toks)
            span_ids = {t.i for t in toks}
            if root is not None:
                num_root = _root_of([t for t in toks if c.noun is None or t.i != c.noun.i]) or root
                ent = _subject(root, seg.start, index, start, span_ids)
                if ent is not None:
                    f.subject, f.subject_entity_id = ent.name, ent.id
                if c.label == "DATE":
                    f.measure = c.noun.lemma_.lower() if c.noun is not None else None
                elif c.noun is not None:
                    f.measure = c.noun.lemma_.lower()
                else:
                    f.measure = _measure(num_root)
            facts.append(f)
            meta.append((f, c, (doc, toks, root)))
    facts_sorted = sorted(zip(facts, meta), key=lambda x: x[0].start)
    facts = [f for f, _ in facts_sorted]
    meta = [m for _, m in facts_sorted]
    for i, f in enumerate(facts, 1):
        f.id = f"n{i}"
    _link_equivalents(facts, text)
    _link_periods(facts, meta)
    _usd(facts, published)
    return facts


def _clean(v):
    if v is None:
        return None
    r = round(v, 6)
    return float(int(r)) if r == int(r) and abs(r) < 1e18 else r


_EQUIV_BETWEEN = re.compile(
    r"^\s*(?:\(\s*(?:or\s+)?(?:about|around|approximately|roughly|some|nearly|almost|~)?\s*|,?\s*or\s+(?:about\s+|around\s+|roughly\s+|some\s+)?|"
    r",?\s*(?:the\s+)?equivalent\s+(?:to|of)\s+|,?\s*(?:worth|about|roughly|around)\s+)$",
    re.I,
)


def _link_equivalents(facts: list[NumberFact], text: str) -> None:
    """"100 billion yuan (US$14.3 billion)": the second states the first in another currency or unit."""
    for a, b in zip(facts, facts[1:]):
        if a.label != b.label or a.label not in ("MONEY", "QUANTITY") or a.sentence != b.sentence:
            continue
        if a.unit == b.unit or not a.unit or not b.unit:
            continue
        if b.start - a.end > 40 or not _EQUIV_BETWEEN.match(text[a.end : b.start]):
            continue
        b.equivalent_of = a.id
        if b.measure is None or b.measure in ("billion", "million"):
            b.measure = a.measure
        if b.subject is None:
            b.subject, b.subject_entity_id = a.subject, a.subject_entity_id


def _link_periods(facts: list[NumberFact], meta) -> None:
    """An amount's period: the date in its clause that hangs lowest on its chain of heads."""
    by_id = {f.id: f for f in facts}
    dates = [(f, m) for f, m in zip(facts, meta) if f.label == "DATE" and f.date]
    for f, (_, c, (doc, toks, root)) in zip(facts, meta):
        if f.label == "DATE" or root is None:
            continue
        if f.equivalent_of and by_id[f.equivalent_of].period:
            f.period, f.period_of = by_id[f.equivalent_of].period, by_id[f.equivalent_of].period_of
            continue
        chain = []
        for t in _chain(root):
            if t.lemma_ in SAYING_VERBS and t.pos_ == "VERB" and chain:
                break
            chain.append(t.i)
            if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                break  # the clause ends at the verb with its own subject
        best = None
        for d, (_, dc, (ddoc, dtoks, droot)) in dates:
            if ddoc is not doc or d.sentence != f.sentence or dc.root is None:
                continue
            anchor = _attach(dc.root)
            if dc.noun is not None:
                anchor = dc.noun
            if anchor.i in chain:
                rank = (chain.index(anchor.i), abs(d.start - f.start))
                if best is None or rank < best[0]:
                    best = (rank, d)
        if best is not None:
            f.period, f.period_of = best[1].date, best[1].id
    for f in facts:
        if f.equivalent_of and not f.period and by_id[f.equivalent_of].period:
            f.period, f.period_of = by_id[f.equivalent_of].period, by_id[f.equivalent_of].period_of


def _usd(facts: list[NumberFact], published) -> None:
    """usd_value for money: stated by the article (USD itself or a stated equivalent), else a reference rate."""
    by_id = {f.id: f for f in facts}
    src = fx_table().get("source_short", "reference rates")
    for f in facts:
        if f.label != "MONEY" or f.value is None:
            continue
        if f.unit == "USD":
            f.usd_value, f.usd_source = f.value, "article"
    for f in facts:
        if f.label != "MONEY" or not f.equivalent_of:
            continue
        other = by_id[f.equivalent_of]
        if other.unit == "USD" and f.usd_value is None:
            f.usd_value, f.usd_source = other.value, "article"
        elif f.unit == "USD" and other.usd_value is None:
            other.usd_value, other.usd_source = f.value, "article"
    for f in facts:
        if f.label != "MONEY" or f.value is None or f.usd_value is not None:
            continue
        rate = usd_rate(f.unit or "", published)
        if rate is None:
            continue
        per, day = rate
        f.usd_value = _clean(round(f.value * per, 2))
        f.usd_source = "official peg (approximate)" if day == "peg" else f"reference rate {day} ({src}, approximate)"
