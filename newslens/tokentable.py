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
    table.char_span(a, b, expand=True)        # `Doc.char_span` as a token range (i, j), or None
    table.span_text(i, j), table.root(i, j)   # `Doc[i:j].text`, `Doc[i:j].root.i`
    table.subtree(i), table.subtree_first(i)  # `Token.subtree` numbers, its first (and last) without the walk
    table_of(tok.doc)                         # the segment's table from a Token's Doc (helpers handed Tokens)
    table.memo                                # per-token results a pass keeps (keyed by module: "quotes.cue")

Columns are exactly the spaCy attributes of the same name (`text`, `lower` = `Token.lower_`, `lemma`,
`pos`, `tag`, `dep`, `ent_type`, `idx`, `whitespace` = bool(`whitespace_`), `is_punct`, `is_space`,
`is_alpha`, `is_upper`, `like_num`, `ent_iob`, `is_sent_start` = `Token.is_sent_start`); `head[i]` is the head's token number (the root's is
itself); `children[i]` are what `Token.children` gives, in the same order. Ground floor: imports
nothing of newslens, and spaCy only when a table is built.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import weakref
from functools import cached_property

_MEMOS: dict[str, dict[int, str]] = {"str": {}, "lower": {}}  # hash -> string (a hash names one string in any vocab)
_MEMO_LIMIT = 1_000_000
_POS_NAMES: dict[int, str] = {}
_FLAGS = frozenset({"IS_PUNCT", "IS_SPACE", "IS_ALPHA", "IS_UPPER", "LIKE_NUM", "SPACY"})  # read as bools
_SIGNED = frozenset({"HEAD", "SENT_START"})  # POS id -> name (`Token.pos_`)
_COLS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "IDX", "SENT_START",
         "IS_PUNCT", "IS_SPACE", "IS_ALPHA", "SPACY", "IS_UPPER", "LIKE_NUM")
# string columns: name -> (the hash column they decode, how: the string or the string lower-cased)
_HASHED = {"text": ("ORTH", "str"), "lower": ("LOWER", "str"), "lemma": ("LEMMA", "str"), "tag": ("TAG", "str"),
           "dep": ("DEP", "str"), "ent_type": ("ENT_TYPE", "str"), "lemma_lower": ("LEMMA", "lower"),
           "text_lower": ("ORTH", "lower")}
# attribute -> the TokenTable property that is its column as read (set with the column: no property call per table)
_PLAIN = {"IDX": "idx", "SPACY": "whitespace", "IS_PUNCT": "is_punct", "IS_SPACE": "is_space", "IS_ALPHA": "is_alpha",
          "IS_UPPER": "is_upper", "LIKE_NUM": "like_num", "ENT_IOB": "ent_iob"}
_IDS: dict[str, int] = {}  # attribute name -> spaCy attribute id
_NO_KIDS: list[int] = []  # `children` of every leaf (never changed)


def _attr_id(name: str) -> int:
    if not _IDS:
        from spacy import attrs

        _IDS.update({n: getattr(attrs, n) for n in _COLS})
    return _IDS[name]


_LIVE: dict[int, weakref.ref] = {}  # id(doc) -> a weak reference to its table (dead ones pruned now and then)
_PRUNE_EVERY = 4096


def table_of(doc) -> "TokenTable":
    """The table of a Doc: the one its segment built (`seg.table`) while the segment lives, else a new one. Lets a
    helper that is handed a spaCy Token (`tok.doc`, `tok.i`) work on the arrays; keeps no Doc alive."""
    ref = _LIVE.get(id(doc))
    table = ref() if ref is not None else None
    if table is None or table.doc is not doc:
        table = TokenTable(doc)
    return table


def _register(table: "TokenTable") -> None:
    _LIVE[id(table.doc)] = weakref.ref(table)  # no callback: cheaper than a WeakValueDictionary
    if len(_LIVE) % _PRUNE_EVERY == 0:
        for key in [k for k, ref in _LIVE.items() if ref() is None]:
            del _LIVE[key]


def _decoding(hashes, how: str, store) -> dict[int, str]:
    """The shared memo of `how` ("str" or "lower"), filled for every hash of `hashes` (from the vocab's strings)."""
    memo = _MEMOS[how]
    missing = set(hashes).difference(memo)
    if missing:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
            missing = set(hashes)
        for h in missing:
            memo[h] = (store[h] if h else "") if how == "str" else (store[h] if h else "").lower()
    return memo


class TableBatch:
    """The tables of one article's segments, read together: one `Doc.to_array` of every attribute per segment,
    and each column converted and decoded for the whole article in one pass, then cut into the segments' lists
    (the per-call costs, not the tokens, dominate short segments). Holds its tables weakly: no Doc kept alive."""

    def __init__(self) -> None:
        self._refs: list = []  # weak references to the tables, in order
        self._bounds: list[tuple[int, int]] = []  # each table's rows in the article's arrays
        self._raw: dict[str, list] | None = None

    @classmethod
    def of(cls, docs) -> list["TokenTable"]:
        """One table per Doc, all of one batch (the caller keeps the tables; the tables keep the batch)."""
        batch = cls()
        tables = [TokenTable(doc, batch) for doc in docs]
        batch._refs = [weakref.ref(t) for t in tables]
        return tables

    def _read(self) -> dict[str, list]:
        if self._raw is None:
            import numpy

            ids = [_attr_id(name) for name in _COLS]
            arrays, a = [], 0
            for ref in self._refs:
                t = ref()
                n = t.n if t is not None else 0
                if n:
                    arrays.append(t.doc.to_array(ids))
                self._bounds.append((a, a + n))
                a += n
            self._raw = {}
            if arrays:
                arr = numpy.concatenate(arrays)
                for k, name in enumerate(_COLS):
                    column = arr[:, k]
                    if name in _SIGNED:
                        column = column.view("int64")  # relative heads and sentence starts: negative in uint64
                    self._raw[name] = column.astype(bool).tolist() if name in _FLAGS else column.tolist()
            self._fill_all()
        return self._raw

    def _fill_all(self) -> None:
        """Every attribute column cut into every live table at once (one pass over the tables, not one per column), and
        set as its property too for a plain column (the list that the column's cached_property would return)."""
        raw, plain = self._raw, [(name, _PLAIN.get(name)) for name in _COLS]
        for ref, (a, b) in zip(self._refs, self._bounds):
            t = ref()
            if t is None:
                continue
            cols, props = t._cols, t.__dict__
            for name, prop in plain:
                if name not in cols:
                    cols[name] = raw.get(name, [])[a:b]
                    if prop is not None:
                        props.setdefault(prop, cols[name])

    def fill_strings(self, column: str) -> bool:
        """String column `column` (text, lower, lemma, ...) decoded for every live table; False if none lives."""
        source, how = _HASHED[column]
        hashes = self._read().get(source, [])
        live = [(t, bounds) for ref, bounds in zip(self._refs, self._bounds) if (t := ref()) is not None]
        if not live:
            return False
        try:  # every value seen before (the memo is shared by all tables): no set of the article's values
            decoded = list(map(_MEMOS[how].__getitem__, hashes))
        except KeyError:
            decoded = list(map(_decoding(hashes, how, live[0][0].doc.vocab.strings).__getitem__, hashes))
        for t, (a, b) in live:
            t.__dict__.setdefault(column, decoded[a:b])
        return True


class TokenTable:
    """Every token attribute of one spaCy Doc as Python lists, plus the indexes the extractors share.

    Each attribute is read from the Doc (one `Doc.to_array` of that attribute) the first time a column
    or index needs it, so a pass that needs two attributes pays for two. A table of a `TableBatch` (the
    segments of one article) has its columns read and decoded with its batch's, once for the article."""

    def __init__(self, doc, batch: "TableBatch | None" = None) -> None:
        self.doc = doc
        self.n = len(doc)
        self._batch = batch
        self._cols: dict[str, list] = {}
        self._found: dict[tuple, list[int]] = {}  # (column, values) -> positions
        self.memo: dict = {}  # per-token results a pass computes once (keys name the module: "quotes.cue")
        _register(self)

    def _col(self, name: str) -> list:
        """An attribute's values: ints (hashes, ids, offsets; HEAD and SENT_START signed), bools for the flags."""
        col = self._cols.get(name)
        if col is None and self._batch is not None and name in _COLS:
            self._batch._read()  # every column of every table of the batch
            col = self._cols.get(name)
        if col is None:
            if not self.n:
                col = []
            else:
                arr = self.doc.to_array(_attr_id(name))
                if name in _SIGNED:
                    arr = arr.view("int64")  # relative heads and sentence starts: negative numbers in uint64
                col = arr.astype(bool).tolist() if name in _FLAGS else arr.tolist()
            self._cols[name] = col
        return col

    def _strings(self, column: str) -> list[str]:
        if self._batch is not None and self._batch.fill_strings(column):
            return self.__dict__[column]  # decoded with the whole article's
        source, how = _HASHED[column]
        try:  # every value seen before (the memo is shared by all tables): no set of this table's values
            return list(map(_MEMOS[how].__getitem__, self._col(source)))
        except KeyError:  # the shared memo filled for this table's values first
            hashes = self._col(source)
            return list(map(_decoding(hashes, how, self.doc.vocab.strings).__getitem__, hashes))

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
        try:
            return list(map(_POS_NAMES.__getitem__, col))
        except KeyError:
            return [_POS_NAMES.get(p, "") for p in col]

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
        return list(map(operator.add, self.idx, map(len, self.text)))

    @cached_property
    def doc_text(self) -> str:
        """`Doc.text` (each token's text and, when it has one, its trailing space), with no Token built: the
        Doc's own property joins a new Token per token on every call."""
        return "".join([t + " " if w else t for t, w in zip(self.text, self.whitespace)])

    @cached_property
    def whitespace(self) -> list[bool]:
        return self._col("SPACY")

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._col("IS_PUNCT")

    @cached_property
    def is_space(self) -> list[bool]:
        return self._col("IS_SPACE")

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._col("IS_ALPHA")

    @cached_property
    def is_upper(self) -> list[bool]:
        return self._col("IS_UPPER")

    @cached_property
    def like_num(self) -> list[bool]:
        return self._col("LIKE_NUM")

    @cached_property
    def ent_iob(self) -> list[int]:
        """`Token.ent_iob`: 0 unset, 1 I (inside), 2 O (outside), 3 B (begins)."""
        return self._col("ENT_IOB")

    @cached_property
    def is_sent_start(self) -> list[bool | None]:
        """`Token.is_sent_start`: True, False, or None when not set."""
        return [None if v == 0 else v > 0 for v in self._col("SENT_START")]

    # ------------------------------------------------------------------ the tree
    @cached_property
    def head(self) -> list[int]:
        """Token number of each token's head (a root is its own head)."""
        return list(map(operator.add, range(self.n), self._col("HEAD")))

    @cached_property
    def children(self) -> list[list[int]]:
        """head -> its children's token numbers, left to right (`Token.children`)."""
        head = self.head
        kids: list[list[int]] = [_NO_KIDS] * self.n  # leaves share one empty list (read-only, like every column)
        for i in itertools.compress(range(self.n), map(operator.ne, head, range(self.n))):  # not a root
            k = kids[head[i]]
            if k is _NO_KIDS:
                kids[head[i]] = [i]
            else:
                k.append(i)
        return kids

    @cached_property
    def _parents(self) -> set[int]:
        """Token numbers that are some token's head: for a token that is not a root, "has children"."""
        return set(itertools.compress(self.head, map(operator.ne, self.head, range(self.n))))

    def ancestors(self, i: int) -> list[int]:
        """Token numbers from i's head up to the root (`Token.ancestors`)."""
        out, head, seen = [], self.head, 0
        while head[i] != i and seen < self.n:
            i = head[i]
            out.append(i)
            seen += 1
        return out

    def subtree_first(self, i: int) -> int:
        """`subtree(i)[0]` without the walk: down the first left child while there is one."""
        kids = self.children
        while kids[i] and kids[i][0] < i:
            i = kids[i][0]
        return i

    def subtree_last(self, i: int) -> int:
        """`subtree(i)[-1]` without the walk: down the last right child while there is one."""
        kids = self.children
        while kids[i] and kids[i][-1] > i:
            i = kids[i][-1]
        return i

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

    def root(self, i: int, j: int) -> int:
        """`Doc[i:j].root`: a sentence root inside, else the token with the fewest steps to the root (a space or
        punctuation without children counts as far), the first of equals; i itself when every head is inside."""
        head = self.head
        for k in range(i, j):
            if head[k] == k:
                return k
        best, root, parents = self.n, -1, self._parents  # no root in i..j: a token is a leaf if not a parent
        for k in range(i, j):
            if i <= head[k] < j:
                continue
            if k not in parents and (self.is_space[k] or self.is_punct[k]):
                steps = self.n - 1
            else:
                steps, x = 0, k
                while head[x] != x:
                    x = head[x]
                    steps += 1
                    if steps >= self.n:
                        raise RuntimeError("the parse is not a tree")
            if steps < best:
                best, root = steps, k
        return i if root == -1 else root

    def span_text(self, i: int, j: int) -> str:
        """`Doc[i:j].text` (no trailing whitespace); "" for an empty range."""
        return self.doc_text[self.idx[i]:self.end_char[j - 1]] if i < j else ""

    def char_span(self, start: int, end: int, expand: bool = False) -> tuple[int, int] | None:
        """`Doc.char_span(start, end)` as a token range (i, j), or None; `expand` is alignment_mode="expand"."""
        i, k = self._token_at(start), self._token_at(end - 1)
        if i < 0 or k < 0:
            return None
        if not expand and (start != self.idx[i] or end != self.end_char[k]):
            return None
        if expand and start == self.end_char[i]:
            i += 1
        if not 0 <= i <= k + 1 <= self.n:
            raise IndexError(f"span [{i}, {k + 1}) out of range")
        return i, k + 1

    def _token_at(self, char: int) -> int:
        """The token whose text and trailing space hold Doc offset `char`, or -1 (spaCy's `token_by_char`)."""
        if char < 0 or not self.n or char >= self.end_char[-1] + self.whitespace[-1]:
            return -1
        return bisect.bisect_right(self.idx, char) - 1

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
        start, prev = None, -1
        for i in itertools.compress(range(self.n), map((2).__ne__, iob)):  # O tokens only close an open entity
            if start is not None and i != prev + 1:
                out.append((start, prev + 1, types[start]))  # closed by the O right after it
                start = None
            if start is not None and iob[i] != 1:  # I = 1, O = 2, B = 3, unset = 0
                out.append((start, i, types[start]))
                start = None
            if iob[i] == 3 and types[i]:  # a B without a type closes, like doc.ents
                start = i
            elif iob[i] != 1:
                start = None
            prev = i
        if start is not None:
            out.append((start, prev + 1, types[start]))
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

        One scan of the column (decoded once per article); the answer is kept per (column, values), so passes
        asking the same question share it."""
        values = (values,) if isinstance(values, str) else values
        if not isinstance(values, (frozenset, tuple)):  # a set or list: not a key
            return self._positions(column, values)
        key = (column, values)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._positions(column, values)
        return list(found)

    def _positions(self, column: str, values) -> list[int]:
        return list(itertools.compress(range(self.n), map(values.__contains__, getattr(self, column))))

    def first_at(self, char: int) -> int:
        """The first token whose Doc offset is >= `char` (`n` when none)."""
        return bisect.bisect_left(self.idx, char)

    def span_at(self, lo: int, hi: int) -> range:
        """Token numbers whose Doc offset lies in [lo, hi)."""
        return range(bisect.bisect_left(self.idx, lo), bisect.bisect_left(self.idx, hi))
