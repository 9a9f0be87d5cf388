"""Loading the corpus for the app: cached on the data files' state, never loading spaCy."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from newslens.config import data_dir
from newslens.store import Corpus, files_signature, frames, load_corpus


@dataclass
class AppData:
    """What every page reads: DataFrames, the raw analyses and the loading problems."""

    corpus: Corpus
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def slugs(self) -> list[str]:
        return list(self.corpus.analyses)

    def text(self, slug: str) -> str:
        return self.corpus.analyses[slug]["article"]["text"]


@st.cache_data(show_spinner="Loading articles…", max_entries=4)
def _load(root: str, signature: tuple) -> AppData:  # noqa: ARG001 - signature is the cache key
    corpus = load_corpus(root)
    return AppData(corpus=corpus, frames=frames(corpus))


def load_data() -> AppData:
    """The corpus as it is on disk now (reloaded only when a data file changes)."""
    root = data_dir()
    return _load(str(root), files_signature(root))


@st.cache_resource(show_spinner="Loading the language model (once per server)…")
def get_nlp(name: str | None = None):
    """The spaCy pipeline, loaded once per server process."""
    from newslens.pipeline import load_model

    return load_model(name)
