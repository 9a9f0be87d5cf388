"""Corpus-wide questions as SQL over `CorpusDB`'s views: aggregated in DuckDB, small results out.

- `trend`: the top entities, speakers or sources, per week or month of publication;
- `entity_matches` / `entity_summary` / `entity_mentions` / `entity_statements` / `entity_numbers`: one
  entity (its corpus-wide key) across every article;
- `search_statements`: statements containing every word of a query (case-insensitive), newest first.

Long results are paged (`limit`, `offset`); counts come from the same filters. No Streamlit here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .corpus_db import CorpusDB

PERIODS = ("week", "month")
KINDS = ("entities", "speakers", "sources")
UNATTRIBUTED = "(unattributed)"


@dataclass
class Scope:
    """The sidebar's filters as they apply to the whole corpus."""

    labels: list[str] = field(default_factory=list)  # entity types
    speakers: list[str] = field(default_factory=list)
    search: str = ""  # words the name (entities, speakers, sources) must contain
    since: str | None = None  # ISO dates bounding `published`
    until: str | None = None


def _words(text: str) -> list[str]:
    return [w for w in (text or "").lower().split() if w][:8]


def _contains_all(column: str, words: list[str]) -> tuple[str, list]:
    if not words:
        return "true", []
    return " AND ".join([f"contains(lower({column}), ?)"] * len(words)), list(words)


def _dates(scope: Scope, column: str = "a.published") -> tuple[str, list]:
    parts, params = [f"try_cast({column} AS DATE) IS NOT NULL"], []
    if scope.since:
        parts.append(f"try_cast({column} AS DATE) >= try_cast(? AS DATE)")
        params.append(scope.since)
    if scope.until:
        parts.append(f"try_cast({column} AS DATE) <= try_cast(? AS DATE)")
        params.append(scope.until)
    return " AND ".join(parts), params


def _in(column: str, values: list[str]) -> tuple[str, list]:
    return (f"{column} IN (SELECT unnest(?))", [list(values)]) if values else ("true", [])


def _items(kind: str, scope: Scope) -> tuple[str, list]:
    """SELECT key, name, weight, published FROM … for one kind of item, filtered."""
    dates, dp = _dates(scope)
    if kind == "entities":
        lab, lp = _in("e.label", scope.labels)
        name, np_ = _contains_all("e.corpus_name", _words(scope.search))
        sql = ("SELECT e.corpus_key AS key, e.corpus_name AS name, e.mentions AS weight, a.published "
               f"FROM entities e JOIN articles a USING (article) WHERE {dates} AND {lab} AND {name}")
        return sql, dp + lp + np_
    if kind == "speakers":
        spk, sp = _in("q.speaker", scope.speakers)
        name, np_ = _contains_all("q.speaker", _words(scope.search))
        sql = ("SELECT q.speaker AS key, q.speaker AS name, 1 AS weight, a.published "
               f"FROM quotes q JOIN articles a USING (article) WHERE {dates} AND q.speaker <> ? AND {spk} AND {name}")
        return sql, dp + [UNATTRIBUTED] + sp + np_
    if kind == "sources":
        name, np_ = _contains_all("a.source", _words(scope.search))
        sql = ("SELECT a.source AS key, a.source AS name, 1 AS weight, a.published "
               f"FROM articles a WHERE {dates} AND a.source IS NOT NULL AND {name}")
        return sql, dp + np_
    raise ValueError(f"kind must be one of {', '.join(KINDS)}")


def trend(db: CorpusDB, kind: str, *, period: str = "month", top: int = 10, scope: Scope | None = None):
    """period, name, weight (mentions, statements or articles) for the `top` items overall, per period."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    items, params = _items(kind, scope or Scope())
    sql = (f"WITH i AS ({items}), "
           "t AS (SELECT key, any_value(name) AS name, sum(weight) AS total FROM i GROUP BY key "
           "ORDER BY total DESC, key LIMIT ?) "
           f"SELECT date_trunc('{period}', try_cast(i.published AS DATE)) AS period, t.name, t.total, "
           "sum(i.weight) AS weight FROM i JOIN t USING (key) GROUP BY 1, 2, 3 ORDER BY period, t.total DESC")
    return db.df(sql, params + [int(top)])


def entity_matches(db: CorpusDB, words: str = "", *, labels: list[str] | None = None, limit: int = 200):
    """corpus_key, name, label, articles, mentions of the most-mentioned entities whose name has every word."""
    name, np_ = _contains_all("corpus_name", _words(words))
    lab, lp = _in("label", labels or [])
    sql = ("SELECT corpus_key, any_value(corpus_name) AS name, mode(label) AS label, count(DISTINCT article) AS articles, "
           f"sum(mentions) AS mentions FROM entities WHERE {name} AND {lab} GROUP BY corpus_key "
           "ORDER BY mentions DESC, corpus_key LIMIT ?")
    return db.df(sql, np_ + lp + [int(limit)])


def _entity_rows(key: str) -> tuple[str, list]:
    return "SELECT article, id FROM entities WHERE corpus_key = ?", [key]


def entity_summary(db: CorpusDB, key: str) -> dict:
    """Totals for one entity: articles, mentions, statements by it, numbers about it, first and last date."""
    ents, p = _entity_rows(key)
    row = db.rows(
        f"WITH e AS ({ents}) SELECT (SELECT count(DISTINCT article) FROM e), "
        "(SELECT sum(x.mentions) FROM entities x WHERE x.corpus_key = ?), "
        "(SELECT count(*) FROM quotes q JOIN e ON q.article = e.article AND q.speaker_entity_id = e.id), "
        "(SELECT count(*) FROM numbers n JOIN e ON n.article = e.article AND n.subject_entity_id = e.id), "
        "(SELECT min(a.published) FROM articles a JOIN e USING (article)), "
        "(SELECT max(a.published) FROM articles a JOIN e USING (article))", p + [key])[0]
    return dict(zip(["articles", "mentions", "statements", "numbers", "first", "last"], row))


# table alias, the column joining it to the entity, the columns shown: one page of an entity's rows
_ENTITY_ROWS = {
    "mentions": ("m", "entity_id", 'a.published, a.title, m.text, m.context, m.article, m.start, m."end"'),
    "quotes": ("q", "speaker_entity_id", "a.published, a.title, q.kind, q.cue, q.text, q.article, q.start"),
    "numbers": ("n", "subject_entity_id", "a.published, a.title, n.text, n.label, n.value, n.unit, n.usd_value, "
                                          "n.context, n.article"),
}


def _entity_page(db: CorpusDB, table: str, key: str, limit: int, offset: int):
    """Rows of `table` joined to the entity's rows in every article, newest article first, then text order."""
    alias, link, columns = _ENTITY_ROWS[table]
    ents, p = _entity_rows(key)
    return db.df(
        f"WITH e AS ({ents}) SELECT {columns} FROM {table} {alias} "
        f"JOIN e ON {alias}.article = e.article AND {alias}.{link} = e.id "
        f"JOIN articles a ON a.article = {alias}.article "
        f"ORDER BY a.published DESC NULLS LAST, {alias}.article, {alias}.start LIMIT ? OFFSET ?",
        p + [int(limit), int(offset)])


def entity_mentions(db: CorpusDB, key: str, *, limit: int = 50, offset: int = 0):
    """Every mention of the entity in context, newest article first (one page)."""
    return _entity_page(db, "mentions", key, limit, offset)


def entity_statements(db: CorpusDB, key: str, *, limit: int = 50, offset: int = 0):
    """What the entity said, newest first (one page)."""
    return _entity_page(db, "quotes", key, limit, offset)


def entity_numbers(db: CorpusDB, key: str, *, limit: int = 50, offset: int = 0):
    """The numbers whose subject is the entity, newest first (one page)."""
    return _entity_page(db, "numbers", key, limit, offset)


def _statement_filter(words: str, scope: Scope) -> tuple[str, list]:
    text, tp = _contains_all("q.text", _words(words))
    spk, sp = _in("q.speaker", scope.speakers)
    dates, dp = _dates(scope) if (scope.since or scope.until) else ("true", [])
    return f"{text} AND {spk} AND {dates}", tp + sp + dp


def search_statements(db: CorpusDB, words: str, *, scope: Scope | None = None, limit: int = 50, offset: int = 0):
    """Statements containing every word (case-insensitive), newest first (one page)."""
    where, params = _statement_filter(words, scope or Scope())
    return db.df(
        "SELECT a.published, a.title, q.speaker, q.kind, q.text, q.article, q.start FROM quotes q "
        f"JOIN articles a USING (article) WHERE {where} "
        "ORDER BY a.published DESC NULLS LAST, q.article, q.start LIMIT ? OFFSET ?", params + [int(limit), int(offset)])


def count_statements(db: CorpusDB, words: str, *, scope: Scope | None = None) -> int:
    where, params = _statement_filter(words, scope or Scope())
    return int(db.rows(f"SELECT count(*) FROM quotes q JOIN articles a USING (article) WHERE {where}", params)[0][0])
