"""Quotes: who said what, with the speaker resolved to a full name."""
import streamlit as st

from ui.charts import quotes_by_speaker
from ui.common import chart_choice, page_setup, selected_row
from ui.filters import apply
from ui.highlight import Mark, marked_html

data, f = page_setup()
st.title("Quotes")
quotes = apply(data.frames["quotes"], f, speaker_col="speaker", search_cols=("speaker", "text", "cue"))

event = st.plotly_chart(quotes_by_speaker(quotes), on_select="rerun", key="quote_chart", selection_mode="points")
picked = chart_choice(event)
if picked:
    quotes = quotes[quotes["speaker"].isin(picked)]
    st.caption(f"Showing statements by {', '.join(picked)} (clicked in the chart).")

table = quotes.sort_values("start").reset_index(drop=True)
st.caption(f"{len(table)} statements")
ev = st.dataframe(
    table[["speaker", "kind", "cue", "text", "speaker_mention", "context"]],
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
    },
)
row = selected_row(ev, table)
if row is not None:
    text = data.text(row["article"])
    lo, hi = max(0, row["start"] - 200), min(len(text), row["end"] + 200)
    st.html(marked_html(text, [Mark(int(row["start"]), int(row["end"]), "quote", row["kind"], row["speaker"], focus=True)], start=lo, end=hi))
else:
    st.caption("Select a row to see the statement highlighted in the article.")
