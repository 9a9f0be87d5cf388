"""What the Overview marks in the article text, and what it outlines (pure: analysis in, marks out)."""
from __future__ import annotations

from .highlight import Mark, quote_marks
from .theme import legend_items, number_name, type_name

UNATTRIBUTED = "(unattributed)"


def _hit(needle: str, *fields) -> bool:
    return any(needle in str(x).lower() for x in fields if x)


def overview_marks(doc: dict, *, labels=(), speakers=(), search: str = "", entities: bool = True,
                   quotes: bool = True, numbers: bool = True) -> tuple[list[Mark], list[tuple[str, str]]]:
    """Marks for the chosen layers and the legend of their colours.

    Outlined (focus) is what matches every active sidebar filter that applies to it: a statement must be
    by a chosen speaker and contain the search words (in its text, speaker or cue); a name or number must
    contain the search words and, when speakers are chosen, be the speaker or sit inside one of their
    statements. Without a search or speaker nothing is outlined.
    """
    needle = (search or "").strip().lower()
    chosen = set(speakers or ())
    active = bool(needle or chosen)
    text = doc["article"]["text"]
    marks: list[Mark] = []
    said: list[tuple[int, int]] = []  # spans of the chosen speakers' statements
    if quotes:
        for q in doc["quotes"]:
            speaker = q.get("speaker") or UNATTRIBUTED
            if chosen and speaker not in chosen:
                continue
            said.append((q["start"], q["end"]))
            hit = active and (not needle or _hit(needle, q.get("text"), speaker, q.get("cue")))
            tip = f"{q['kind'].capitalize()} quote · {speaker}" + (f" · {q['cue']}" if q.get("cue") else "")
            marks += quote_marks(q, tip, focus=hit)  # the clause, and its quoted words inside it

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in said)

    used_labels: list[str] = []
    if entities:
        for e in doc["entities"]:
            if labels and e["label"] not in labels:
                continue
            used_labels.append(e["label"])
            names = [e["name"], *e.get("aliases", [])]
            for m in e["mentions"]:
                hit = active and (not needle or _hit(needle, *names)) and (
                    not chosen or e["name"] in chosen or inside(m["start"], m["end"]))
                marks.append(Mark(m["start"], m["end"], "entity", e["label"],
                                  f"{e['name']} · {type_name(e['label'])}", focus=hit))
    if numbers:
        for n in doc["numbers"]:
            span = text[n["start"]:n["end"]]
            hit = active and (not needle or _hit(needle, span)) and (not chosen or inside(n["start"], n["end"]))
            marks.append(Mark(n["start"], n["end"], "number", n["label"], f"{span} · {number_name(n['label'])}",
                              focus=hit))
    legend = legend_items(type_labels=sorted(set(used_labels)), quotes=quotes, numbers=numbers,
                          focus=any(m.focus for m in marks))
    return marks, legend
