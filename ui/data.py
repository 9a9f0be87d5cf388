"""Loading the corpus for the app: queried where it lies, never held whole in the server, never loading spaCy.

The tables come from `newslens.corpus_db.CorpusDB`: DuckDB views over the Parquet index that
`preprocess` writes under `<data>/.cache/index/`, with the articles changed since (added in the app,
edited) read from their JSON files into a small overlay, so the app never writes into the data folder
and still shows it as it is. One `CorpusDB` per server (`st.cache_resource`). Per rerun: two stats of
the data folders (every file is stat'ed in the background every 30 s per 10,000 articles).

Pages see `data.frames[table]`: the rows of the articles chosen in the sidebar only (a query per change
of the choice, cached; pages get shallow copies, which copy-on-write makes safe to modify). Corpus-wide
views query `data.db` with SQL that aggregates before anything reaches pandas. Full analyses are read
from disk only for the articles a page shows.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from newslens.config import data_dir
from newslens.corpus_db import CorpusDB
from newslens.storage import Corpus, processed_dir

if int(pd.__version__.split(".")[0]) < 3:  # pandas 3 always copies on write; 2.2 opts in, so a page
    pd.set_option("mode.copy_on_write", True)  # modifying its frame can never change the shared one

PRELOAD_ENV = "NEWSLENS_PRELOAD_MODEL"
ARTICLE_KEY = "article"  # the sidebar's article picker (ui.filters.K_ARTICLE)


class LazyAnalyses(Mapping):
    """slug -> processed document, read from disk when asked (a fresh dict each time)."""

    def __init__(self, root: Path, slugs: list[str]) -> None:
        self._root = Path(root)
        self._slugs = slugs
        self._known = set(slugs)

    def __getitem__(self, slug: str) -> dict:
        if slug not in self._known:
            raise KeyError(slug)
        path = processed_dir(self._root) / f"{slug}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # removed or rewritten since the index was built
            raise KeyError(slug) from exc

    def __contains__(self, slug: object) -> bool:
        return slug in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._slugs)

    def __len__(self) -> int:
        return len(self._slugs)


def _chosen() -> list[str]:
    try:
        return list(st.session_state.get(ARTICLE_KEY) or [])
    except Exception:  # noqa: BLE001 - outside a script run there is no choice
        return []


class ChosenFrames(Mapping):
    """table -> the rows of the chosen articles (`articles` given, or the sidebar's choice when read)."""

    def __init__(self, db: CorpusDB, articles: list[str] | None = None) -> None:
        self._db = db
        self._articles = articles

    def __getitem__(self, table: str) -> pd.DataFrame:
        chosen = self._articles if self._articles is not None else _chosen()
        return self._db.frame(table, chosen).copy(deep=False)

    def __iter__(self) -> Iterator[str]:
        from newslens.corpus_db import TABLES

        return iter(TABLES)

    def __len__(self) -> int:
        return 5


class ArticleRows(Mapping):
    """slug -> its row of the articles table (title, published, source, words, …), for every article."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._cols = {c: df[c].to_numpy(dtype=object) for c in df.columns}
        self._pos = {s: i for i, s in enumerate(self._cols.get("article", []))}

    def __getitem__(self, slug: str) -> dict:
        i = self._pos[slug]
        return {c: (None if isinstance(v[i], float) and v[i] != v[i] else v[i]) for c, v in self._cols.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)


@dataclass
class AppData:
    """What every page reads: the chosen articles' tables, the analyses (read on demand), the problems."""

    corpus: Corpus
    frames: Mapping = field(default_factory=dict)
    articles: Mapping = field(default_factory=dict)  # slug -> its row of the articles table
    db: CorpusDB | None = None

    @property
    def slugs(self) -> list[str]:
        return list(self.corpus.analyses)

    def text(self, slug: str) -> str:
        return self.corpus.analyses[slug]["article"]["text"]

    def article(self, slug: str) -> dict:
        """title, published, source, words, … of one article, from the index (no document read)."""
        return dict(self.articles[slug])

    def frames_for(self, articles: list[str]) -> ChosenFrames:
        """The tables' rows of the given articles (rather than the sidebar's choice)."""
        return ChosenFrames(self.db, list(articles))


@st.cache_resource(show_spinner="Opening the corpus index…", max_entries=2)
def _db(root: str) -> CorpusDB:
    return CorpusDB(Path(root))


@st.cache_resource(max_entries=4)
def _articles(root: str, db_id: int, version: int) -> tuple[ArticleRows, LazyAnalyses]:  # noqa: ARG001 - the key
    db = _db(root)
    return ArticleRows(db.df("SELECT * EXCLUDE (file_row_number) FROM articles")), LazyAnalyses(Path(root), db.slugs)


def load_data() -> AppData:
    """The corpus as it is on disk now (the views change only when a data file changes)."""
    root = str(data_dir())
    if os.environ.get(PRELOAD_ENV) == "1":
        get_nlp()
    db = _db(root)
    db.sync()
    articles, analyses = _articles(root, id(db), db.version)  # built once per change of the files
    corpus = Corpus(analyses=analyses, problems=list(db.problems))
    return AppData(corpus=corpus, frames=ChosenFrames(db), articles=articles, db=db)


@st.cache_resource(show_spinner="Loading the language model (once per server)…")
def get_nlp(name: str | None = None):
    """The spaCy pipeline, loaded once per server process."""
    from newslens.pipeline import load_model

    return load_model(name)
