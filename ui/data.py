"""Loading the corpus for the app: once per change of the data files, never per rerun, never loading spaCy.

The frames come from `newslens.index.load_index`: Parquet files under `<data>/.cache/index/` written by
`preprocess`, brought up to date in memory for the articles whose files changed since (the app never
writes into the data folder just by reading it), so a server start at a thousand articles reads a few MB
of Parquet instead of a thousand JSON documents. The index is held with `st.cache_resource` (one copy per
server, no pickling per rerun); pages get shallow copies of the frames, which copy-on-write makes
safe to modify. Full analyses are read from disk only for the articles a page shows.
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
from newslens.index import CorpusIndex, corpus_digest, load_index
from newslens.storage import Corpus, processed_dir

if int(pd.__version__.split(".")[0]) < 3:  # pandas 3 always copies on write; 2.2 opts in, so a page
    pd.set_option("mode.copy_on_write", True)  # modifying its frame can never change the shared one

PRELOAD_ENV = "NEWSLENS_PRELOAD_MODEL"


class LazyAnalyses(Mapping):
    """slug -> processed document, read from disk when asked (a fresh dict each time)."""

    def __init__(self, root: Path, slugs: list[str]) -> None:
        self._root = Path(root)
        self._slugs = list(slugs)
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


@dataclass
class AppData:
    """What every page reads: DataFrames, the analyses (read on demand) and the loading problems."""

    corpus: Corpus
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    articles: dict[str, dict] = field(default_factory=dict)  # slug -> its row of frames["articles"]

    @property
    def slugs(self) -> list[str]:
        return list(self.corpus.analyses)

    def text(self, slug: str) -> str:
        return self.corpus.analyses[slug]["article"]["text"]

    def article(self, slug: str) -> dict:
        """title, published, source, words, … of one article, from the index (no document read)."""
        return dict(self.articles[slug])

    @classmethod
    def from_index(cls, root: Path, index: CorpusIndex, articles: dict[str, dict]) -> "AppData":
        corpus = Corpus(analyses=LazyAnalyses(root, index.slugs), problems=list(index.problems))
        return cls(corpus=corpus, frames={k: df.copy(deep=False) for k, df in index.frames.items()},
                   articles=articles)


def _article_rows(arts: pd.DataFrame) -> dict[str, dict]:
    out = {}
    for row in arts.to_dict("records"):
        out[row["article"]] = {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
    return out


@st.cache_resource(show_spinner="Loading articles…", max_entries=2)
def _index(root: str, digest: str) -> tuple[CorpusIndex, dict[str, dict]]:  # noqa: ARG001 - digest: the key
    index = load_index(root, persist=False)  # reading the app never writes into the data folder
    return index, _article_rows(index.frames["articles"])


def load_data() -> AppData:
    """The corpus as it is on disk now (the index is rebuilt only when a data file changes)."""
    root = data_dir()
    if os.environ.get(PRELOAD_ENV) == "1":
        get_nlp()
    index, articles = _index(str(root), corpus_digest(root))
    return AppData.from_index(root, index, articles)


@st.cache_resource(show_spinner="Loading the language model (once per server)…")
def get_nlp(name: str | None = None):
    """The spaCy pipeline, loaded once per server process."""
    from newslens.pipeline import load_model

    return load_model(name)
