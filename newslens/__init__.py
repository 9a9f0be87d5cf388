"""News Lens preprocessing: entities, quotes and numbers from news articles (no Streamlit here)."""
from __future__ import annotations

from .config import VERSION as __version__
from .schema import SCHEMA_VERSION, Analysis


def analyze(text: str, **kwargs) -> Analysis:
    """Analyse one article; `analyze(text, title=None, published=None)`. See newslens.pipeline.analyze."""
    from .pipeline import analyze as _analyze

    return _analyze(text, **kwargs)


__all__ = ["analyze", "Analysis", "SCHEMA_VERSION", "__version__"]
