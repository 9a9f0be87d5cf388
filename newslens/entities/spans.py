"""Spans: where a model entity span is cut into names ("Kitwood/Getty Images", "Reeves’s Treasury", "Fulham 1
Carlisle 0") and whether a segment is a results or standings table."""
from __future__ import annotations

import itertools
import operator
import re

from .. import lexicon
from .names import ORG_TAIL, POSSESSIVES

_PRODUCT_NOUNS = lexicon.words("product_nouns")
_SCORE = re.compile(r"\d+(?:[-:]\d+)+|\d{1,3}(?:,\d{3})+|\d+")
_DOTS_SCORE = re.compile(r"\.*(?:" + _SCORE.pattern + ")")
_DIGITS = "0123456789"
_DASHES = frozenset({"-", "–", "—", "--"})
_SEPARATORS = frozenset({"at", "v", "v.", "vs", "vs."})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _is_table(seg) -> bool:
    """A results or standings line ("Surrey 429-7 (C. Lewis 80, M. Butcher 70)", "TORONTO 63 71 .470"): many
    numbers among few words. Names there never end with a number."""
    table = seg.table
    nums = sum(table.like_num)
    if nums >= 3 and nums * 5 >= table.n:
        return True
    # a score has a digit: with fewer digits than the scores the line would need, no token is looked at (`\d` is
    # any Unicode digit: counted in ASCII text only)
    text = table.doc_text
    if text.isascii() and nums + sum(map(text.count, _DIGITS)) < max(3, -(-table.n // 5)):
        return False
    # like_num, or a score after any leading dots (`_SCORE.fullmatch(t.lstrip("."))`), counted without a loop here
    rest = itertools.compress(table.text, map(operator.not_, table.like_num))
    nums += len(list(filter(_DOTS_SCORE.fullmatch, rest)))
    return nums >= 3 and nums * 5 >= table.n


def _cuts_at(t, k: int, i: int, j: int, label: str, table: bool = False, poss: frozenset = frozenset()) -> bool:
    """Tokens no name spans: a spaced dash ("SOCCER - ENGLAND"), "at"/"v" between names ("Yorkshire at
    Headingley"), a score or count between or after names ("Fulham 1 Carlisle 0", "Raymond Russell 234,330")."""
    text = t.text
    tok = text[k]
    if tok in ("(", ")", "/"):
        return True
    if tok in POSSESSIVES and k < j - 1:
        # "Reeves’s Treasury" is two names; "Schindler's List", "Boatmen's Bancshares Inc." and "Sant' Egidio"
        # are one (a title, a company with its legal form, an apostrophe that is no possessive)
        if label == "WORK_OF_ART" or t.lower[j - 1].rstrip(".") in ORG_TAIL or t.span_text(i, k) in poss:
            return False
        return tok not in ("'", "’") or text[k - 1][-1:] in "sSzZ"
    if (label not in _NAME_LABELS and not (table and label != "PRODUCT")) or k == i:
        return False
    if tok in _DASHES:
        return t.whitespace[k - 1]  # "SOCCER - ENGLAND", not "Mercedes-Benz"
    if tok in _SEPARATORS:
        return k < j - 1
    if _SCORE.fullmatch(tok):
        if j < t.n and t.lower[j] in _PRODUCT_NOUNS:
            return False  # "Max 9 jets", "Gaudi 3 chips": a model number, whatever the model's label
        if label in ("PERSON", "GPE", "LOC", "NORP") or table:  # a table's names end with no number either
            return True  # people and places end with no number
        nxt = k + 1 if k + 1 < j else None
        after_score = any(_SCORE.fullmatch(text[x]) for x in range(i + 1, k))  # "Fulham 1 Carlisle 0"
        score = nxt is not None and text[nxt] == "-" and k + 2 < j and t.like_num[k + 2]  # "Southampton 4-1"
        return "-" in tok or "," in tok or after_score or score or (nxt is not None and text[nxt][:1].isupper())
    return False


def _split_parts(t, i: int, j: int, label: str = "", table: bool = False, poss: frozenset = frozenset()):
    """Token ranges of an entity span cut at "(", ")", "/" ("Kitwood/Getty Images"), inner possessives
    ("Reeves’s Treasury") and, in a name, the tokens `_cuts_at` names; trailing lower-case words dropped
    ("Interfax news agency" -> "Interfax")."""
    parts, s = [], i
    for k in range(i, j):
        if _cuts_at(t, k, i, j, label, table, poss):
            if s < k:
                parts.append((s, k))
            s = k + 1
    if s < j:
        parts.append((s, j))
    if label in _NAME_LABELS:
        trimmed = []
        text, ws, low = t.text, t.whitespace, t.lower
        for a, b in parts:
            while b - a > 1 and text[b - 1].isalpha() and text[b - 1].islower() and ws[b - 2] \
                    and low[b - 1] not in ("de", "da", "van", "von", "del"):
                b -= 1
            trimmed.append((a, b))
        parts = trimmed
    return parts
