"""A parsed segment as plain arrays: one `Doc.to_array` per segment, columns and indexes built on first use.

Why: every `doc[i]`, `for tok in doc`, `tok.children` or `doc.ents` builds new spaCy `Token` / `Span`
objects (about a microsecond each), and the extractors used to walk every Doc again and again. A
`TokenTable` reads each attribute of every token once, into Python lists indexed by token number, so a
pass can scan a whole segment (or look tokens up by lemma, by character offset, by head) without
creating a single `Token`, and create Tokens (`table.doc[i]`) only for the few candidates that need the
deep logic of a rule.

How to use it (from any extractor; `seg.table` on a `parsed.ParsedSegment` builds it once, shared by
every pass):

    table = seg.table
    for i in table.positions("lemma_lower", {"say", "tell"}):   # token numbers, ascending
        if table.pos[i] == "VERB" and table.dep[table.head[i]] != "ROOT": ...
    tok = table.doc[i]                       # a real spaCy Token when a rule needs one
    table.children[i], table.sent[i]         # head -> children, token -> sentence number
    table.ent_of[i]                          # index into table.ents ((start, end, label)) or -1
    table.first_at(char), table.span_at(a, b) # token numbers from character offsets (of the Doc)

Columns are exactly the spaCy attributes of the same name (`text`, `lower` = `Token.lower_`, `lemma`,
`pos`, `tag`, `dep`, `ent_type`, `idx`, `whitespace` = bool(`whitespace_`), `is_punct`, `is_space`,
`is_alpha`, `is_sent_start` = `Token.is_sent_start`); `head[i]` is the head's token number (the root's is
itself); `children[i]` are what `Token.children` gives, in the same order. Ground floor: imports
nothing of newslens, and spaCy only when a table is built.
"""
from __future__ import annotations

import bisect
from functools import cached_property

_MEMOS: dict[str, dict[int, str]] = {"str": {}, "lower": {}}  # hash -> string (a hash names one string in any vocab)
_MEMO_LIMIT = 1_000_000
_POS_NAMES: dict[int, str] = {}  # POS id -> name (`Token.pos_`)
_COLS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "IDX", "SENT_START",
         "IS_PUNCT", "IS_SPACE", "IS_ALPHA", "SPACY")
# string columns: name -> (the hash column they decode, how: the string or the string lower-cased)
_HASHED = {"text": ("ORTH", "str"), "lower": ("LOWER", "str"), "lemma": ("LEMMA", "str"), "tag": ("TAG", "str"),
           "dep": ("DEP", "str"), "ent_type": ("ENT_TYPE", "str"), "lemma_lower": ("LEMMA", "lower"),
           "text_lower": ("ORTH", "lower")}


_IDS: dict[str, int] = {}  # attribute name -> spaCy attribute id


def _attr_id(name: str) -> int:
    if not _IDS:
        from spacy import attrs

        _IDS.update({n: getattr(attrs, n) for n in _COLS})
    return _IDS[name]


class TokenTable:
    """Every token attribute of one spaCy Doc as Python lists, plus the indexes the extractors share.

    Each attribute is read from the Doc (one `Doc.to_array` of that attribute) the first time a column
    or index needs it, so a pass that needs two attributes pays for two."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.n = len(doc)
        self._cols: dict[str, list[int]] = {}

    def _col(self, name: str) -> list[int]:
        col = self._cols.get(name)
        if col is None:
            col = self._cols[name] = self.doc.to_array(_attr_id(name)).tolist() if self.n else []
        return col

    def _memo(self, column: str) -> tuple[list[int], dict[int, str]]:
        """A string column's hashes and the memo that decodes each of them (filled for this table)."""
        source, how = _HASHED[column]
        hashes, memo = self._col(source), _MEMOS[how]
        missing = set(hashes).difference(memo)
        if missing:
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
                missing = set(hashes)
            store = self.doc.vocab.strings
            for h in missing:
                memo[h] = (store[h] if h else "") if how == "str" else (store[h] if h else "").lower()
        return hashes, memo

    def _strings(self, column: str) -> list[str]:
        hashes, memo = self._memo(column)
        return list(map(memo.__getitem__, hashes))

    # ------------------------------------------------------------------ columns (spaCy's attribute values)
    @cached_property
    def text(self) -> list[str]:
        return self._strings("text")

    @cached_property
    def lower(self) -> list[str]:
        return self._strings("lower")

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings("lemma")

    @cached_property
    def lemma_lower(self) -> list[str]:
        return self._strings("lemma_lower")

    @cached_property
    def text_lower(self) -> list[str]:
        return self._strings("text_lower")

    @cached_property
    def pos(self) -> list[str]:
        if not _POS_NAMES:
            from spacy.parts_of_speech import NAMES

            _POS_NAMES.update(NAMES)
            _POS_NAMES[0] = ""
        col = self._col("POS")
        missing = set(col).difference(_POS_NAMES)
        return list(map(_POS_NAMES.__getitem__, col)) if not missing else [_POS_NAMES.get(p, "") for p in col]

    @cached_property
    def tag(self) -> list[str]:
        return self._strings("tag")

    @cached_property
    def dep(self) -> list[str]:
        return self._strings("dep")

    @cached_property
    def ent_type(self) -> list[str]:
        return self._strings("ent_type")

    @cached_property
    def idx(self) -> list[int]:
        return self._col("IDX")

    @cached_property
    def end_char(self) -> list[int]:
        return [i + len(t) for i, t in zip(self.idx, self.text)]

    @cached_property
    def doc_text(self) -> str:
        """`Doc.text` (each token's text and, when it has one, its trailing space), with no Token built: the
        Doc's own property joins a new Token per token on every call."""
        return "".join([t + " " if w else t for t, w in zip(self.text, self.whitespace)])

    @cached_property
    def whitespace(self) -> list[bool]:
        return [bool(x) for x in self._col("SPACY")]

    @cached_property
    def is_punct(self) -> list[bool]:
        return [bool(x) for x in self._col("IS_PUNCT")]

    @cached_property
    def is_space(self) -> list[bool]:
        return [bool(x) for x in self._col("IS_SPACE")]

    @cached_property
    def is_alpha(self) -> list[bool]:
        return [bool(x) for x in self._col("IS_ALPHA")]

    @cached_property
    def is_sent_start(self) -> list[bool | None]:
        """`Token.is_sent_start`: True, False, or None when not set."""
        out = []
        for v in self._col("SENT_START"):
            v = v if v < 2**63 else v - 2**64
            out.append(None if v == 0 else v > 0)
        return out

    # ------------------------------------------------------------------ the tree
    @cached_property
    def head(self) -> list[int]:
        """Token number of each token's head (a root is its own head)."""
        return [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(self._col("HEAD"))]

    @cached_property
    def children(self) -> list[list[int]]:
        """head -> its children's token numbers, left to right (`Token.children`)."""
        kids: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head):
            if h != i:
                kids[h].append(i)
        return kids

    def ancestors(self, i: int) -> list[int]:
        """Token numbers from i's head up to the root (`Token.ancestors`)."""
        out, head, seen = [], self.head, 0
        while head[i] != i and seen < self.n:
            i = head[i]
            out.append(i)
            seen += 1
        return out

    def subtree(self, i: int) -> list[int]:
        """Token numbers of i's subtree, in `Token.subtree` order (lefts' subtrees, i, rights' subtrees)."""
        out: list[int] = []
        kids = self.children

        def walk(k: int) -> None:
            for c in kids[k]:
                if c < k:
                    walk(c)
            out.append(k)
            for c in kids[k]:
                if c > k:
                    walk(c)

        walk(i)
        return out

    # ------------------------------------------------------------------ sentences and entities
    @cached_property
    def sent(self) -> list[int]:
        """token -> sentence number (sentences start where `sent_start` is 1, and at token 0)."""
        out, k = [], -1
        for i, v in enumerate(self._col("SENT_START")):
            if i == 0 or v == 1:
                k += 1
            out.append(k)
        return out

    @cached_property
    def sent_bounds(self) -> list[tuple[int, int]]:
        """sentence number -> (first token, end token) (`Token.sent.start`, `.end`)."""
        bounds: list[list[int]] = []
        for i, k in enumerate(self.sent):
            if k == len(bounds):
                bounds.append([i, i + 1])
            else:
                bounds[k][1] = i + 1
        return [(a, b) for a, b in bounds]

    @cached_property
    def ents(self) -> list[tuple[int, int, str]]:
        """(start token, end token, label) of `doc.ents`, in order."""
        out: list[tuple[int, int, str]] = []
        iob, types = self._col("ENT_IOB"), self.ent_type
        start = None
        for i in range(self.n):
            if start is not None and iob[i] != 1:  # I = 1, O = 2, B = 3, unset = 0
                out.append((start, i, types[start]))
                start = None
            if iob[i] == 3 and types[i]:  # a B without a type closes, like doc.ents
                start = i
            elif iob[i] != 1:
                start = None
        if start is not None:
            out.append((start, self.n, types[start]))
        return out

    @cached_property
    def ent_of(self) -> list[int]:
        """token -> index of its entity in `ents`, or -1."""
        out = [-1] * self.n
        for k, (a, b, _) in enumerate(self.ents):
            for i in range(a, b):
                out[i] = k
        return out

    # ------------------------------------------------------------------ lookups
    def positions(self, column: str, values) -> list[int]:
        """Token numbers (ascending) whose `column` value is `values` (a string) or is in `values` (a set).

        String columns are matched on their hashes: the table decodes each distinct value once."""
        if isinstance(values, str):
            values = (values,)
        if column in _HASHED:
            hashes, memo = self._memo(column)
            wanted = {h for h in set(hashes) if memo[h] in values}
            return [i for i, h in enumerate(hashes) if h in wanted] if wanted else []
        return [i for i, v in enumerate(getattr(self, column)) if v in values]

    def first_at(self, char: int) -> int:
        """The first token whose Doc offset is >= `char` (`n` when none)."""
        return bisect.bisect_left(self.idx, char)

    def span_at(self, lo: int, hi: int) -> range:
        """Token numbers whose Doc offset lies in [lo, hi)."""
        return range(bisect.bisect_left(self.idx, lo), bisect.bisect_left(self.idx, hi))
