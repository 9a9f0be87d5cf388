"""Where an amount can begin: a cheap test per token, so the grammar runs on a few hundred tokens, not all of them.

`parse_amount(s, i)` reads nothing at most token starts (words, punctuation), yet proving that costs it a dozen
regular expressions. `start_tokens` answers from each token's text with a set lookup (its kind is cached per
distinct text) and leaves out only tokens where the grammar cannot begin an amount (tests/test_numbers_starts.py
checks that on every token of a text collection):

- a word of ASCII letters (nothing but a space or punctuation after it) begins an amount only as a number word
  that stands on its own (`words.START_NUMBER_WORDS`: "two", "half", "hundred"), an order of magnitude
  ("hundreds"), "between", "minus", an age ("aged"); as the first word of a whole qualifier ("at least", "up
  to"), the letters of a currency prefix when the rest of it follows ("US $5", "Rs 40"; a code glued to its
  digits, "usd100", is no whole word); "a"/"an" only before a scale, a fraction,
  a tens word or a currency name ("a million", "a third", "a dollar") or as a qualifier or prefix ("an estimated",
  "A$"). Every other word -- "and", "billion", "point", "third" continue a number but never begin one -- is out;
- any other text beginning with a letter is left to the grammar ("a100", "U.S.$", "mid-2026");
- a token that begins with no letter begins one only with a digit (or any numeric character: "½"), a sign or a
  decimal point before a digit ("-3.2%", "+5%", ".25", "-$5"), or the first character of a qualifier ("~40")
  or of a currency prefix ("$", "€", "₹").
"""
from __future__ import annotations

import re
from itertools import compress
from operator import not_

from .vocab import (
    CURRENCY_NAMES, CURRENCY_PREFIX, FRACTION_WORDS, QUALIFIER_BOUND, RE_QUAL, SCALE_WORDS, SPELLED_SUBUNITS, UNITS_BEFORE,
    WORD_VALUE,
)
from .words import BROAD_WORDS, START_NUMBER_WORDS

_RUN = re.compile(r"[A-Za-z]+")


def _runs(items) -> set[str]:
    """The leading ASCII letters of each item, lower-cased (for the items that begin with one)."""
    return {m.group(0).lower() for m in map(_RUN.match, items) if m}


def _first_chars(items) -> set[str]:
    return {x[0] for x in items if x and not _RUN.match(x)}


# words that may begin an amount whatever follows them (the grammar decides)
_WORDS = frozenset(START_NUMBER_WORDS - {"a", "an"} | BROAD_WORDS | {"between", "minus", "negative", "aged", "age",
                                                                     "ages"} | set(UNITS_BEFORE))


def _qualifier_words() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """(first words of a one-word or odd qualifier: "over", "approx."; first word -> the second words of the
    qualifiers of several words: "at" -> {"least", "most"})."""
    alone, second = set(), {}
    for q in QUALIFIER_BOUND:
        m = _RUN.match(q)
        if not m:
            continue  # "~": a character of _CHARS
        w, rest = m.group(0).lower(), q[m.end():]
        nxt = _RUN.match(rest[1:]) if rest[:1] == " " else None
        if nxt is None:
            alone.add(w)
        else:
            second.setdefault(w, set()).add(nxt.group(0).lower())
    return frozenset(alone), {w: frozenset(v) for w, v in second.items()}


_QUALIFIER_ALONE, _QUALIFIER_SECOND = _qualifier_words()
_QUALIFIER_WORDS = _QUALIFIER_ALONE | frozenset(_QUALIFIER_SECOND)
_RE_NEXT_WORD = re.compile(r"\s+(?P<w>[A-Za-z]*)")


def _prefix_rests() -> dict[str, tuple[str, ...]]:
    """A currency prefix's leading letters, as written -> what follows them in the prefix ("US" -> "$", " $")."""
    out: dict[str, tuple[str, ...]] = {}
    for p in CURRENCY_PREFIX:
        m = _RUN.match(p)
        if m:
            out[m.group(0)] = (*out.get(m.group(0), ()), p[m.end():])
    return out


_PREFIX_RESTS = _prefix_rests()
# what "a"/"an" begins an amount before: a scale, a fraction, a tens word ("a twenty-fifth"), a currency or sub-unit
_AFTER_A = frozenset(set(SCALE_WORDS) | set(FRACTION_WORDS) | {w for w, v in WORD_VALUE.items() if v >= 20}
                     | _runs(CURRENCY_NAMES) | _runs(SPELLED_SUBUNITS))
# a currency or sub-unit name that begins with no ASCII letter would escape that test: then "a" always stays
_A_ALWAYS = any(not _RUN.match(n) for n in [*CURRENCY_NAMES, *SPELLED_SUBUNITS])
_RE_A_NEXT = re.compile(r"[\s,&-]*(?P<w>[a-z]*)", re.I)  # the word after "a" (re.I: also the Kelvin sign ...)
# characters (not letters) that may begin one whatever follows them
_CHARS = frozenset(_first_chars(CURRENCY_PREFIX) | _first_chars(QUALIFIER_BOUND))
_SIGNS = frozenset("-−+")
_AFTER_SIGN = frozenset("$€£¥")

_KEEP, _SKIP, _WORD, _A, _SIGN, _DOT = range(6)
_KINDS: dict[str, tuple[int, bool, bool]] = {}  # token text -> (kind, a qualifier's first word?, a prefix's?)


def _kind(text: str) -> tuple[int, bool, bool]:
    if not text:
        return _KEEP, False, False
    c = text[0]
    if c.isalpha():
        if not (text.isascii() and text.isalpha()):
            return _KEEP, False, False  # "a100", "U.S.$", "usd100": the grammar reads the letters itself
        w = text.lower()
        if w in ("a", "an"):
            return _A, True, text in _PREFIX_RESTS
        if w in _WORDS:
            return _KEEP, False, False
        return _WORD, w in _QUALIFIER_WORDS, text in _PREFIX_RESTS
    if c.isnumeric() or c in _CHARS:
        return _KEEP, False, False
    if c in _SIGNS:
        return _SIGN, False, False
    return (_DOT if c == "." else _SKIP), False, False


def _next_word_may(s: str, j: int, words) -> bool:
    """The ASCII word after s[j] (and the spaces there) is one of `words`, or odd letters follow it."""
    m = _RE_NEXT_WORD.match(s, j)
    if m is None:
        return False
    w, after = m.group("w"), s[m.end():m.end() + 1]
    return w.lower() in words or after.isalpha() and not after.isascii()


def _word_may_start(s: str, i: int, text: str, qualifier: bool, prefix: bool) -> bool:
    """A whole word of ASCII letters at s[i] (no letter or digit right after it) as the start of a qualifier or a
    currency prefix: the whole qualifier or prefix follows ("at least", "US $")."""
    end = i + len(text)
    if prefix and any(s.startswith(rest, end) for rest in _PREFIX_RESTS[text]):
        return True  # RE_PREFIX would match (RE_CUR_CODE_LOWER_BEFORE needs a digit glued to the word)
    if not qualifier:
        return False
    w = text.lower()
    if w in _QUALIFIER_ALONE:
        return RE_QUAL.match(s, i) is not None
    return _next_word_may(s, end, _QUALIFIER_SECOND[w]) and RE_QUAL.match(s, i) is not None


def _a_may_start(s: str, i: int, text: str, prefix: bool) -> bool:
    """"a"/"an" at s[i]: before a scale, fraction, tens or currency word, or as a qualifier or prefix."""
    if _A_ALWAYS or _word_may_start(s, i, text, True, prefix):
        return True
    m = _RE_A_NEXT.match(s, i + len(text))
    w = m.group("w")
    return w.lower() in _AFTER_A or not w.isascii() or (not w and s[m.end():m.end() + 1].isalpha()
                                                       and not s[m.end():m.end() + 1].isascii())


_DULL: set[str] = set()  # token texts that never begin one: punctuation, plain words (unless glued, see below)
_PLAIN: set[str] = set()  # ... of which the plain words of ASCII letters


def start_tokens(s: str, idx: list[int], text: list[str], whitespace: list[bool]) -> list[int]:
    """The token numbers (ascending) where an amount may begin in s, the text of a Doc with these token offsets,
    texts and trailing-space flags (the table's columns: every pass over them runs in C)."""
    if len(_KINDS) > 200_000:
        _KINDS.clear(), _DULL.clear(), _PLAIN.clear()
    dull, plain, n = _DULL, _PLAIN, len(s)
    todo = list(compress(range(len(text)), map(not_, map(dull.__contains__, text))))
    # a plain word glued to a letter or digit ("can" of "cannot") is left to the grammar, like any odd word
    glued = [k for k in compress(range(len(text) - 1), map(not_, whitespace)) if text[k] in plain
             and s[idx[k + 1]].isalnum()]
    out = []
    for k in sorted(todo + glued) if glued else todo:
        t = text[k]
        got = _KINDS.get(t)
        if got is None:
            got = _KINDS[t] = _kind(t)
            if got[0] == _SKIP or got[0] == _WORD and not (got[1] or got[2]):
                dull.add(t)
                if got[0] == _WORD:
                    plain.add(t)
        kind, qualifier, prefix = got
        if kind == _KEEP:
            out.append(k)
            continue
        if kind == _SKIP:
            continue
        i = idx[k]
        end = i + len(t)
        if kind == _WORD or kind == _A:
            if end < n and s[end].isalnum():
                out.append(k)  # glued: the grammar reads the letters itself
            elif kind == _WORD and (qualifier or prefix) and _word_may_start(s, i, t, qualifier, prefix) or \
                    kind == _A and _a_may_start(s, i, t, prefix):
                out.append(k)
            continue
        nxt = s[i + 1:i + 2]
        if nxt.isdigit() or kind == _SIGN and nxt in _AFTER_SIGN:
            out.append(k)  # a sign or a decimal point before a digit (a sign also before a currency symbol)
    return out
