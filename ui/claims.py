"""Pure helpers for claims — who states which number (no Streamlit): source labels, filters, the
numbers inside each statement, and claims across articles (same subject and measure, near-duplicates
grouped, disagreeing figures flagged)."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

ARTICLE_VOICE = "(the article's own voice)"
UNATTRIBUTED = "(unattributed statement)"
WHERE = {"statement": "in the statement", "attribution": "naming the source"}
# the source columns as the downloads and tables name them
SOURCE_HEADERS = {
    "stated_by_label": "Stated by",
    "stated_in_label": "Where",
    "statement_id": "Statement id",
    "stated_by_entity_id": "Source entity id",
}
SOURCE_COLUMNS = list(SOURCE_HEADERS)
DEFAULT_TOLERANCE = 0.05  # near-duplicates: within 5% of each other
# sources in order of appearance (Paul Tol's "muted", colour-blind safe); the article's voice is grey
SOURCE_PALETTE = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                  "#AA4499"]
VOICE_COLOR = "#9a9a9a"


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df.columns else pd.Series(None, index=df.index, dtype="object")


def _text(v) -> str | None:
    return v if isinstance(v, str) and v else None


def source_label(statement_id, stated_by) -> str:
    """What a reader calls the source: the speaker, an unattributed statement, or the article itself."""
    if not _text(statement_id):
        return ARTICLE_VOICE
    return _text(stated_by) or UNATTRIBUTED


def with_sources(numbers: pd.DataFrame) -> pd.DataFrame:
    """The numbers with readable source columns: `stated_by_label` and `stated_in_label`."""
    df = numbers.copy()
    sid, by, where = _col(df, "statement_id"), _col(df, "stated_by"), _col(df, "stated_in")
    df["stated_by_label"] = [source_label(s, b) for s, b in zip(sid, by)]
    df["stated_in_label"] = [WHERE.get(w, "") if _text(s) else "" for s, w in zip(sid, where)]
    for c in ("statement_id", "stated_by_entity_id"):
        df[c] = _col(df, c).astype("object").where(_col(df, c).notna(), None)
    return df


def source_choices(numbers: pd.DataFrame) -> list[str]:
    """The sources of these facts, the article's own voice first, then by number of facts."""
    labels = with_sources(numbers)["stated_by_label"] if "stated_by_label" not in numbers else numbers["stated_by_label"]
    counts = labels.value_counts()
    rest = sorted((s for s in counts.index if s != ARTICLE_VOICE), key=lambda s: (-counts[s], s.lower()))
    return ([ARTICLE_VOICE] if ARTICLE_VOICE in counts.index else []) + rest


def source_colors(labels) -> dict[str, str]:
    """One colour per source label (the same in every chart of a page); the article's voice grey."""
    out: dict[str, str] = {}
    others = [lab for lab in labels if lab != ARTICLE_VOICE]
    for i, lab in enumerate(others):
        out[lab] = SOURCE_PALETTE[i % len(SOURCE_PALETTE)]
    out[ARTICLE_VOICE] = VOICE_COLOR
    return out


def filter_sources(numbers: pd.DataFrame, sources=()) -> pd.DataFrame:
    """Facts stated by any of `sources` (labels from `source_choices`); all when none is chosen."""
    if not sources or numbers.empty:
        return numbers
    return numbers[numbers["stated_by_label"].isin(list(sources))]


def facts_by_source(numbers: pd.DataFrame) -> pd.DataFrame:
    """One row per source: how many facts of each kind it states, and which."""
    cols = ["stated_by", "facts", "kinds", "figures"]
    if numbers.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for label in source_choices(numbers):
        part = numbers[numbers["stated_by_label"] == label].sort_values(["article", "start"])
        kinds = part["label"].value_counts()
        rows.append({"stated_by": label, "facts": len(part),
                     "kinds": ", ".join(f"{k} {v}" for k, v in kinds.items()),
                     "figures": "; ".join(part["text"].astype(str))})
    return pd.DataFrame(rows, columns=cols)


def statement_numbers(quotes: pd.DataFrame, numbers: pd.DataFrame) -> pd.Series:
    """For each statement (row of `quotes`), the facts it carries, in text order: "a; b; c" ("" for none)."""
    if quotes.empty:
        return pd.Series([], index=quotes.index, dtype="object")
    carried: dict[tuple[str, str], list[str]] = {}
    if not numbers.empty and "statement_id" in numbers.columns:
        held = numbers[numbers["statement_id"].notna()].sort_values(["article", "start"])
        for art, sid, text in zip(held["article"], held["statement_id"], held["text"]):
            carried.setdefault((art, sid), []).append(str(text))
    return pd.Series(["; ".join(carried.get((a, i), [])) for a, i in zip(quotes["article"], quotes["id"])],
                     index=quotes.index, dtype="object")


def numbers_of_statement(numbers: pd.DataFrame, article: str, statement_id: str) -> pd.DataFrame:
    """The facts one statement carries, in text order."""
    if numbers.empty or "statement_id" not in numbers.columns:
        return numbers.iloc[0:0]
    part = numbers[(numbers["article"] == article) & (numbers["statement_id"] == statement_id)]
    return part.sort_values("start")


def context_link(article: str, text: str, page: str = "numbers") -> str:
    """A link that opens the fact on the Numbers page: that article, searched for the fact's words."""
    return f"{page}?{urlencode({'article': article, 'q': text})}"
