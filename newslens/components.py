"""A fast, exact stand-in for spaCy's `attribute_ruler` + rule `lemmatizer` pair.

The English pipelines map every token's tag to POS/MORPH (and some lemmas) with an AttributeRuler (a
Matcher with ~180 patterns, applied token by token in Python) and then lemmatize token by token. Both
are pure functions of the token's (ORTH, TAG, DEP), apart from a few two-token patterns ("there is",
"gon na"). `TokenAttrs` computes the result of both components once per distinct (ORTH, TAG, DEP)
using the components themselves, caches it, and writes whole documents with one `Doc.from_array`.
Multi-token matches are recomputed for the tokens they touch. The output (TAG, DEP, POS, MORPH,
LEMMA of every token) is identical to the two components'; `supported()` says when a ruler uses
pattern features this class does not evaluate, in which case the stock components are kept.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import MorphAnalysis

FACTORY = "newslens_token_attrs"
_TOKEN_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}
_PREDICATES = {"IN", "NOT_IN", "REGEX"}
_OUT = [TAG, DEP, POS, MORPH, LEMMA]
_CACHE_LIMIT = 500_000  # distinct (orth, tag, dep) keys kept; cleared when full


def supported(ruler) -> bool:
    """True when every pattern of `ruler` uses only features `TokenAttrs` evaluates exactly."""
    for p in ruler.patterns:
        for pattern in p["patterns"]:
            for spec in pattern:
                if not set(spec) <= _TOKEN_KEYS:
                    return False
                for value in spec.values():
                    if isinstance(value, dict) and not set(value) <= _PREDICATES:
                        return False
                    if isinstance(value, (list, tuple)):
                        return False
    return True


def _compile_value(value):
    """A predicate on one token attribute value (a string or a bool)."""
    if isinstance(value, dict):
        tests = []
        for op, arg in value.items():
            if op == "IN":
                s = frozenset(arg)
                tests.append(lambda v, s=s: v in s)
            elif op == "NOT_IN":
                s = frozenset(arg)
                tests.append(lambda v, s=s: v not in s)
            else:  # REGEX, searched like the Matcher does
                r = re.compile(arg)
                tests.append(lambda v, r=r: bool(r.search(v)))
        return lambda v: all(t(v) for t in tests)
    if isinstance(value, bool):
        return lambda v, b=value: bool(v) == b
    return lambda v, s=value: v == s


def _compile_spec(spec: dict):
    """A predicate on a token view (lower, tag, dep, is_space)."""
    checks = []
    for key, value in spec.items():
        pos = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}[key]
        checks.append((pos, _compile_value(value)))
    return lambda view: all(f(view[pos]) for pos, f in checks)


class TokenAttrs:
    """attribute_ruler + lemmatizer in one pass, cached per (ORTH, TAG, DEP)."""

    def __init__(self, nlp, *, ruler: str = "attribute_ruler", lemmatizer: str = "lemmatizer") -> None:
        self.vocab = nlp.vocab
        self.ruler = nlp.get_pipe(ruler)
        self.lemmatizer = nlp.get_pipe(lemmatizer) if lemmatizer else None
        self.single: list[tuple[int, object, dict]] = []  # (order, predicate, attrs by id)
        self._by_key: dict[tuple, list] = {}  # (TAG or None, LOWER or None) -> single patterns needing them
        self.multi: list[tuple[int, list, int, dict, list]] = []  # (order, [predicates], index, attrs, specs)
        for order, p in enumerate(self.ruler.patterns):
            attrs = self.ruler.attrs[order]
            index = self.ruler.indices[order]
            for pattern in p["patterns"]:
                preds = [_compile_spec(s) for s in pattern]
                if len(preds) == 1:
                    self.single.append((order, preds[0], attrs))
                    tag, low = pattern[0].get("TAG"), pattern[0].get("LOWER")
                    key = (tag if isinstance(tag, str) else None, low if isinstance(low, str) else None)
                    self._by_key.setdefault(key, []).append((order, preds[0], attrs))
                else:
                    self.multi.append((order, preds, index, attrs, pattern))
        # LOWER values that can start a multi-token match at the pattern's index token (prefilter)
        self._anchor = self._anchors()
        self.cache: dict[tuple[int, int, int], tuple[int, int, int, int, int]] = {}

    def _anchors(self) -> dict[int, list[tuple[int, int]]] | None:
        """LOWER hash -> [(multi-token pattern, position of that token in it)], or None (check every token)."""
        anchors: dict[int, list[tuple[int, int]]] = {}
        for m, (_, _, _, _, pattern) in enumerate(self.multi):
            for k, spec in enumerate(pattern):
                low = spec.get("LOWER")
                values = [low] if isinstance(low, str) else (low["IN"] if isinstance(low, dict) and set(low) == {"IN"} else None)
                if values is not None:
                    for v in values:
                        anchors.setdefault(self.vocab.strings.add(v), []).append((m, k))
                    break
            else:
                return None
        return anchors

    @staticmethod
    def _view(token) -> tuple:
        return (token.lower_, token.tag_, token.dep_, token.is_space)

    def _fold(self, token, extra: list[tuple[int, dict]] = ()) -> tuple[int, int, int, int, int]:
        """The token's (TAG, DEP, POS, MORPH, LEMMA) after the ruler (+ `extra` matches) and lemmatizer."""
        view = self._view(token)
        lower, tag_ = view[0], view[1]
        by_key = self._by_key
        matches = [
            (order, attrs)
            for key in ((None, None), (tag_, None), (None, lower), (tag_, lower))
            for order, pred, attrs in by_key.get(key, ())
            if pred(view)
        ]
        matches.extend(extra)
        matches.sort(key=lambda m: m[0])
        tag, dep, pos, morph, lemma = token.tag, token.dep, token.pos, token.morph.key, token.lemma
        for _, attrs in matches:
            for attr, value in attrs.items():
                if attr == TAG:
                    tag = value
                elif attr == DEP:
                    dep = value
                elif attr == POS:
                    pos = value
                elif attr == MORPH:
                    morph = value
                elif attr == LEMMA:
                    lemma = value
                else:  # not produced by the English rulers; keep the stock behaviour for it
                    raise _Unsupported(attr)
        if self.lemmatizer is not None and lemma == 0:
            # the lemmatizer reads POS and MORPH from the token: set them first, then ask it
            token.tag, token.dep, token.pos = tag, dep, pos
            token.morph = MorphAnalysis.from_id(self.vocab, morph)
            lemma = self.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])
        return tag, dep, pos, morph, lemma

    def _multi_matches(self, doc, arr) -> dict[int, list[tuple[int, dict]]]:
        """Token index -> (order, attrs) of the multi-token patterns matching around it."""
        if not self.multi:
            return {}
        n = len(doc)
        if self._anchor is None:
            tries = [(start, m) for start in range(n) for m in range(len(self.multi))]
        else:
            anchors = self._anchor
            tries = [(c - k, m) for c, low in enumerate(arr[:, 3].tolist()) if low in anchors for m, k in anchors[low]]
        out: dict[int, list] = {}
        views: dict[int, tuple] = {}
        for start, m in tries:
            order, preds, index, attrs, _ = self.multi[m]
            size = len(preds)
            if start < 0 or start + size > n:
                continue
            for k, pred in enumerate(preds):
                i = start + k
                if i not in views:
                    views[i] = self._view(doc[i])
                if not pred(views[i]):
                    break
            else:
                target = start + index if index >= 0 else start + size + index
                out.setdefault(target, []).append((order, attrs))
        return out

    def __call__(self, doc):
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([ORTH, TAG, DEP, LOWER])
        special = self._multi_matches(doc, arr)
        cache = self.cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        keys = arr[:, :3].tolist()
        rows = []
        for i, (orth, tag, dep) in enumerate(keys):
            if i in special:
                rows.append(self._fold(doc[i], special[i]))
                continue
            key = (orth, tag, dep)
            row = cache.get(key)
            if row is None:
                row = cache[key] = self._fold(doc[i])
            rows.append(row)
        doc.from_array(_OUT, numpy.array(rows, dtype=numpy.uint64))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


class _Unsupported(RuntimeError):
    pass


@Language.factory(FACTORY, default_config={"ruler": "attribute_ruler", "lemmatizer": "lemmatizer"})
def make_token_attrs(nlp, name: str, ruler: str, lemmatizer: str):
    """Factory: `nlp.add_pipe("newslens_token_attrs", after="parser")` with the stock pair disabled."""
    return TokenAttrs(nlp, ruler=ruler, lemmatizer=lemmatizer)


def use_token_attrs(nlp) -> bool:
    """Swap the stock attribute_ruler + lemmatizer for `TokenAttrs` when exact; returns whether it did."""
    names = nlp.pipe_names
    if FACTORY in names:
        return True
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    lem = nlp.get_pipe("lemmatizer")
    if getattr(lem, "mode", None) != "rule" or getattr(lem, "overwrite", True):
        return False
    if names.index("lemmatizer") < names.index("attribute_ruler"):
        return False
    between = names[names.index("attribute_ruler") + 1 : names.index("lemmatizer")]
    if any(nlp.get_pipe(n).__class__.__name__ not in ("EntityRecognizer",) for n in between):
        return False  # something between them might read or write token attributes
    if not supported(nlp.get_pipe("attribute_ruler")):
        return False
    position = names[names.index("attribute_ruler") - 1] if names.index("attribute_ruler") else None
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    if position:
        nlp.add_pipe(FACTORY, after=position)
    else:
        nlp.add_pipe(FACTORY, first=True)
    return True
