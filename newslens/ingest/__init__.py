"""Bring your own article: read, validate, extract, fetch, slug, add and remove (no Streamlit here).

`candidate` normalises and validates a text (`language` tells English from other languages), `files` and
`web` read files and links, `library` stores and removes articles in the data folder.
"""
from __future__ import annotations

from .candidate import (MAX_CHARS, AnalysisError, Candidate, IngestError, LanguageError, clean_title, detect,
                        make_candidate, normalize_text, parse_published, validate_text)
from .files import (HTML_SUFFIXES, MAX_FILE_BYTES, SUFFIXES, TEXT_SUFFIXES, Upload, extract_html, extract_markdown,
                    read_file_bytes, read_path, read_uploads)
from .language import Language, detect_language
from .library import (Added, add_article, analyse_candidate, article_files, check_slug, find_duplicate, remove_article,
                      slugify, unique_slug)
from .web import FETCH_TIMEOUT, Fetched, check_url, fetch_url, looks_like_url, read_url

__all__ = [
    "MAX_CHARS", "AnalysisError", "Candidate", "IngestError", "LanguageError", "clean_title", "detect",
    "make_candidate", "normalize_text", "parse_published", "validate_text",
    "HTML_SUFFIXES", "MAX_FILE_BYTES", "SUFFIXES", "TEXT_SUFFIXES", "Upload", "extract_html", "extract_markdown",
    "read_file_bytes", "read_path", "read_uploads",
    "Language", "detect_language",
    "Added", "add_article", "analyse_candidate", "article_files", "check_slug", "find_duplicate", "remove_article",
    "slugify", "unique_slug",
    "FETCH_TIMEOUT", "Fetched", "check_url", "fetch_url", "looks_like_url", "read_url",
]
