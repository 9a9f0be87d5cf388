"""Quotes: direct quotations in straight or curly marks, with the nearest speaker."""
from __future__ import annotations

import re

from .entities import entity_for_name
from .schema import Quote, Span

SPEECH_LEMMAS = {"say", "tell", "add", "state", "insist", "claim", "report", "note", "explain", "argue",
                 "write", "concede", "admit", "warn", "reply", "ask"}
PRONOUNS = {"he", "she", "they", "i", "we"}
# an opening mark at a word start, a closing mark after the content; apostrophes never match
QUOTE_RE = re.compile(r'(?:(?<=^)|(?<=[\s(\[—–-]))(?:“(?P<c>[^”“\n]+)”|"(?P<s>[^"\n]+)")')


def extract_quotes(parsed, entities) -> list[Quote]:
    """Each direct quote with the subject of the nearest speech verb, resolved to an entity."""
    text = parsed.text
    quotes: list[Quote] = []
    for m in QUOTE_RE.finditer(text):
        grp = "c" if m.group("c") is not None else "s"
        start, end = m.start(grp), m.end(grp)
        content = text[start:end].strip()
        if len(content.split()) < 3:  # titles and scare quotes are not statements
            continue
        end = start + len(text[start:end].rstrip())
        speaker, cue = _speaker(parsed, start, end)
        name = speaker
        if speaker is not None and speaker.text.lower() in PRONOUNS:
            name = _previous_person(parsed, entities, speaker.start)
        ent = entity_for_name(entities, name if isinstance(name, str) else (name.text if name else None))
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                text=text[start:end],
                start=start,
                end=end,
                kind="direct",
                speaker=ent.name if ent else (name if isinstance(name, str) else (name.text if name else None)),
                speaker_mention=speaker,
                speaker_entity_id=ent.id if ent else None,
                cue=cue.lemma_ if cue is not None else None,
                cue_span=Span(parsed.offset(cue), parsed.offset(cue) + len(cue.text), cue.text) if cue is not None else None,
                sentence=parsed.sentence_index(start),
            )
        )
    return quotes


def _speaker(parsed, start: int, end: int):
    """The nominal subject of a speech verb in the quote's sentence (outside the quote)."""
    i = parsed.sentence_index(start)
    for j in (i, i + 1, i - 1):
        if not 0 <= j < len(parsed.sentences):
            continue
        for tok in parsed.sentences[j]:
            off = parsed.offset(tok)
            if start <= off < end or tok.lemma_ not in SPEECH_LEMMAS:
                continue
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    s = parsed.offset(child)
                    ent_span = _compound(child)
                    s = parsed.offset(ent_span[0])
                    e = parsed.offset(ent_span[-1]) + len(ent_span[-1].text)
                    return Span(s, e, parsed.text[s:e]), tok
    return None, None


def _compound(tok):
    toks = [tok]
    for left in reversed(list(tok.lefts)):
        if left.dep_ in ("compound", "flat") and left.i == toks[0].i - 1:
            toks.insert(0, left)
    return toks


def _previous_person(parsed, entities, before: int) -> str | None:
    best = None
    for e in entities:
        if e.label != "PERSON":
            continue
        for m in e.mentions:
            if m.start < before and (best is None or m.start > best[0]):
                best = (m.start, e.name)
    return best[1] if best else None
