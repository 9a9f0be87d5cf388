"""Links: finding an entity by a name, salience from quotes and numbers, co-occurrence in sentences."""
from __future__ import annotations

from collections import Counter, defaultdict

from ..schema import Entity
from .names import canonical_key, norm_name


def entity_for_name(entities: list[Entity], name: str | None) -> Entity | None:
    """The entity whose name or alias is `name` (folded), else the person `name` is the surname of."""
    if not name:
        return None
    key = norm_name(name)
    if not key:
        return None
    for e in entities:
        if norm_name(e.name) == key or any(norm_name(a) == key for a in e.aliases):
            return e
    for e in entities:
        ck = canonical_key(name, e.label)
        if canonical_key(e.name, e.label) == ck or any(canonical_key(a, e.label) == ck for a in e.aliases):
            return e
    if " " not in key:
        people = [e for e in entities if e.label == "PERSON" and " " in e.name]
        for pick in (-1, 0):
            hits = [e for e in people if norm_name(e.name).split()[pick] == key]
            if len(hits) == 1:
                return hits[0]
    return None


def apply_salience(entities, quotes, numbers, parsed) -> None:
    """Count quotes and numeric facts per entity and score salience in [0, 1]."""
    by_id = {e.id: e for e in entities}
    for e in entities:
        e.n_quotes = 0
        e.n_numbers = 0
    for q in quotes:
        ent = by_id.get(q.speaker_entity_id) or entity_for_name(entities, q.speaker)
        if ent is not None:
            ent.n_quotes += 1
    for n in numbers:
        ent = by_id.get(getattr(n, "subject_entity_id", None)) or entity_for_name(entities, getattr(n, "subject", None))
        if ent is not None:
            ent.n_numbers += 1
    n_chars = max(len(parsed.text), 1)
    max_m = max((len(e.mentions) for e in entities), default=1) or 1
    max_q = max((e.n_quotes for e in entities), default=0) or 1
    max_n = max((e.n_numbers for e in entities), default=0) or 1
    for e in entities:
        position = 1.0 - min(e.first_start, n_chars) / n_chars
        score = (0.4 * len(e.mentions) / max_m + 0.2 * e.in_headline + 0.15 * position
                 + 0.15 * e.n_quotes / max_q + 0.1 * e.n_numbers / max_n)
        e.salience = round(min(max(score, 0.0), 1.0), 4)


def cooccurrence(analysis_or_entities, *, min_count: int = 1) -> list[tuple[str, str, int]]:
    """(id_a, id_b, number of sentences naming both), most frequent first; id_a < id_b in entity order."""
    entities = getattr(analysis_or_entities, "entities", analysis_or_entities)
    order = {e.id: i for i, e in enumerate(entities)}
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            if m.sentence >= 0:
                by_sentence[m.sentence].add(e.id)
    pairs: Counter = Counter()
    for ids in by_sentence.values():
        ids = sorted(ids, key=order.get)
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                pairs[(ids[x], ids[y])] += 1
    out = [(a, b, n) for (a, b), n in pairs.items() if n >= min_count]
    out.sort(key=lambda t: (-t[2], order[t[0]], order[t[1]]))
    return out
