"""The words and patterns of the amount grammar, read from the lexicon folder and compiled once."""
from __future__ import annotations

import re

from .. import lexicon
from . import currency

SCALE_WORDS = {w: float(v) for w, v in lexicon.mapping("scales").items()}
SCALE_ABBR = lexicon.mapping("scale_abbreviations")
SCALE_NAME = {"lakhs": "lakh", "lacs": "lakh", "lac": "lakh", "crores": "crore"}

CURRENCY_PREFIX = currency.prefixes()
WEAK_CURRENCY_PREFIX = currency.weak_prefixes()
CURRENCY_NAMES = currency.names()
WEAK_CURRENCY = currency.weak_names()
CURRENCY_CODES_AFTER = currency.codes_after()
SUBUNITS = currency.subunits()

PERCENT_UNITS = [
    (r"%", "%"), (r"per[\s-]?cent", "%"), (r"percents?", "%"), (r"percentage(?![\s-]points?)", "%"), (r"pct", "%"),
    (r"pc", "%"),
    (r"percentage[\s-]points?", "pp"), (r"pp", "pp"), (r"ppts?", "pp"),
    (r"basis[\s-]points?", "bp"), (r"bps", "bp"), (r"bp", "bp"),
]
# (regex, canonical unit or None for the text as written, case-insensitive?), in the order tried
QUANTITY_UNITS = [(p, u, bool(ci)) for p, u, ci in lexicon.table("units")["units"]]
QUALIFIER_BOUND = lexicon.mapping("number_qualifiers")
QUALIFIERS = list(QUALIFIER_BOUND)
CHANGE_WORDS = lexicon.mapping("change_words")
RATE_NOUNS = lexicon.words("rate_nouns")
PER_TIME_UNITS = lexicon.mapping("per_time_units")
CLOCK_WORDS = lexicon.words("clock_words")
SCORE_WORDS = lexicon.words("score_words") | lexicon.words("match_verbs")  # beside a score: "lost 1-2"
RE_TEMPERATURE_CUE = re.compile(r"\b(?:" + "|".join(sorted(lexicon.words("temperature_cues"))) + r")\b", re.I)
HONORIFICS = frozenset(w.rstrip(".") for w, kind in lexicon.mapping("person_titles").items() if kind == "honorific")
HUMAN_NOUNS = lexicon.words("human_nouns") | lexicon.words("male_nouns") | lexicon.words("female_nouns")
FORWARD_CUES = lexicon.words("forward_cues")
AMBIGUOUS_QUALIFIERS = {"about", "around", "over", "under", "above", "below", "some"}
WORD_VALUE = {w: int(v) for w, v in lexicon.mapping("number_words").items()}
UNIT_WORDS = [w for w, v in WORD_VALUE.items() if v < 20]
DIGIT_WORDS = [w for w, v in WORD_VALUE.items() if 1 <= v <= 9]
TENS_WORDS = [w for w, v in WORD_VALUE.items() if v >= 20]
NAME_WORDS = lexicon.words("number_name_words")
MODEL_SUFFIX = lexicon.words("model_suffixes")
MONTH_NAMES = frozenset(lexicon.mapping("months")) | {w for w in lexicon.mapping("weekdays") if w.endswith("day")}
NON_NUMERIC_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                      "LANGUAGE"}
DATE_PREPS = lexicon.words("date_prepositions")
DATE_QUALIFIERS = {"since", "by", "until", "till", "before", "after", "from", "through", "as of", "around", "circa",
                   "about"}
# verbs whose subject is the source of a figure, not what it is about ("the ministry said ... 3%"): a narrow
# list of its own (lexicon/number_source_verbs.txt); the broad cue list (speech_verbs) would make "The IMF
# warned that growth could slow to 2.5%" a figure about the IMF
SAYING_VERBS = lexicon.words("number_source_verbs")
LEVEL_VERBS = lexicon.words("level_verbs")
TIME_NOUNS = {"year", "month", "week", "day", "quarter", "time", "period", "%", "percent", "cent", "point"}
FUTURE_VERBS = {"expect", "schedule", "due", "plan", "set", "intend", "aim", "hope", "forecast", "project"}
GOV_REFERENTS = {"government", "ministry", "cabinet", "parliament", "administration", "authorities", "state",
                 "country", "treasury", "regulator"}
ORG_REFERENTS = lexicon.words("org_referents")


def _alt(items) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


def _words_alt(phrases) -> str:
    return _alt(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


END = r"(?![A-Za-z0-9])"
RE_QUAL = re.compile(r"(?P<q>" + _words_alt(QUALIFIERS) + r")(?:\s+|(?<=~)\s*)", re.I)
RE_BETWEEN = re.compile(r"between\s+", re.I)
RE_SIGN = re.compile(r"(?:minus|negative)\s+", re.I)
RE_PREFIX = re.compile(r"(?P<c>" + _alt(re.escape(c) for c in CURRENCY_PREFIX) + r")(?P<sp>\s?)")
# digits: "1,234,567.8", Indian grouping "12,34,567", groups split by a space or a thin space "40 000" (never
# followed by a letter: "3 100m titles"), "4e14", ".25"
RE_DIGITS = re.compile(r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,]\d)|"
                       r"\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?:\.\d+)?(?![\w,]|\.\d|[ \u202f\u00a0]\d)|"
                       r"\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?![\d.]))?|\.\d+)"
                       r"(?!\.?\d)")
# Unicode vulgar fractions: "5½", "¾"
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6,
          "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
RE_VULGAR = re.compile(r"(?P<whole>\d+)?(?P<f>[" + "".join(VULGAR) + r"])")
_BELOW_100 = r"(?:(?:" + _alt(TENS_WORDS) + r")(?:[-\s](?:" + _alt(DIGIT_WORDS) + r"))?|" + _alt(UNIT_WORDS) + r")"
# "sixteen", "forty-two", "three hundred", "one hundred and sixty-one"
RE_WORDNUM = re.compile(
    r"(?P<w>" + _BELOW_100 + r"(?:\s+hundred(?:\s+(?:and\s+)?" + _BELOW_100 + r"(?![-\s]hundred))?)?|half\s+an?|half|quarter|an?)"
    + END,
    re.I,
)
RE_SCALE_WORD = re.compile(r"(?:\s+|-)?(?P<s>" + _alt(SCALE_WORDS) + r")" + END, re.I)
RE_SCALE_ABBR_SPACED = re.compile(r"\s?(?P<s>bn|bln|mn|mln|mil|tn|trn)" + END)
RE_SCALE_ABBR_GLUED = re.compile(r"(?P<s>MM|k|m|b|K|M|B|T)" + END)
RE_SCALE_CR = re.compile(r"\s?(?P<s>cr)" + END)
RE_CUR_NAME = re.compile(r"(?:\s+|-)(?P<c>" + _words_alt(CURRENCY_NAMES) + r")" + END, re.I)
SPELLED_SUBUNITS = _SPELLED_SUB = [n for n in SUBUNITS if n not in currency.glued_subunits()]  # "cents", not "p"
RE_SUBUNIT = re.compile(
    r"(?:\s+|-)(?P<c>(?i:" + _words_alt(_SPELLED_SUB) + r"))" + END
    + r"|(?<=\d)(?P<p>" + _alt(currency.glued_subunits()) + r")" + END
)
RE_CUR_CODE = re.compile(r"\s?(?P<c>" + _alt(CURRENCY_CODES_AFTER) + r")" + END)
CODES_AFTER_LOWER = currency.codes_after_lower()
RE_CUR_CODE_LOWER = re.compile(r"\s?(?P<c>" + _alt(CODES_AFTER_LOWER) + r")" + END)  # "30 usd", "100usd"
RE_CUR_CODE_LOWER_BEFORE = re.compile(r"(?P<c>" + _alt(CODES_AFTER_LOWER) + r")(?=\d)")  # "usd100", "eur500"
SYMBOLS_AFTER = currency.symbols_after()
RE_CUR_SYMBOL_AFTER = re.compile(r"\s?(?P<c>" + _alt(re.escape(c) for c in SYMBOLS_AFTER) + r")(?![\d.])")
RE_PERCENT = re.compile(r"(?:\s?|-)(?P<p>" + "|".join(p for p, _ in PERCENT_UNITS) + r")(?![A-Za-z0-9])", re.I)
_UNITS_CI = "|".join(f"(?:{p})" for p, _, ci in QUANTITY_UNITS if ci)
_UNITS_CS = "|".join(f"(?:{p})" for p, _, ci in QUANTITY_UNITS if not ci)
RE_UNITS_CI = re.compile(r"(?:\s?|-)(?P<u>" + _UNITS_CI + r")" + END, re.I)
RE_UNITS_CS = re.compile(r"(?:\s?|-)(?P<u>" + _UNITS_CS + r")" + END)
RE_RANGE = re.compile(r"\s*(?P<sep>[-–]\s*to|-|–|—|to|~)\s*|\s+(?P<thru>through|thru)\s+", re.I)  # "5-7", "5 to 7",
# "8- to 16-metre", "20~100", "ages 5 through 11"
# "a 15-year-old", "ten years old", "six-month-old": an age
RE_AGE = re.compile(r"(?:(?:-|\s+)(?P<u>year|month|week|day)s?(?:(?:-|\s+)olds?|\s+of\s+age)|\s?(?P<yo>yo|y/o|y\.o\.))"
                    + END, re.I)  # "87 yo", "three years of age"
# "aged 45", "age 87", "ages 5 through 11": an age in years unless a time unit follows
RE_AGE_LEAD = re.compile(r"(?:aged|ages?)\s+(?=\d|[a-z])", re.I)
RE_AGE_UNIT = re.compile(r"[\s-]+(?P<u>year|month|week|day)s?" + END, re.I)
# units written before the number: "a magnitude 6.1 earthquake", "a magnitude-7.8 quake" (the same units after
# the number are in lexicon/unit_spellings.tsv: "a 6.1-magnitude quake", "5.4 on the Richter scale")
UNITS_BEFORE = {"magnitude": "magnitude"}
RE_UNIT_LEAD = re.compile(r"(?P<u>" + "|".join(UNITS_BEFORE) + r")(?:\s+of)?[\s-]+(?=\d)", re.I)  # "magnitude of 6.9"
RE_AND = re.compile(r"\s+and\s+", re.I)
RE_RATIO = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", re.I)
RE_METRES_AFTER = re.compile(
    r"^(?:-|\s+)(?:tall|high|long|deep|wide|away|above|below|across|in\s+(?:height|length|diameter|depth)|"
    r"sprint|race|hurdles|freestyle|butterfly|backstroke|breaststroke|relay|dash|swim|event|final|title)\b", re.I
)
RE_PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{1,5}){1,5}(?![\w,])")
RE_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")

# the unit vocabulary (quantulum3's unit data, lexicon/unit_vocabulary.json), tried after QUANTITY_UNITS
_SKIP_ENTITIES = {"time", "typographical element", "amount of substance", "instance frequency"}
_VOCAB = [u for u in lexicon.table("unit_vocabulary")["units"] if u["entity"] not in _SKIP_ENTITIES]
_WORD_STOP = lexicon.words("unit_word_stopwords")
_SYMBOL_STOP = lexicon.words("unit_symbol_stopwords")
UNIT_WORDS = {s: u["name"] for u in _VOCAB for s in u["surfaces"] if s not in _WORD_STOP}
UNIT_WORDS.update(lexicon.mapping("unit_spellings"))
UNIT_SYMBOLS = {s: u["name"] for u in _VOCAB for s in u["symbols"]
                if not (len(s) == 1 or s.lower() in _SYMBOL_STOP or any(q in s for q in "'\"”″′’"))}
# a vocabulary unit that QUANTITY_UNITS already names keeps that short name: kilometre -> km, degree Celsius -> °C
_SHORT = {u for _, u, _ in QUANTITY_UNITS if u}
UNIT_SHORT = {u["name"]: s for u in _VOCAB for s in u["symbols"] if s in _SHORT}
RE_UNIT_WORDS = re.compile(r"(?:\s?|-)(?P<u>" + _words_alt(UNIT_WORDS) + r")" + END, re.I)
# the leading ASCII letters of each unit word, lower-cased ("" for one that begins with another character; the
# Kelvin sign, long s and dotted/dotless i fold to the letters they match case-insensitively): `suffix` tries
# the long RE_UNIT_WORDS only where the letters after a number are one of these
_FOLD = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0131": "i", "\u0130": "i"})
UNIT_WORD_RUNS = frozenset(m.group(0) for m in (re.match(r"[a-z]+", w.lower().translate(_FOLD)) for w in UNIT_WORDS)
                           if m)
# True when a unit word begins with neither an ASCII letter nor another letter ("ångström" begins with a letter)
UNIT_WORD_ODD_START = any(not re.match(r"[a-z]", w.lower().translate(_FOLD)) and not w[:1].isalpha() for w in UNIT_WORDS)
RE_UNIT_SYMBOLS = re.compile(r"(?:\s?|-)(?P<u>" + _alt(re.escape(s) for s in UNIT_SYMBOLS) + r")" + END)
# a rate after the amount: "per barrel", "/kg", "a gallon", "an hour"
RE_PER = re.compile(r"(?:\s*(?:/\s*|\s(?:per|a|an)\s+)|-(?:a|an|per)-)(?P<p>[A-Za-z][A-Za-z-]*(?:\s(?:foot|metre|meter|"
                    r"hour))?)" + END)  # also hyphenated: "a £350,000-a-week contract"
FRACTION_WORDS = {w: int(v) for w, v in lexicon.mapping("fraction_words").items()}
# "3/4", "2 1/4", "1/2 pound" (a date such as 9/11 is read by the date pass first)
RE_DIGIT_FRACTION = re.compile(r"(?:(?P<whole>\d+)\s+)?(?P<num>\d{1,2})/(?P<den>\d{1,3})(?![\d/])")
