"""Entities: spaCy's mentions grouped into one canonical, correctly typed entity per real-world thing.

The passes, one module each: `collect` cleans the model's named-entity spans (leading "the", possessives,
titles) and completes them (product codes, credit lines, model numbers, event names); `vote` weighs every
mention's label and context ("Nvidia's ... chips", "chief financial officer Colette Kress", "owner of TikTok",
"Co"/"University" suffixes); `merge` joins mentions (surname -> full name, acronym -> expansion, "Apple" ->
"Apple Inc", "US" -> "United States") and names each group; `names` holds the shared keys and word lists
(from newslens/lexicon/). User corrections are applied by the pipeline after `extract_entities`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..schema import Entity, Mention
from .collect import _collect
from .links import apply_salience, cooccurrence, entity_for_name
from .merge import _choose_name, _merge, _sweep
from .headlines import caps_headlines
from .teams import is_sports_report, team_lines, vote_teams
from .names import (
    NOT_PRODUCT_CODE,
    NUMERIC_LABELS,
    PLACE_ALIASES,
    PRODUCT_CODE,
    _clean,
    _is_name,
    canonical_key,
    canonicalise_corpus,
    norm_name,
    type_word,
)
from .vote import _decide_label, _vote

if TYPE_CHECKING:
    from ..parsed import ParsedArticle

__all__ = [
    "NOT_PRODUCT_CODE", "NUMERIC_LABELS", "PLACE_ALIASES", "PRODUCT_CODE", "apply_salience", "canonical_key",
    "canonicalise_corpus", "cooccurrence", "entity_for_name", "extract_entities", "finish_entities", "norm_name",
    "type_word",
]


def extract_entities(parsed: ParsedArticle) -> list[Entity]:
    """One entity per real-world thing, typed by all its mentions, in text order with ids e1, e2, ..."""
    sports = is_sports_report(parsed)
    cands = team_lines(parsed, caps_headlines(parsed, _collect(parsed)), sports)
    for c in cands:
        _vote(c)
    vote_teams(parsed, cands, sports)
    groups = _merge(parsed, cands)
    _sweep(parsed, groups)
    entities: list[Entity] = []
    for group in groups:
        label = _decide_label(group)
        if label in NUMERIC_LABELS:
            continue
        name = _choose_name(group, label)
        if not _is_name(name.replace("the ", "")):
            continue
        seen, mentions, aliases = set(), [], []
        for c in group:
            if (c.start, c.end) in seen:
                continue
            seen.add((c.start, c.end))
            mentions.append(Mention(c.start, c.end, parsed.text[c.start:c.end], c.label or label,
                                    parsed.sentence_index(c.start)))
            form = _clean(c.text)
            if form != name and form not in aliases:
                aliases.append(form)
        mentions.sort(key=lambda m: m.start)
        entities.append(Entity(id="", name=name, label=label, aliases=aliases, mentions=mentions,
                               first_start=mentions[0].start))
    return finish_entities(entities, parsed)


def finish_entities(entities: list[Entity], parsed: ParsedArticle) -> list[Entity]:
    """Entities in text order with ids e1, e2, ..., first mentions and headline flags set (again after
    corrections changed them)."""
    entities.sort(key=lambda e: (e.first_start, e.name))
    headline = [s for s in parsed.segments if s.kind == "headline"]
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
        e.mentions.sort(key=lambda m: m.start)
        e.first_start = e.mentions[0].start if e.mentions else 0
        e.in_headline = any(s.start <= m.start < s.end for s in headline for m in e.mentions)
    return entities
