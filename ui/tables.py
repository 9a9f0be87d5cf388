"""The columns each page's table shows: header, width, help (also the headers of its CSV download)."""
from __future__ import annotations

import streamlit as st

KIND_HELP = "direct: in quotation marks · partial: quoted words inside reported speech · indirect: reported speech"

ENT_COLUMNS = {
    "name": st.column_config.TextColumn("Entity", width="medium"),
    "type": st.column_config.TextColumn("Type", width="medium"),
    "article_title": st.column_config.TextColumn("Article", width="medium"),
    "mentions": st.column_config.NumberColumn("Mentions", format="%d"),
    "salience": st.column_config.ProgressColumn(
        "Salience", min_value=0.0, max_value=1.0, format="%.2f",
        help="How central it is to its article, 0–1: mostly how often it is mentioned, plus a mention in the "
             "headline, an early first mention, and the statements and numbers attributed to it."),
    "context_shown": st.column_config.TextColumn("First mention in context", width="large"),
    "aliases": st.column_config.TextColumn("Also written"),
    "quotes": st.column_config.NumberColumn("Statements", format="%d", help="Statements attributed to it"),
    "numbers": st.column_config.NumberColumn("Numbers", format="%d", help="Numeric facts about it"),
}

QUOTE_COLUMNS = {
    "speaker": st.column_config.TextColumn("Speaker", width="medium", help="Resolved: full name, outlet or source"),
    "text": st.column_config.TextColumn("Statement", width="large"),
    "kind": st.column_config.TextColumn("Kind", width="small", help=KIND_HELP),
    "cue": st.column_config.TextColumn("Cue", width="small", help="The verb or phrase that attributes it"),
    "numbers": st.column_config.TextColumn("Numbers", width="small", help="The numeric facts this statement contains"),
    "article_title": st.column_config.TextColumn("Article", width="medium"),
    "speaker_mention": st.column_config.TextColumn("Speaker as written", width="small",
                                                   help="What the text says, e.g. “he” or a surname"),
    "context": st.column_config.TextColumn("Context", width="large"),
}

ART_COLUMNS = {
    "title": st.column_config.TextColumn("Title", width="large"),
    "published": st.column_config.TextColumn("Published", width="small"),
    "source": st.column_config.TextColumn("Source", width="medium"),
    "words": st.column_config.NumberColumn("Words", format="localized"),
    "entities": st.column_config.NumberColumn("Entities"),
    "quotes": st.column_config.NumberColumn("Statements"),
    "numbers": st.column_config.NumberColumn("Numbers"),
}


def shown_columns(columns: dict, *, several_articles: bool) -> list[str]:
    """The columns to show, in order; the Article column only when more than one article is chosen."""
    return [c for c in columns if c != "article_title" or several_articles]
