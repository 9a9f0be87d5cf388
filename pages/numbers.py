"""Numbers: every numeric claim as a value with unit, scale and date."""
import streamlit as st

from ui.charts import money_bar, numbers_by_label
from ui.common import chart_choice, page_setup, selected_row
from ui.filters import apply
from ui.highlight import Mark, marked_html

data, f = page_setup()
st.title("Numbers")
nums = apply(data.frames["numbers"], f, search_cols=("text", "context", "subject"))

c1, c2 = st.columns(2)
event = c1.plotly_chart(numbers_by_label(nums), on_select="rerun", key="num_chart", selection_mode="points")
c2.plotly_chart(money_bar(nums), key="money_chart")
picked = chart_choice(event)
if picked:
    nums = nums[nums["label"].isin(picked)]
    st.caption(f"Showing {', '.join(picked)} facts (clicked in the chart).")

table = nums.sort_values("start").reset_index(drop=True)
st.caption(f"{len(table)} numeric facts")
ev = st.dataframe(
    table[["text", "label", "value", "unit", "date", "qualifier", "subject", "context"]],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="num_table",
    column_config={
        "text": st.column_config.TextColumn("Fact", width="medium"),
        "label": st.column_config.TextColumn("Kind", width="small"),
        "value": st.column_config.NumberColumn("Value", format="localized"),
        "unit": st.column_config.TextColumn("Unit", width="small"),
        "date": st.column_config.TextColumn("Date", width="small"),
        "qualifier": st.column_config.TextColumn("Qualifier", width="small"),
        "subject": st.column_config.TextColumn("Subject", width="small"),
        "context": st.column_config.TextColumn("Context", width="large"),
    },
)
row = selected_row(ev, table)
if row is not None:
    text = data.text(row["article"])
    lo, hi = max(0, row["start"] - 150), min(len(text), row["end"] + 150)
    st.html(marked_html(text, [Mark(int(row["start"]), int(row["end"]), "number", row["label"], row["text"], focus=True)], start=lo, end=hi))
else:
    st.caption("Select a row to see the fact highlighted in the article.")
