"""Is it English? The share of common words of each language, and the script of non-Latin text.

The word lists are lexicon files: `stop_words_<language>.txt`, and `scripts.tsv` for the scripts.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import lexicon

# in this order: the first of equally likely languages is named
LANGUAGES = ("English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch")
MIN_WORDS_FOR_LANGUAGE = 12
MIN_ENGLISH_RATIO = 0.15


@dataclass
class Language:
    """What the stop-word detector found."""

    english: bool
    guess: str  # "English", "German", ..., "Chinese/Japanese (CJK)", "unknown"
    english_ratio: float  # share of words that are common English words
    words: int

    def describe(self) -> str:
        if self.guess not in ("English", "unknown"):
            what = f"looks like {self.guess}, not English"
        else:
            what = "does not look like English"
        return f"{what} ({self.english_ratio:.0%} of its {self.words} words are common English words; English news has 30–50%)"


def _stop_words(language: str) -> frozenset[str]:
    return lexicon.words(f"stop_words_{language.lower()}")


def detect_language(text: str, *, sample: int = 20_000) -> Language:
    """English or not, from the share of common English words (and the script for non-Latin text)."""
    text = text[:sample]
    letters = [c for c in text if c.isalpha()]
    non_latin = [c for c in letters if ord(c) > 0x24F]
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower())
    if letters and len(non_latin) / len(letters) > 0.5:
        scripts: dict[str, int] = {}
        for c in non_latin:
            name = unicodedata.name(c, "UNKNOWN").split()[0]
            scripts[name] = scripts.get(name, 0) + 1
        top = max(scripts, key=scripts.get)
        en = sum(w in _stop_words("English") for w in words) / max(1, len(words))
        return Language(False, lexicon.mapping("scripts").get(top, f"{top.title()} script"), en, len(words))
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return Language(True, "unknown", 1.0, len(words))
    ratios = {lang: sum(w in stop for w in words) / len(words) for lang, stop in ((lang, _stop_words(lang)) for lang in LANGUAGES)}
    en = ratios["English"]
    best = max(ratios, key=ratios.get)
    if en >= MIN_ENGLISH_RATIO or best == "English":
        return Language(True, "English", en, len(words))
    return Language(False, best if ratios[best] >= MIN_ENGLISH_RATIO else "unknown", en, len(words))
