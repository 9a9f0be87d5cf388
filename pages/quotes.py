"""Quotes: who said what, with the speaker resolved to a full name."""
from dataclasses import replace

import streamlit as st

from ui.charts import quotes_by_speaker
from ui.claims import statement_numbers
from ui.claims_view import statement_number_marks, statement_numbers_caption
from ui.common import blank_missing, chart_choice, page_setup, selected_row, show_chart, titles
from ui.downloads import download_row
from ui.figcache import shared
from ui.filters import K_SPEAKERS, apply, set_filter
from ui.fmt import plural
from ui.highlight import Mark, marked_html, quote_marks
from ui.statements import KIND_NAMES, statements_html
from ui.tables import KIND_HELP, QUOTE_COLUMNS, shown_columns

KINDS = ["direct", "partial", "indirect"]


def _md(s) -> str:
    """Text from an article, safe inside Markdown (no accidental links or emphasis)."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(s))


data, f = page_setup()
st.title("Quotes")
kinds = st.pills("Kind", KINDS, selection_mode="multi", key="kind", bind="query-params", help=KIND_HELP,
                 format_func=lambda k: KIND_NAMES.get(k, k))

# every filter but the speaker one: the chart keeps all speakers so a click can choose any of them
base = apply(data.frames["quotes"], replace(f, speakers=[]), search_cols=("speaker", "speaker_mention", "text", "cue"))
if kinds:
    base = base[base["kind"].isin(kinds)]
quotes = base[base["speaker"].isin(f.speakers)] if f.speakers else base

with st.container(horizontal=True, gap="large"):  # side by side on a phone too
    st.metric("Statements", len(quotes), width="content")
    st.metric("Speakers", quotes["speaker"].nunique(), width="content")
    for kind in KINDS:
        st.metric(kind.capitalize(), int((quotes["kind"] == kind).sum()), width="content")

show_chart(shared(quotes_by_speaker)(base, selected=f.speakers), key="quote_chart", selection_mode="points",
           on_select=lambda: set_filter(K_SPEAKERS, chart_choice("quote_chart")))
hint, clear = st.columns([4, 1])
hint.caption("Click a speaker's bar to show only that speaker (the sidebar's Speaker filter, kept on every page); "
             "double-click the chart to clear.")
if f.speakers:
    clear.button("All speakers", on_click=set_filter, args=(K_SPEAKERS, []), key="all_speakers", width="stretch")

names_of = titles(data, f.articles)
table = blank_missing(quotes.sort_values(["article", "start"]).reset_index(drop=True))
table = table.assign(article_title=table["article"].map(names_of))
table["numbers"] = statement_numbers(table, data.frames["numbers"])
st.caption(plural(len(table), "statement") if len(table) else "No statement matches the filters.")
order = shown_columns(QUOTE_COLUMNS, several_articles=len(f.articles) > 1)
read, grid = st.tabs([":material/menu_book: Read the statements", ":material/table: Table (sort, select)"])
with read:
    st.html(statements_html(table, names_of if len(f.articles) > 1 else {}))
with grid:
    ev = st.dataframe(table, hide_index=True, on_select="rerun", selection_mode="single-row", key="quote_table",
                      column_order=order, column_config=QUOTE_COLUMNS)
download_row(data, f.articles, table, "quotes", column_config=QUOTE_COLUMNS, columns=order)

row = selected_row(ev, table)
if row is None:
    grid.caption("Select a row to see the statement, its speaker and its cue highlighted in the article.")
else:
    text = data.text(row["article"])
    q = next((q for q in data.corpus.analyses[row["article"]]["quotes"] if q["id"] == row["id"]), {})
    marks = quote_marks({**q, "start": row["start"], "end": row["end"], "kind": row["kind"]},
                        f"{row['kind']} · {row['speaker']}", focus=True)
    spans = [(int(row["start"]), int(row["end"]))]
    carried = statement_number_marks(data.frames["numbers"], row["article"], row["id"])
    marks, spans = marks + carried, spans + [(m.start, m.end) for m in carried]
    for part, layer, title in ((q.get("speaker_mention"), "speaker", f"speaker: {row['speaker']}"),
                               (q.get("cue_span"), "cue", f"cue: {row['cue']}")):
        if part and text[part["start"]:part["end"]] == part["text"]:
            marks.append(Mark(part["start"], part["end"], layer, layer, title))
            spans.append((part["start"], part["end"]))
    lo = max(0, min(s for s, _ in spans) - 200)
    hi = min(len(text), max(e for _, e in spans) + 200)
    while lo > 0 and not text[lo - 1].isspace():  # whole words at both ends
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    mention = row["speaker_mention"] or None
    from_ = f" — read from “{_md(mention)}”" if mention and mention != row["speaker"] else ""
    st.markdown(f"**{_md(row['speaker'])}**{from_} · {_md(row['kind'])} · cue: *{_md(row['cue'])}*")
    st.html(("…" if lo > 0 else "") + marked_html(text, marks, start=lo, end=hi) + ("…" if hi < len(text) else ""))
    statement_numbers_caption(data.frames["numbers"], row["article"], row["id"])
