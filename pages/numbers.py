"""Numbers: every numeric claim as data — value, unit, US dollars, date, subject — filtered, charted, traced."""

import streamlit as st

from ui.charts import money_usd_by_subject, numbers_timeline
from ui.claims import filter_sources, with_sources
from ui.claims_view import colour_by_source, sources_summary, stated_by_filter
from ui.common import chart_choice, page_setup, selected_row, show_chart, titles
from ui.downloads import download_row
from ui.figcache import shared
from ui.filters import apply, set_filter
from ui.fmt import plural
from ui.highlight import Mark, marked_html
from ui.numbers_view import (KINDS, NO_SUBJECT, NUMBER_COLUMNS, VISIBLE_COLUMNS, date_extent, filter_numbers,
                             number_table)
from ui.theme import number_name

data, f = page_setup()
st.title("Numbers")
nums = with_sources(apply(data.frames["numbers"], f, search_cols=("text", "context", "subject", "measure", "stated_by")))

k1, k2, k3, k4 = st.columns([3, 2, 2, 2])
kinds = k1.pills("Kind", KINDS, selection_mode="multi", key="nkind", bind="query-params", format_func=number_name)
money_units = sorted(nums.loc[nums["label"] == "MONEY", "unit"].dropna().unique())
currencies = k2.multiselect("Currency", money_units, key="ncur", bind="query-params", placeholder="All currencies")
subjects_all = sorted(nums["subject"].fillna(NO_SUBJECT).unique())
subjects = k3.multiselect("Subject", subjects_all, key="nsubj", bind="query-params", placeholder="All subjects")
sources = stated_by_filter(k4, nums)
extent = date_extent(nums)
when = None
if st.session_state.get("ndates_extent") != extent:  # other articles: the range starts over at their extent
    st.session_state.pop("ndates", None)
    st.session_state["ndates_extent"] = extent
if extent and extent[0] < extent[1]:
    when = st.slider(
        "Dates",
        min_value=extent[0],
        max_value=extent[1],
        value=extent,
        key="ndates",
        format="YYYY-MM-DD",
        help="Facts dated (or referring to a period) within the range; undated facts are left out once "
        "the range is narrowed.",
    )
shown = filter_sources(filter_numbers(
    nums, kinds=kinds or (), currencies=currencies, subjects=subjects, date_range=when, full_range=extent
), sources)
palette = colour_by_source(nums)

c1, c2 = st.columns(2)
show_chart(shared(money_usd_by_subject)(shown, source_colors=palette), key="money_chart", container=c1,
           selection_mode="points", on_select=lambda: set_filter("nsubj", chart_choice("money_chart")))
show_chart(shared(numbers_timeline)(shown, source_colors=palette), key="timeline_chart", container=c2)
st.caption(
    "US dollar values come from the article when it states them (e.g. “100 billion yuan (US$14.3 billion)”), "
    "otherwise from approximate ECB reference rates bundled with News Lens (marked ≈); amounts restated in "
    "another currency are charted once. On the timeline a day is a symbol, a month or a year a bar across it."
)

table = number_table(shown, titles(data, f.articles))
st.caption(plural(len(table), "numeric fact") if len(table) else "No numeric fact matches the filters.")
order = [c for c in VISIBLE_COLUMNS if c != "article_title" or len(f.articles) > 1]
ev = st.dataframe(table, hide_index=True, on_select="rerun", selection_mode="single-row", key="num_table",
                  column_order=order, column_config=NUMBER_COLUMNS)
sources_summary(shown)
download_row(data, f.articles, table, "numbers", column_config=NUMBER_COLUMNS,
             columns=order + ["value", "low", "high", "unit", "usd_value", "when"])
row = selected_row(ev, table)
if row is not None:
    text = data.text(row["article"])
    lo, hi = max(0, row["start"] - 150), min(len(text), row["end"] + 150)
    st.html(
        marked_html(
            text,
            [Mark(int(row["start"]), int(row["end"]), "number", row["label"], row["text"])],
            start=lo,
            end=hi,
        )
    )
    if isinstance(row["usd_source"], str) and row["usd_source"]:
        st.caption(f"US dollar value: {row['usd_source']}")
else:
    st.caption("Select a row to see the fact highlighted in the article.")
