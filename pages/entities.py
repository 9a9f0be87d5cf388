"""Entities: who and what is in the story, one row per real-world thing."""
import streamlit as st

from ui.charts import entity_bar
from ui.common import chart_choice, page_setup, selected_row
from ui.filters import apply
from ui.highlight import Mark, marked_html

data, f = page_setup()
st.title("Entities")
ents = apply(data.frames["entities"], f, label_col="label", search_cols=("name", "aliases", "context"))

event = st.plotly_chart(entity_bar(ents), on_select="rerun", key="ent_chart", selection_mode="points")
picked = chart_choice(event)
if picked:
    ents = ents[ents["name"].isin(picked)]
    st.caption(f"Showing the entity clicked in the chart: {', '.join(picked)} (click the chart background to clear).")

table = ents.sort_values(["mentions", "salience"], ascending=False).reset_index(drop=True)
st.caption(f"{len(table)} entities")
ev = st.dataframe(
    table[["name", "label", "mentions", "salience", "aliases", "quotes", "numbers", "context"]],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="ent_table",
    column_config={
        "name": st.column_config.TextColumn("Entity", width="medium"),
        "label": st.column_config.TextColumn("Type", width="small"),
        "mentions": st.column_config.NumberColumn("Mentions", format="%d"),
        "salience": st.column_config.ProgressColumn("Salience", min_value=0.0, max_value=1.0, format="%.2f"),
        "aliases": st.column_config.TextColumn("Aliases"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d"),
        "numbers": st.column_config.NumberColumn("Numbers", format="%d"),
        "context": st.column_config.TextColumn("First mention in context", width="large"),
    },
)
row = selected_row(ev, table)
if row is not None:
    st.subheader(f"Mentions of {row['name']}")
    ments = data.frames["mentions"]
    ments = ments[(ments["article"] == row["article"]) & (ments["entity_id"] == row["id"])]
    text = data.text(row["article"])
    for m in ments.itertuples():
        lo, hi = max(0, m.start - 90), min(len(text), m.end + 90)
        st.html(marked_html(text, [Mark(m.start, m.end, "entity", m.label, m.name, focus=True)], start=lo, end=hi))
else:
    st.caption("Select a row to see every mention of that entity in context.")
