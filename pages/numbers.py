"""Numbers: every numeric claim as a value with unit, scale and date."""
import streamlit as st

from ui.charts import money_bar, numbers_by_label
from ui.common import chart_choice, page_setup, selected_row
from ui.downloads import download_row
from ui.filters import apply, set_filter
from ui.highlight import Mark, marked_html

data, f = page_setup()
st.title("Numbers")
nums = apply(data.frames["numbers"], f, search_cols=("text", "context", "subject"))
labels = ["MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE"]
chosen = st.pills("Kind", labels, selection_mode="multi", key="nkind", bind="query-params")

c1, c2 = st.columns(2)
c1.plotly_chart(numbers_by_label(nums), key="num_chart", selection_mode="points",
                on_select=lambda: set_filter("nkind", chart_choice("num_chart")))
if chosen:
    nums = nums[nums["label"].isin(chosen)]
c2.plotly_chart(money_bar(nums), key="money_chart")

table = nums.sort_values(["article", "start"]).reset_index(drop=True)
st.caption(f"{len(table)} numeric facts" if len(table) else "No numeric fact matches the filters.")
ev = st.dataframe(
    table[["text", "label", "value", "unit", "date", "qualifier", "subject", "context", "article"]],
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
        "article": st.column_config.TextColumn("Article", width="small"),
    },
)
download_row(data, f.articles, table, "numbers")
row = selected_row(ev, table)
if row is not None:
    text = data.text(row["article"])
    lo, hi = max(0, row["start"] - 150), min(len(text), row["end"] + 150)
    st.html(marked_html(text, [Mark(int(row["start"]), int(row["end"]), "number", row["label"], row["text"], focus=True)], start=lo, end=hi))
else:
    st.caption("Select a row to see the fact highlighted in the article.")
