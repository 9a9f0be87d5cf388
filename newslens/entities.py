"""Entities: spaCy's mentions grouped into one canonical entity per real-world thing."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .schema import Entity, Mention

NUMERIC_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME", "ORDINAL"}
PRODUCT_CODE = re.compile(r"^[A-Z]{1,4}\d{1,4}[A-Za-z]?$")
ALIASES = {"US": "United States", "U.S.": "United States", "USA": "United States", "UK": "United Kingdom"}


def _norm(text: str) -> str:
    text = re.sub(r"[’']s?$", "", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return ALIASES.get(text, text)


def iter_mentions(parsed):
    """(start, end, text, label, sentence) for each named mention; product codes relabelled."""
    for seg in parsed.segments:
        for ent in seg.doc.ents:
            label = ent.label_
            if label == "CARDINAL" and PRODUCT_CODE.match(ent.text):
                label = "PRODUCT"
            if label in NUMERIC_LABELS:
                continue
            start = seg.start + ent.start_char
            txt = ent.text
            if txt.lower().startswith("the "):
                start, txt = start + 4, txt[4:]
            poss = re.search(r"[’']s?$", txt)
            if poss:
                txt = txt[: poss.start()]
            if not txt.strip():
                continue
            yield start, start + len(txt), txt, label, parsed.sentence_index(start)


def extract_entities(parsed, *, corrections=None) -> list[Entity]:
    """Group mentions by normalised name; surnames join the full name given earlier."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    person_full: dict[str, str] = {}
    for start, end, txt, label, sent in iter_mentions(parsed):
        key = _norm(txt)
        if label == "PERSON" and " " in key:
            person_full.setdefault(key.split()[-1], key)
            person_full.setdefault(key.split()[0], key)
        elif key in person_full:
            key = person_full[key]
        groups[key].append(Mention(start, end, parsed.text[start:end], label, sent))
    entities = []
    for key, mentions in groups.items():
        label = Counter(m.label for m in mentions).most_common(1)[0][0]
        aliases = sorted({m.text for m in mentions} - {key})
        entities.append(Entity(id="", name=key, label=label, aliases=aliases, mentions=mentions,
                               first_start=mentions[0].start))
    entities.sort(key=lambda e: e.first_start)
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    headline = [s for s in parsed.segments if s.kind == "headline"]
    for e in entities:
        e.in_headline = any(s.start <= m.start < s.end for s in headline for m in e.mentions)
    return entities


def entity_for_name(entities: list[Entity], name: str | None) -> Entity | None:
    """The entity whose name or alias equals `name` (after normalisation)."""
    if not name:
        return None
    key = _norm(name)
    for e in entities:
        if e.name == key or key in e.aliases or name in e.aliases:
            return e
    return None


def apply_salience(entities, quotes, numbers, parsed) -> None:
    """Count quotes and numbers per entity and score salience in [0, 1]."""
    by_id = {e.id: e for e in entities}
    for q in quotes:
        if q.speaker_entity_id in by_id:
            by_id[q.speaker_entity_id].n_quotes += 1
    for n in numbers:
        if n.subject_entity_id in by_id:
            by_id[n.subject_entity_id].n_numbers += 1
    n_chars = max(len(parsed.text), 1)
    raw = {}
    for e in entities:
        position = 1.0 - e.first_start / n_chars
        raw[e.id] = len(e.mentions) + 2.0 * e.in_headline + 1.5 * e.n_quotes + 0.5 * e.n_numbers + position
    top = max(raw.values(), default=1.0) or 1.0
    for e in entities:
        e.salience = round(raw[e.id] / top, 4)
