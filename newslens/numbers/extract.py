"""extract_numbers: the candidates of every segment, as NumberFacts with their meaning linked."""
from __future__ import annotations

from ..parsed import ParsedArticle
from ..schema import Entity, NumberFact
from .candidates import _Cand, _root_index, segment_candidates
from .currency import yen_or_yuan
from .meaning import EntityIndex, change_of, clean, link_equivalents, link_periods, measure_of, subject_of, usd_values
from .offsets import overlapping
from .vocab import QUALIFIER_BOUND


def extract_numbers(parsed: ParsedArticle, entities: list[Entity], *, published: str | None = None) -> list[NumberFact]:
    """Every numeric fact of the article, in text order, with value, unit, date, subject and USD value."""
    text = parsed.text
    index = EntityIndex(entities or [], parsed)
    yen_code = yen_or_yuan(text) if "¥" in text else "JPY"  # read only for a bare ¥ in an amount
    facts: list[NumberFact] = []
    meta: list[tuple[NumberFact, _Cand, object]] = []
    for seg in parsed.segments:
        doc = seg.doc
        table = seg.table
        # the Doc's text is the article's text between the segment's offsets (the offsets below rely on it too)
        cands = segment_candidates(table, text[seg.start:seg.end], published, yen_code)
        for c in cands:
            start, end = seg.start + c.start, seg.start + c.end
            f = NumberFact(id="", text=text[start:end], start=start, end=end, label=c.label,
                           sentence=parsed.sentence_index(start), qualifier=c.qualifier, approximate=c.approximate)
            if c.label == "DATE":
                f.date, f.date_resolved = c.date, c.date_resolved
            else:
                a = c.amt
                f.value, f.unit, f.scale = clean(a.value), a.unit, a.scale
                f.low, f.high = clean(a.low), clean(a.high)
                f.per_unit, f.subunit, f.subunit_value = a.per_unit, a.subunit, clean(a.subunit_value)
                if a.qualifier:
                    f.approximate = True
            f.bound = QUALIFIER_BOUND.get(f.qualifier or "")
            span = overlapping(table, c.start, c.end)  # the fact's tokens
            root = c.noun.i if c.noun is not None else _root_index(table, span)
            if root is not None:
                num_root = _root_index(table, [k for k in span if c.noun is None or k != c.noun.i])
                num_root = doc[root if num_root is None else num_root]
                ent = subject_of(table, root, seg.start, index, start, set(span))
                if ent is not None:
                    f.subject, f.subject_entity_id = ent.name, ent.id
                if c.label == "DATE":
                    f.measure = c.noun.lemma_.lower() if c.noun is not None else None
                elif c.noun is not None:
                    f.measure = c.noun.lemma_.lower()
                    if c.label == "CARDINAL":
                        f.unit = f.measure  # a counted thing: "12,500 workers" counts workers
                else:
                    f.measure = measure_of(num_root)
                if c.label != "DATE":
                    f.change = change_of(doc, span[0], num_root, text[start:end])
            facts.append(f)
            meta.append((f, c, (table, root)))
    facts_sorted = sorted(zip(facts, meta), key=lambda x: x[0].start)
    facts = [f for f, _ in facts_sorted]
    meta = [m for _, m in facts_sorted]
    for i, f in enumerate(facts, 1):
        f.id = f"n{i}"
    link_equivalents(facts, text)
    link_periods(facts, meta)
    usd_values(facts, published)
    return facts


