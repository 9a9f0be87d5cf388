"""Streamlit pieces for claims — who states which number — used by the Numbers, Quotes and Corpus pages."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .claims import (DEFAULT_TOLERANCE, SOURCE_HEADERS, facts_by_source, numbers_of_statement, source_choices,
                     source_colors, with_sources)
from .claims_across import claims_summary, claims_table
from .claims_charts import claim_over_time
from .highlight import Mark, md

K_SOURCES, K_BY_SOURCE, K_TOLERANCE, K_CLAIM = "nsrc", "nbysrc", "ctol", "claim"
STATED_BY_HELP = ("Who states the fact: the speaker of the statement that contains it, or the article's own "
                  "voice when no statement does")
SOURCE_COLUMN_CONFIG = {
    "stated_by_label": st.column_config.TextColumn("Stated by", width="small", help=STATED_BY_HELP),
    "stated_in_label": st.column_config.TextColumn(
        "Where", width="small", help="In the statement itself, or in the phrase naming a document source "
        "(“a Reuters report that cited two people”)"),
}


def stated_by_filter(container, numbers: pd.DataFrame) -> list[str]:
    """The "Stated by" multiselect (the article's own voice is one choice); kept in the URL."""
    return container.multiselect("Stated by", source_choices(numbers), key=K_SOURCES, bind="query-params",
                                 placeholder="Every source", help=STATED_BY_HELP)


def colour_by_source(numbers: pd.DataFrame) -> dict[str, str] | None:
    """A toggle: colour the charts by who states each fact; returns the colours (None when off)."""
    on = st.toggle("Colour charts by who states the figure", key=K_BY_SOURCE, bind="query-params")
    return source_colors(source_choices(numbers)) if on else None


def sources_summary(numbers: pd.DataFrame) -> None:
    """The facts grouped by source, in an expander."""
    table = facts_by_source(numbers)
    with st.expander(f"By source: {len(table)} source{'s' if len(table) != 1 else ''}", expanded=False):
        st.table(table.rename(columns={"stated_by": "Stated by", "facts": "Facts", "kinds": "Kinds",
                                       "figures": "Figures"}).set_index("Stated by"))


def for_download(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its source columns under the headers users see."""
    return table.rename(columns=SOURCE_HEADERS)


def statement_number_marks(numbers: pd.DataFrame, article: str, statement_id: str) -> list[Mark]:
    """Marks for the facts a statement carries (for its highlighted context)."""
    part = numbers_of_statement(numbers, article, statement_id)
    return [Mark(int(s), int(e), "number", lab, f"{lab} · in this statement")
            for s, e, lab in zip(part["start"], part["end"], part["label"])]


def statement_numbers_caption(numbers: pd.DataFrame, article: str, statement_id: str) -> None:
    """A line naming the facts a statement carries."""
    part = numbers_of_statement(numbers, article, statement_id)
    if part.empty:
        st.caption("This statement contains no numeric fact.")
        return
    where = with_sources(part)["stated_in_label"]
    st.caption("Numbers in this statement: " + " · ".join(
        f"“{md(t)}” ({lab.lower()}{', ' + w if w and w != 'in the statement' else ''})"
        for t, lab, w in zip(part["text"], part["label"], where)))


CLAIM_CONFIG = {
    "published": st.column_config.TextColumn("Published", width="small"),
    "stated_by_label": SOURCE_COLUMN_CONFIG["stated_by_label"],
    "text": st.column_config.TextColumn("As written", width="small"),
    "figure": st.column_config.TextColumn("Figure", width="small", help="Money in US dollars (approximate)"),
    "period": st.column_config.TextColumn("Period", width="small",
                                          help="The period stated, else the month the article was published"),
    "group": st.column_config.TextColumn("Group", width="small", help="Figures within the tolerance share a group"),
    "agrees": st.column_config.CheckboxColumn("Agrees", help="Unticked: the sources give different figures for "
                                              "this claim and period (the Group column says who agrees with whom)"),
    "title": st.column_config.TextColumn("Article", width="medium"),
    "link": st.column_config.LinkColumn("Open", display_text="on Numbers", help="The fact on the Numbers page"),
    "context": st.column_config.TextColumn("Context", width="large"),
}


def corpus_claims(numbers: pd.DataFrame, articles: pd.DataFrame, entities: pd.DataFrame) -> None:
    """Claims across articles: the same subject and measure from several sources, disagreements flagged."""
    st.subheader("Claims across articles")
    tol = st.number_input("Near-duplicate tolerance (%)", min_value=0.0, max_value=50.0, step=1.0,
                          value=DEFAULT_TOLERANCE * 100, key=K_TOLERANCE,
                          help="Figures for one claim within this distance of each other count as the same")
    table = claims_table(numbers, articles, entities, tolerance=tol / 100)
    summary = claims_summary(table)
    if summary.empty:
        st.caption("No figure with a subject and a measure to compare.")
        return
    if not st.toggle("Also claims from a single source", key="claims_single"):
        summary = summary[(summary["articles"] > 1) | (summary["sources"] > 1)]
    if summary.empty:
        st.caption("No claim is made in two articles or by two sources; switch on single-source claims to see all.")
        return
    flagged = int(summary["disagree"].sum())
    st.caption(f"{len(summary)} claim{'s' if len(summary) != 1 else ''}; {flagged} with figures that differ for the same period. Money is compared "
               "in US dollars; a figure without a stated period counts for the month it was published, so a "
               "later article may be updating an earlier one.")
    st.dataframe(summary, hide_index=True, key="claims_summary", column_config={
        "claim": st.column_config.TextColumn("Claim (subject · measure)", width="medium"),
        "articles": st.column_config.NumberColumn("Articles"),
        "sources": st.column_config.NumberColumn("Sources"),
        "facts": st.column_config.NumberColumn("Facts"),
        "figures": st.column_config.TextColumn("Figures (period)", width="large"),
        "disagree": st.column_config.CheckboxColumn("Differ", help="Different figures for the same period"),
        "periods": st.column_config.NumberColumn("Periods"),
    })
    claim = st.selectbox("Claim", summary["claim"].tolist(), key=K_CLAIM)
    rows = table[table["claim"] == claim]
    st.plotly_chart(claim_over_time(rows, claim=claim), key="claim_chart")
    cols = ["published", "stated_by_label", "text", "figure", "period", "group", "agrees", "title", "link", "context"]
    st.dataframe(rows[cols], hide_index=True, key="claim_rows", column_config=CLAIM_CONFIG)
    st.download_button("⬇ Claims (CSV)", for_claims_download(table).to_csv(index=False).encode("utf-8"),
                       file_name="newslens-claims.csv", mime="text/csv", key="dl_csv_claims")


def for_claims_download(table: pd.DataFrame) -> pd.DataFrame:
    """The claims table under human headers."""
    names = {"claim": "Claim", "subject": "Subject", "measure": "Measure", "period": "Period", "figure": "Figure",
             "value": "Value", "unit": "Unit", "group": "Group", "agrees": "Agrees", "title": "Article title",
             "published": "Published", "article": "Article", "text": "As written", "context": "Context",
             "link": "Link", "start": "Start", "end": "End", **SOURCE_HEADERS}
    return table.rename(columns=names)
