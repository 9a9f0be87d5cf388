"""Result dataclasses and their JSON form (the contract in DESIGN.md)."""
from __future__ import annotations

import hashlib
from copy import deepcopy
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 3  # 2: numbers carry their source (statement_id, stated_by, ...); 3: bound, change, per_unit,
# subunit, AGE; a statement is its whole attributed clause, its words in quotation marks are `quoted` sub-spans

QUOTE_KINDS = ("direct", "partial", "indirect")
NUMBER_LABELS = ("MONEY", "PERCENT", "CARDINAL", "QUANTITY", "AGE", "DATE")


@dataclass
class Span:
    """A `[start, end)` slice of the article text."""

    start: int
    end: int
    text: str


@dataclass
class Segment:
    """A hard-bounded piece of the article: headline, dateline, standfirst, paragraph, caption."""

    start: int
    end: int
    kind: str


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    text: str
    label: str = ""  # the label the model gave this mention
    sentence: int = -1  # index into Analysis.sentences


@dataclass
class Entity:
    """One real-world thing, with every mention of it."""

    id: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    first_start: int = 0
    in_headline: bool = False
    n_quotes: int = 0  # statements attributed to it
    n_numbers: int = 0  # numeric facts about it
    salience: float = 0.0


@dataclass
class Quote:
    """An attributed statement: direct, partial or indirect (reported) speech."""

    id: str
    text: str
    start: int
    end: int
    kind: str  # direct | partial | indirect
    speaker: str | None = None  # canonical name
    speaker_mention: Span | None = None  # span the speaker was read from, e.g. "he"
    speaker_entity_id: str | None = None
    cue: str | None = None  # cue lemma (say, tell, according to, ...); "—" or ":": a name after a dash, before a colon
    cue_span: Span | None = None
    sentence: int = -1
    quoted: list[Span] = field(default_factory=list)  # the words in quotation marks inside the statement


@dataclass
class NumberFact:
    """A numeric claim: money, percentage, count, quantity or date."""

    id: str
    text: str
    start: int
    end: int
    label: str  # MONEY | PERCENT | CARDINAL | QUANTITY | AGE | DATE
    value: float | None = None
    unit: str | None = None  # ISO 4217 code for money; unit symbol or name; counted noun lemma ("worker"); age: year
    approximate: bool = False
    date: str | None = None  # ISO: 2026-01-08, 2025-12, 2026
    low: float | None = None  # ranges: "$10-12 billion"
    high: float | None = None
    scale: str | None = None  # thousand, million, billion, ...
    qualifier: str | None = None  # about, nearly, more than, up to, ...
    date_resolved: bool = False  # a relative date resolved against the published date
    subject: str | None = None  # the entity the fact is about
    subject_entity_id: str | None = None
    measure: str | None = None  # what is measured: spend, increase, demand
    usd_value: float | None = None
    usd_source: str | None = None  # "article" (stated equivalence) or "reference rate <date>"
    equivalent_of: str | None = None  # id of a fact stating the same amount
    sentence: int = -1
    period: str | None = None  # ISO date the amount refers to, read from a date in its clause ("in 2026")
    period_of: str | None = None  # id of the DATE fact the period was read from
    # who states it (newslens.claims); all None = the article's own voice
    statement_id: str | None = None  # the statement whose span (or attribution) carries the fact
    stated_by: str | None = None  # that statement's speaker, canonical name
    stated_by_entity_id: str | None = None
    stated_in: str | None = None  # "statement" (what the source says) | "attribution" (how it is named)
    bound: str | None = None  # lower ("more than", "at least"), upper ("up to", "less than") or approximate ("about")
    change: str | None = None  # up ("rose 5%", "a rise of") or down ("fell by 3 points", "a drop of $3bn")
    per_unit: str | None = None  # a rate's denominator: "barrel" in "US$61.10 per barrel", "hour" in "$20 an hour"
    subunit: str | None = None  # the stated sub-unit of money: "cent" in "50 cents" (value 0.5 in the main unit)
    subunit_value: float | None = None  # the number as stated in that sub-unit: 50


@dataclass
class Article:
    """The article as read, with its metadata."""

    title: str
    published: str | None  # ISO date
    source: str | None
    text: str
    sha256: str
    slug: str | None = None
    url: str | None = None
    segments: list[Segment] = field(default_factory=list)


@dataclass
class PipelineInfo:
    model: str
    model_version: str
    spacy_version: str
    newslens_version: str
    corrections_sha256: str = ""  # the entity corrections applied, "" for none


@dataclass
class Analysis:
    """Everything News Lens knows about one article."""

    article: Article
    pipeline: PipelineInfo
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[NumberFact] = field(default_factory=list)
    sentences: list[Segment] = field(default_factory=list)  # kind = segment index as str
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, field order as in the contract."""
        d = _asdict(self)
        return {
            "schema_version": d["schema_version"],
            "article": d["article"],
            "pipeline": d["pipeline"],
            "entities": d["entities"],
            "quotes": d["quotes"],
            "numbers": d["numbers"],
            "sentences": d["sentences"],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        """Inverse of `to_dict`; raises SchemaError on a malformed document."""
        try:
            art = dict(d["article"])
            art["segments"] = [Segment(**s) for s in art.get("segments", [])]
            return cls(
                schema_version=int(d["schema_version"]),
                article=_build(Article, art),
                pipeline=_build(PipelineInfo, d["pipeline"]),
                entities=[
                    _build(Entity, {**e, "mentions": [_build(Mention, m) for m in e.get("mentions", [])]})
                    for e in d.get("entities", [])
                ],
                quotes=[
                    _build(
                        Quote,
                        {
                            **q,
                            "speaker_mention": _span(q.get("speaker_mention")),
                            "cue_span": _span(q.get("cue_span")),
                            "quoted": [_span(x) for x in q.get("quoted", [])],
                        },
                    )
                    for q in d.get("quotes", [])
                ],
                numbers=[_build(NumberFact, n) for n in d.get("numbers", [])],
                sentences=[_build(Segment, s) for s in d.get("sentences", [])],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SchemaError(f"malformed analysis: {exc!r}") from exc


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _asdict(obj):
    """`dataclasses.asdict` without its deep copies of immutable leaves (same result, several times faster)."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    if hasattr(cls, "__dataclass_fields__"):
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
        return {n: _asdict(getattr(obj, n)) for n in names}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return cls(*[_asdict(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return cls(_asdict(v) for v in obj)
    if isinstance(obj, dict):
        return cls((_asdict(k), _asdict(v)) for k, v in obj.items())
    return deepcopy(obj)


class SchemaError(ValueError):
    """A processed document that does not fit the schema."""


def sha256_text(text: str) -> str:
    """Hex sha256 of the UTF-8 text (`Article.sha256`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span(d: dict | None) -> Span | None:
    return None if d is None else Span(int(d["start"]), int(d["end"]), str(d["text"]))


_BUILD_NAMES: dict[type, frozenset[str]] = {}


def _build(cls, d: dict):
    names = _BUILD_NAMES.get(cls)
    if names is None:
        names = _BUILD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    return cls(**{k: v for k, v in d.items() if k in names})


def iter_spans(analysis: Analysis):
    """Every (where, start, end, text) triple in the analysis, for offset checks."""
    for e in analysis.entities:
        for m in e.mentions:
            yield ("mention", m.start, m.end, m.text)
    for q in analysis.quotes:
        yield ("quote", q.start, q.end, q.text)
        for s in (q.speaker_mention, q.cue_span, *q.quoted):
            if s is not None:
                yield ("quote-part", s.start, s.end, s.text)
    for n in analysis.numbers:
        yield ("number", n.start, n.end, n.text)


# ---------------------------------------------------------------- checking a document read from disk


def document_problem(doc: dict) -> str | None:
    """Why a processed document that parsed as JSON cannot be shown (wrong types, spans off the text), or None."""
    def is_int(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def opt(v, t) -> bool:
        return v is None or (isinstance(v, t) and not isinstance(v, bool))

    try:
        art = doc["article"]
        text = art["text"]
        if not isinstance(text, str) or not isinstance(art.get("title"), str):
            return "article text and title must be strings"
        if not all(opt(art.get(k), str) for k in ("published", "source", "url", "slug")):
            return "article published/source/url must be strings or null"
        if not isinstance(doc["pipeline"].get("model"), str):
            return "pipeline.model must be a string"
        lists = {k: doc.get(k, []) for k in ("entities", "quotes", "numbers", "sentences")}
        bad = [k for k, v in lists.items() if not isinstance(v, list) or not all(isinstance(x, dict) for x in v)]
        if bad:
            return f"{bad[0]} must be a list of objects"

        def span(where: str, s) -> str | None:
            if not isinstance(s, dict):
                return f"{where} is not an object"
            a, b = s.get("start"), s.get("end")
            if not (is_int(a) and is_int(b) and 0 <= a <= b <= len(text)):
                return f"{where} has offsets {a!r}–{b!r} outside the article text (0–{len(text)})"
            if "text" in s and s["text"] != text[a:b]:
                return f"{where} text {str(s['text'])[:40]!r} does not match the article at {a}–{b}"
            return None

        for e in lists["entities"]:
            if not isinstance(e.get("id"), str) or not isinstance(e.get("name"), str) or not isinstance(e.get("label"), str):
                return "an entity lacks a string id, name or label"
            if not isinstance(e.get("mentions", []), list) or not isinstance(e.get("aliases", []), list):
                return f"entity {e['id']}: mentions and aliases must be lists"
            if not all(isinstance(a, str) for a in e.get("aliases", [])):
                return f"entity {e['id']}: aliases must be strings"
            if not all(opt(e.get(k), (int, float)) for k in ("salience", "n_quotes", "n_numbers", "first_start")):
                return f"entity {e['id']}: salience and counts must be numbers"
            for m in e.get("mentions", []):
                why = span(f"a mention of entity {e['id']}", m)
                if why:
                    return why
        for q in lists["quotes"]:
            if not isinstance(q.get("id"), str) or q.get("kind") not in QUOTE_KINDS:
                return f"quote {q.get('id')!r}: kind must be one of {', '.join(QUOTE_KINDS)}"
            if not all(opt(q.get(k), str) for k in ("speaker", "speaker_entity_id", "cue")):
                return f"quote {q['id']}: speaker and cue must be strings or null"
            for where, s in ((f"quote {q['id']}", q), (f"quote {q['id']} speaker", q.get("speaker_mention")),
                             (f"quote {q['id']} cue", q.get("cue_span"))):
                why = span(where, s) if s is not None else None
                if why:
                    return why
        for n in lists["numbers"]:
            if not isinstance(n.get("id"), str) or n.get("label") not in NUMBER_LABELS:
                return f"number {n.get('id')!r}: label must be one of {', '.join(NUMBER_LABELS)}"
            if not all(opt(n.get(k), (int, float)) for k in ("value", "low", "high", "usd_value", "subunit_value")):
                return f"number {n['id']}: value, low, high and usd_value must be numbers or null"
            if not all(opt(n.get(k), str) for k in ("unit", "date", "scale", "qualifier", "subject", "measure",
                                                     "subject_entity_id", "usd_source", "equivalent_of", "bound",
                                                     "change", "per_unit", "subunit",
                                                     "statement_id", "stated_by", "stated_by_entity_id", "stated_in")):
                return f"number {n['id']}: unit, date, qualifier, subject and ids must be strings or null"
            why = span(f"number {n['id']}", n)
            if why:
                return why
        for i, s in enumerate(lists["sentences"]):
            why = span(f"sentence {i}", s)
            if why:
                return why
    except (KeyError, TypeError, AttributeError) as exc:
        return f"malformed ({exc.__class__.__name__}: {str(exc)[:80]})"
    return None
