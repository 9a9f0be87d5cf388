"""Person mentions of the article, their genders and full names (for speaker resolution)."""
from __future__ import annotations

from .vocab import (
    DIRECT_ONLY_LEMMAS, FEMALE_NAMES, FEMALE_NOUNS, FEMALE_TITLES, HONORIFICS, HUMAN_NOUNS, HUMAN_VERBS,
    MALE_NAMES, MALE_NOUNS, MALE_TITLES, ORG_WORDS, SPEECH_LEMMAS,
)
from .context import Ctx
from .syntax import is_name, name_chain, name_range, np_range, strip_titles


def collect_persons(ctx: Ctx) -> None:
    """Person mentions in text order (from the parser and the entities passed in), with genders."""
    seen = set()
    items = []
    for seg in ctx.parsed.segments:
        t = seg.table
        for a, b, label in t.ents:
            if label != "PERSON":
                continue
            s = seg.start + t.idx[a]
            e = seg.start + t.end_char[b - 1]
            items.append((s, e, strip_titles(t.span_text(a, b))))
            seen.add((s, e))
            gender_from_context(ctx, t, a, b)
    for ent in ctx.entities:
        if getattr(ent, "label", "") != "PERSON":
            continue
        for m in getattr(ent, "mentions", []) or []:
            if (m.start, m.end) not in seen and 0 <= m.start < m.end <= len(ctx.text):
                items.append((m.start, m.end, strip_titles(ctx.text[m.start:m.end])))
                seen.add((m.start, m.end))
    items = [(s, e, n) for s, e, n in items if n and not ctx.in_region(s)]
    items.sort()
    ctx.persons = items


def gender_from_context(ctx: Ctx, t, a: int, b: int) -> None:
    """The gender of the person entity [a, b) of table `t`, from a title, a gendered noun or a given name."""
    text = t.span_text(a, b)
    low = t.lower
    name = strip_titles(text)
    g = None
    if a > 0 and low[a - 1] in MALE_TITLES:
        g = "m"
    elif a > 0 and low[a - 1] in FEMALE_TITLES:
        g = "f"
    first = text.split()[0].lower().rstrip(".")
    if g is None and first in MALE_TITLES:
        g = "m"
    if g is None and first in FEMALE_TITLES:
        g = "f"
    if g is None:
        root = t.root(a, b)
        for c in [*t.children[root], t.head[root], *range(max(0, a - 3), a)]:
            if low[c] in MALE_NOUNS:
                g = "m"
            elif low[c] in FEMALE_NOUNS:
                g = "f"
    if g is None:
        given = name.split()[0].lower() if name.split() else ""
        if given in MALE_NAMES:
            g = "m"
        elif given in FEMALE_NAMES:
            g = "f"
    if g is not None:
        full = full_name(ctx, name, None)
        ctx.genders.setdefault(full, g)
        ctx.genders.setdefault(name, g)


def weak_persons(ctx: Ctx, before: int) -> list[tuple[int, int, str]]:
    """Names the parser did not tag as people but that are subjects of a speech or human verb."""
    found = ctx.memo.get("weak_persons")
    if found is None:
        found = ctx.memo["weak_persons"] = _weak_persons(ctx)
    return [p for off, p in found if off < before]


def _weak_persons(ctx: Ctx) -> list[tuple[int, tuple[int, int, str]]]:
    """(offset of the subject, person) for every weak person of the article, in text order."""
    out = []
    for seg in ctx.parsed.segments:
        table = seg.table
        lemma, pos, ents = table.lemma_lower, table.pos, table.ent_type
        for i in table.positions("dep", "nsubj"):
            if pos[i] != "PROPN" or ents[i] not in ("", "ORG", "PERSON"):
                continue
            lem = lemma[table.head[i]]
            if lem not in SPEECH_LEMMAS and lem not in HUMAN_VERBS and lem not in DIRECT_ONLY_LEMMAS:
                continue
            off = seg.start + table.idx[i]
            a, b = name_range(table, i)
            if any(table.lower[x] in ORG_WORDS for x in range(a, b)) or ctx.in_region(off):
                continue
            s = seg.start + table.idx[a]
            chain = table.span_text(a, b)
            out.append((off, (s, s + len(chain), strip_titles(chain))))
    return out


def full_name(ctx: Ctx, name: str, before: int | None) -> str:
    """'Wei' -> 'Wei Shaojun', 'Mr Huang' -> 'Huang' unless a full name with that surname is given."""
    name = strip_titles(name)
    words = name.split()
    if len(words) != 1:
        return name
    w = words[0]
    best = None
    for s, full, parts in person_words(ctx):
        if len(parts) < 2 or not (parts[-1] == w or parts[0] == w):
            continue
        if before is None or s < before:
            best = full  # the latest full name before the mention
        elif best is None:
            best = full
            break
    return best or name


def is_person_like(ctx: Ctx, tok) -> bool:
    if tok.ent_type_ == "PERSON":
        return True
    if tok.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "ORG"):
        name = strip_titles(name_chain(tok).text)
        return any(parts[-1] == name or full == name for _, full, parts in person_words(ctx))
    return is_name(tok) and any(t.lower_ in HONORIFICS for t in name_chain(tok))


def described_people(ctx: Ctx, before: int) -> list[tuple[int, int, str, bool]]:
    """Singular subjects described by a role ('The head of the Met Office warned ...')."""
    found = ctx.memo.get("described_people")
    if found is None:
        found = ctx.memo["described_people"] = _described_people(ctx)
    return [p for off, p in found if off < before]


def _described_people(ctx: Ctx) -> list[tuple[int, tuple[int, int, str, bool]]]:
    """(offset of the subject, person) for every described person of the article, in text order."""
    out = []
    for seg in ctx.parsed.segments:
        table = seg.table
        pos, tag, lemma, ents = table.pos, table.tag, table.lemma_lower, table.ent_type
        for i in table.positions("dep", "nsubj"):
            off = seg.start + table.idx[i]
            if pos[i] == "NOUN" and tag[i] == "NN" and lemma[i] in HUMAN_NOUNS \
                    and not ctx.in_region(off) and not any(ents[c] == "PERSON" for c in table.children[i]):
                a, b = np_range(table, i)
                s = seg.start + table.idx[a]
                e = seg.start + table.end_char[b - 1]
                out.append((off, (s, e, ctx.text[s:e], True)))
    return out


def surname_word(ctx: Ctx, tok) -> bool:
    """A capitalised word the tagger read as a verb or adjective that is the surname of a person named
    earlier ("Will said" after "John Will", "May said" after "Theresa May")."""
    if tok.pos_ == "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha:
        return False
    if tok.ent_type_ == "PERSON" and tok.pos_ in ("AUX", "VERB") and tok.i + 1 < len(tok.doc) \
            and tok.doc[tok.i + 1].head.i == tok.head.i == tok.i + 1:
        return True  # "“…,” May said": the entity recogniser knows the name the tagger took for a modal
    before = ctx.off(tok)
    return any(s < before and parts[-1] == tok.text and len(parts) > 1 for s, _, parts in person_words(ctx))


def person_words(ctx: Ctx) -> list[tuple[int, str, list[str]]]:
    """(start, name, its words) of every person mention (`ctx.persons`), split once per article."""
    got = ctx.memo.get("person_words")
    if got is None or got[0] is not ctx.persons:
        got = ctx.memo["person_words"] = (ctx.persons, [(s, full, full.split()) for s, _, full in ctx.persons])
    return got[1]
