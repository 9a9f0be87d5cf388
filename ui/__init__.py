"""Streamlit-facing helpers; pure where possible (charts and highlight never call Streamlit)."""
