"""Settings from Streamlit secrets (Community Cloud's Settings → Secrets) into the environment."""
from __future__ import annotations

import os

import streamlit as st

from newslens.config import DATA_ENV, MODEL_ENV


def apply_secrets() -> None:
    """NEWSLENS_MODEL / NEWSLENS_DATA_DIR given as secrets act like environment variables (env wins)."""
    for key in (MODEL_ENV, DATA_ENV):
        if os.environ.get(key):
            continue
        try:
            value = st.secrets.get(key)
        except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: keep the defaults
            return
        if value:
            os.environ[key] = str(value)
