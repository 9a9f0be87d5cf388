"""Entities: who and what is in the story, one row per real-world thing."""
import streamlit as st

from ui.charts import entity_bar
from ui.common import chart_choice, page_setup, selected_row
from ui.downloads import download_row
from ui.filters import apply, set_filter
from ui.highlight import Mark, marked_html

data, f = page_setup()
st.title("Entities")
ents = apply(data.frames["entities"], f, label_col="label", search_cols=("name", "aliases", "context"))

st.plotly_chart(entity_bar(ents), key="ent_chart", on_select=lambda: set_filter("entity", chart_choice("ent_chart")),
                selection_mode="points")
names = sorted(ents["name"].unique())
focus = st.multiselect("Focus on entities", names, key="entity", bind="query-params",
                       placeholder="Click a bar or choose entities", help="Clicking a bar in the chart sets this.")
if focus:
    ents = ents[ents["name"].isin(focus)]

table = ents.sort_values(["mentions", "salience"], ascending=False).reset_index(drop=True)
st.caption(f"{len(table)} entities in {table['article'].nunique()} article(s)" if len(table) else "No entity matches the filters.")
ev = st.dataframe(
    table[["name", "label", "mentions", "salience", "aliases", "quotes", "numbers", "context", "article"]],
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
        "quotes": st.column_config.NumberColumn("Quotes", format="%d", help="Statements attributed to it"),
        "numbers": st.column_config.NumberColumn("Numbers", format="%d", help="Numeric facts about it"),
        "context": st.column_config.TextColumn("First mention in context", width="large"),
        "article": st.column_config.TextColumn("Article", width="small"),
    },
)
download_row(data, f.articles, table, "entities")

row = selected_row(ev, table)
if row is not None:
    st.subheader(f"{row['name']} in context")
    ments = data.frames["mentions"]
    ments = ments[(ments["article"] == row["article"]) & (ments["entity_id"] == row["id"])]
    text = data.text(row["article"])
    for m in ments.itertuples():
        lo, hi = max(0, m.start - 90), min(len(text), m.end + 90)
        st.html('<div style="margin:.2rem 0">…' + marked_html(text, [Mark(m.start, m.end, "entity", m.label, m.name, focus=True)], start=lo, end=hi) + "…</div>")
    q = data.frames["quotes"]
    q = q[(q["article"] == row["article"]) & (q["speaker_entity_id"] == row["id"])]
    if not q.empty:
        st.markdown("**Statements**")
        st.dataframe(q[["kind", "cue", "text"]], hide_index=True)
    n = data.frames["numbers"]
    n = n[(n["article"] == row["article"]) & (n["subject"] == row["name"])]
    if not n.empty:
        st.markdown("**Numeric facts**")
        st.dataframe(n[["text", "label", "value", "unit", "date"]], hide_index=True)
else:
    st.caption("Select a row to see every mention of that entity in context, with its statements and numbers.")
