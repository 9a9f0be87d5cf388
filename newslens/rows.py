"""One article's rows of the dashboard's five tables, and the keys that join an entity across articles.

Pure Python over processed documents (dicts): workers call `fresh_rows` beside the JSON they make, and
`index` assembles the rows into pandas frames.
"""
from __future__ import annotations

from types import SimpleNamespace

from .entities import canonicalise_corpus

CONTEXT_CHARS = 80


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """A one-line snippet around [start, end) with the span in ⟦ ⟧."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    pre = ("…" if lo > 0 else "") + text[lo:start]
    post = text[end:hi] + ("…" if hi < len(text) else "")
    return " ".join(f"{pre}⟦{text[start:end]}⟧{post}".split())


FRAME_COLUMNS = {
    "articles": ["article", "title", "published", "source", "words", "entities", "quotes", "numbers", "model"],
    "entities": ["article", "id", "name", "label", "mentions", "salience", "aliases", "in_headline", "quotes",
                 "numbers", "first_start", "context", "corpus_key", "corpus_name"],
    "mentions": ["article", "entity_id", "name", "label", "start", "end", "text", "sentence", "context"],
    "quotes": ["article", "id", "speaker", "kind", "cue", "text", "start", "end", "speaker_mention",
               "speaker_entity_id", "context"],
    "numbers": ["article", "id", "text", "label", "value", "unit", "usd_value", "date", "subject", "qualifier",
                "approximate", "low", "high", "scale", "measure", "bound", "change", "per_unit", "subunit",
                "subunit_value", "start", "end", "context",
                "statement_id", "stated_by", "stated_by_entity_id", "stated_in"],
}


def frame_rows(slug: str, doc: dict) -> dict[str, list[dict]]:
    """One article's rows of the five tables (without the corpus-wide entity keys)."""
    art = doc["article"]
    text = art["text"]
    arts = [{
        "article": slug, "title": art["title"], "published": art.get("published"), "source": art.get("source"),
        "words": len(text.split()), "entities": len(doc["entities"]), "quotes": len(doc["quotes"]),
        "numbers": len(doc["numbers"]), "model": doc["pipeline"]["model"],
    }]
    ents, ments, quotes, nums = [], [], [], []
    names = {e["id"]: e["name"] for e in doc["entities"]}
    for e in doc["entities"]:
        first = e["mentions"][0] if e["mentions"] else {"start": 0, "end": 0}
        ents.append({
            "article": slug, "id": e["id"], "name": e["name"], "label": e["label"],
            "mentions": len(e["mentions"]), "salience": e.get("salience", 0.0),
            "aliases": ", ".join(e.get("aliases", [])), "in_headline": e.get("in_headline", False),
            "quotes": e.get("n_quotes", 0), "numbers": e.get("n_numbers", 0),
            "first_start": first["start"], "context": context(text, first["start"], first["end"]),
        })
        for m in e["mentions"]:
            ments.append({
                "article": slug, "entity_id": e["id"], "name": e["name"], "label": e["label"],
                "start": m["start"], "end": m["end"], "text": m["text"], "sentence": m.get("sentence", -1),
                "context": context(text, m["start"], m["end"]),
            })
    for q in doc["quotes"]:
        sm = q.get("speaker_mention") or {}
        quotes.append({
            "article": slug, "id": q["id"], "speaker": q.get("speaker") or "(unattributed)",
            "kind": q["kind"], "cue": q.get("cue"), "text": q["text"], "start": q["start"], "end": q["end"],
            "speaker_mention": sm.get("text"), "speaker_entity_id": q.get("speaker_entity_id"),
            "context": context(text, q["start"], q["end"], 40),
        })
    for n in doc["numbers"]:
        row = {k: v for k, v in n.items()}
        row.update({"article": slug, "context": context(text, n["start"], n["end"]),
                    "subject": n.get("subject") or names.get(n.get("subject_entity_id"))})
        nums.append(row)
    return {"articles": arts, "entities": ents, "mentions": ments, "quotes": quotes, "numbers": nums}


def fresh_rows(slug: str, doc: dict) -> dict:
    """What `build_index` needs of a document just made: its rows and the sha256 of the text it was made from."""
    return {"sha256": doc["article"]["sha256"], "rows": frame_rows(slug, doc),
            "mentions": entity_mentions({slug: doc})}


def entity_mentions(analyses) -> dict[tuple[str, str], list]:
    """(slug, entity id) -> that entity's mentions, for the corpus-wide keys."""
    return {(slug, e["id"]): e["mentions"] for slug, doc in analyses.items() for e in doc["entities"]}


def add_corpus_keys(rows: list[dict], mentions: dict[tuple[str, str], list]) -> None:
    """Join the same entity across articles ("Apple Inc" here, "Apple" there): corpus_key, corpus_name.

    `rows` are entity rows in corpus order (article by article); `mentions` gives each entity's mentions.
    """
    slugs: list[str] = []
    light: list[SimpleNamespace] = []
    for row in rows:
        if not slugs or slugs[-1] != row["article"]:
            slugs.append(row["article"])
            light.append(SimpleNamespace(entities=[]))
        light[-1].entities.append(SimpleNamespace(id=row["id"], name=row["name"], label=row["label"],
                                                  mentions=mentions.get((row["article"], row["id"]), [])))
    keys = canonicalise_corpus(light)
    index = {s: i for i, s in enumerate(slugs)}
    for row in rows:
        key, name = keys.get((index[row["article"]], row["id"]), (row["name"], row["name"]))
        row["corpus_key"], row["corpus_name"] = key, name or row["name"]


_MISSING = float("nan")  # what pandas puts where a row lacks a column


class Columns:
    """Rows of one table held column by column (one list per column, no dict per row).

    `pandas.DataFrame(columns.data)` equals `pandas.DataFrame(list_of_row_dicts)` (columns in the order
    they first appear, NaN where a row lacks one) at a fraction of the memory and build time."""

    def __init__(self) -> None:
        self.data: dict[str, list] = {}
        self.n = 0

    def extend(self, rows: list[dict]) -> None:
        data = self.data
        for row in rows:
            if row.keys() != data.keys():
                for k in row:
                    if k not in data:
                        data[k] = [_MISSING] * self.n
                for k, col in data.items():
                    col.append(row.get(k, _MISSING))
            else:
                for col, v in zip(data.values(), row.values()):
                    col.append(v)
            self.n += 1


class RowSpool:
    """The index rows of the documents a run has just made (`fresh_rows` of each), as they arrive.

    Held in `Columns` per table, with each document's sha256 and entity mentions, so a long run keeps its
    rows compactly until the index takes them (`index.build_index(fresh=spool)`)."""

    def __init__(self) -> None:
        self.tables = {k: Columns() for k in FRAME_COLUMNS}
        self.sha256: dict[str, str] = {}
        self.mentions: dict[tuple[str, str], list] = {}

    def add(self, slug: str, fresh: dict) -> None:
        """Keep `fresh_rows(slug, doc)`; a slug given again replaces its earlier rows."""
        if slug in self.sha256:
            self._drop(slug)
        self.sha256[slug] = fresh["sha256"]
        for key, part in fresh["rows"].items():
            self.tables[key].extend(part)
        self.mentions.update(fresh["mentions"])

    def _drop(self, slug: str) -> None:
        for key, table in self.tables.items():
            keep = [a != slug for a in table.data.get("article", [])]
            table.data = {k: [v for v, ok in zip(col, keep) if ok] for k, col in table.data.items()}
            table.n = sum(keep)
        self.mentions = {k: v for k, v in self.mentions.items() if k[0] != slug}

    def __contains__(self, slug: str) -> bool:
        return slug in self.sha256

    def __len__(self) -> int:
        return len(self.sha256)

    @classmethod
    def of(cls, fresh: "dict[str, dict] | RowSpool | None") -> "RowSpool":
        """A spool of `fresh` (slug -> fresh_rows, or a spool already)."""
        if isinstance(fresh, RowSpool):
            return fresh
        spool = cls()
        for slug, rows in (fresh or {}).items():
            spool.add(slug, rows)
        return spool
