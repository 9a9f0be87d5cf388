"""Quotes: who said what, with the speaker resolved to a full name."""
import streamlit as st

from ui.charts import quotes_by_speaker
from ui.common import chart_choice, page_setup, selected_row
from ui.downloads import download_row
from ui.filters import K_SPEAKERS, apply, set_filter
from ui.highlight import Mark, marked_html

data, f = page_setup()
st.title("Quotes")
quotes = apply(data.frames["quotes"], f, speaker_col="speaker", search_cols=("speaker", "text", "cue"))
kinds = st.pills("Kind", ["direct", "partial", "indirect"], selection_mode="multi", key="kind", bind="query-params")
if kinds:
    quotes = quotes[quotes["kind"].isin(kinds)]

st.plotly_chart(quotes_by_speaker(quotes), key="quote_chart", selection_mode="points",
                on_select=lambda: set_filter(K_SPEAKERS, chart_choice("quote_chart")))
st.caption("Click a speaker's bar to filter by that speaker (the sidebar's Speaker filter; it applies on every page).")

table = quotes.sort_values(["article", "start"]).reset_index(drop=True)
st.caption(f"{len(table)} statements" if len(table) else "No statement matches the filters.")
ev = st.dataframe(
    table[["speaker", "kind", "cue", "text", "speaker_mention", "context", "article"]],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="quote_table",
    column_config={
        "speaker": st.column_config.TextColumn("Speaker", width="medium"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "cue": st.column_config.TextColumn("Cue", width="small"),
        "text": st.column_config.TextColumn("Statement", width="large"),
        "speaker_mention": st.column_config.TextColumn("Speaker as written", width="small"),
        "context": st.column_config.TextColumn("Context", width="large"),
        "article": st.column_config.TextColumn("Article", width="small"),
    },
)
download_row(data, f.articles, table, "quotes")
row = selected_row(ev, table)
if row is not None:
    text = data.text(row["article"])
    lo, hi = max(0, row["start"] - 200), min(len(text), row["end"] + 200)
    st.html(marked_html(text, [Mark(int(row["start"]), int(row["end"]), "quote", row["kind"], row["speaker"], focus=True)], start=lo, end=hi))
else:
    st.caption("Select a row to see the statement highlighted in the article.")
