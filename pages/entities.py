"""Entities: who and what is in the story, one row per real-world thing."""
import streamlit as st

from newslens.config import data_dir
from newslens.corrections import LABELS, CorrectionError, corrections_path, load_corrections
from ui.charts import cooccurrence_heatmap, cooccurrence_pairs, entity_bar, entity_type_mix, focus_pairs
from ui.common import blank_missing, chart_choice, page_setup, selected_row, show_chart, titles
from ui.downloads import download_row
from ui.figcache import shared
from ui.filters import apply, set_filter
from ui.fmt import plural
from ui.highlight import md
from ui.kwic import centred, kwic_html, kwic_rows
from ui.numbers_view import NUMBER_COLUMNS, number_table
from ui.statements import statements_html
from ui.tables import ENT_COLUMNS, shown_columns
from ui.theme import type_name

ACTIONS = {"rename": "Rename", "relabel": "Change type", "merge": "Merge others into it", "drop": "Drop (not an entity)"}

data, f = page_setup()
st.title("Entities")
all_ents = data.frames["entities"]
all_ents = all_ents[all_ents["article"].isin(f.articles)]
ents = apply(data.frames["entities"], f, label_col="label", search_cols=("name", "aliases", "context"))
top_mentions = max(int(all_ents["mentions"].max()) if len(all_ents) else 1, 2)
if int(st.session_state.get("min_mentions") or 1) > top_mentions:  # fewer articles chosen than before
    st.session_state["min_mentions"] = top_mentions
min_mentions = st.columns([1, 2])[0].slider("Minimum mentions", 1, top_mentions, key="min_mentions", bind="query-params",
                         help="Hide entities mentioned fewer times than this.")
ents = ents[ents["mentions"] >= min_mentions]

left, right = st.columns([3, 2])
show_chart(shared(entity_bar)(ents), key="ent_chart", container=left, selection_mode="points",
           on_select=lambda: set_filter("entity", chart_choice("ent_chart")))
show_chart(shared(entity_type_mix)(ents), key="type_mix", container=right, selection_mode="points",
           on_select=lambda: set_filter("type", chart_choice("type_mix")))

names = sorted(ents["name"].unique())
focus = st.multiselect("Focus on entities", names, key="entity", bind="query-params",
                       placeholder="Click a bar or choose entities", help="Clicking a bar in the chart sets this.")
unfocused = ents
if focus:
    ents = ents[ents["name"].isin(focus)]

names_of = titles(data, f.articles)
table = ents.sort_values(["mentions", "salience"], ascending=False).reset_index(drop=True)
table = table.assign(type=table["label"].map(type_name), context_shown=table["context"].map(centred),
                     article_title=table["article"].map(names_of),
                     aliases=table["aliases"].map(lambda a: ", ".join(a) if isinstance(a, (list, tuple)) else a))
table = blank_missing(table)
n_arts = table["article"].nunique()
st.caption(f"{plural(len(table), 'entity')} in {plural(n_arts, 'article')}" if len(table) else "No entity matches the filters.")
order = shown_columns(ENT_COLUMNS, several_articles=len(f.articles) > 1)
ev = st.dataframe(table, hide_index=True, on_select="rerun", selection_mode="single-row", key="ent_table",
                  column_order=order, column_config=ENT_COLUMNS)
download_row(data, f.articles, table, "entities", column_config=ENT_COLUMNS, columns=order)

row = selected_row(ev, table)
if row is not None:
    st.subheader(f"{row['name']} in context", anchor=False)
    ments = data.frames["mentions"]
    ments = ments[(ments["article"] == row["article"]) & (ments["entity_id"] == row["id"])]
    st.caption(f"{row['type']} · {plural(len(ments), 'mention')}" + (f" · also written {md(row['aliases'])}" if row["aliases"] else ""))
    st.html(kwic_html(kwic_rows(ments, data.text(row["article"]))))
    q = data.frames["quotes"]
    q = q[(q["article"] == row["article"]) & (q["speaker_entity_id"] == row["id"])]
    if not q.empty:
        st.markdown("**Statements**")
        st.html(statements_html(q.sort_values("start"), names_of))
    n = data.frames["numbers"]
    n = n[(n["article"] == row["article"]) & (n["subject"] == row["name"])]
    if not n.empty:
        st.markdown("**Numeric facts**")
        facts = number_table(n, names_of)
        st.dataframe(facts, hide_index=True, column_order=["text", "kind", "amount", "usd", "when_text"],
                     column_config=NUMBER_COLUMNS)
else:
    st.caption("Select a row to see every mention of that entity in context, with its statements and numbers.")

# which entities are named together: with a focus, the focused entities' partners (not only themselves)
shown = data.frames["mentions"]
shown = shown[shown["article"].isin(unfocused["article"].unique()) & shown["name"].isin(unfocused["name"].unique())]
pairs = focus_pairs(cooccurrence_pairs(shown), focus)
show_chart(shared(cooccurrence_heatmap)(pairs, focus=focus), key="cooc_chart")


# ------------------------------------------------------------------ corrections: the user decides


def _save_correction(rule: dict) -> None:
    from newslens.preprocess import apply_rule_to_corpus
    from newslens.pipeline import ModelNotFoundError
    from ui.data import get_nlp

    try:
        with st.spinner("Saving the correction and reprocessing the articles it changes…"):
            get_nlp()
            changed = apply_rule_to_corpus(rule, data_dir())
    except (CorrectionError, ModelNotFoundError, OSError) as exc:
        st.session_state["fix_message"] = ("error", str(exc))
        return
    done = f"reprocessed {len(changed)} article(s)" if changed else "no processed article names it yet"
    st.session_state["fix_message"] = ("success", f"Saved: {_describe(rule)} — {done}.")
    st.toast("Correction saved")


def _remove_correction(index: int) -> None:
    from newslens.preprocess import remove_rule_from_corpus
    from newslens.pipeline import ModelNotFoundError
    from ui.data import get_nlp

    try:
        with st.spinner("Removing the correction and reprocessing…"):
            get_nlp()
            remove_rule_from_corpus(index, data_dir())
    except (CorrectionError, ModelNotFoundError, OSError) as exc:
        st.session_state["fix_message"] = ("error", str(exc))
        return
    st.session_state["fix_message"] = ("success", "Correction removed.")


def _describe(rule: dict) -> str:
    scope = f" (only in {rule['article']})" if rule.get("article") else ""
    a = rule["action"]
    if a == "rename":
        return f"rename “{rule['name']}” to “{rule['to']}”{scope}"
    if a == "relabel":
        return f"“{rule['name']}” is a {type_name(rule['label'])}{scope}"
    if a == "merge":
        return f"merge {', '.join('“' + n + '”' for n in rule['names'])} into “{rule['into']}”{scope}"
    return f"drop “{rule['name']}”{scope}"


with st.expander("Correct an entity", expanded="fix_message" in st.session_state):
    st.caption("Rules are saved in `data/corrections.json`, applied whenever articles are processed, and kept "
               "across restarts.")
    choices = sorted(all_ents["name"].unique())
    if choices:
        picked = row["name"] if row is not None else None
        if picked in choices and st.session_state.get("fix_picked") != picked:
            st.session_state["fix_entity"] = picked  # the row chosen in the table
        st.session_state["fix_picked"] = picked
        target = st.selectbox("Entity", choices, key="fix_entity")
        action = st.radio("Correction", list(ACTIONS), format_func=ACTIONS.get, key="fix_action", horizontal=True)
        rule: dict = {"action": action}
        if action == "rename":
            rule.update(name=target, to=st.text_input("New name", key="fix_to").strip())
        elif action == "relabel":
            current = all_ents.loc[all_ents["name"] == target, "label"].iloc[0]
            rule.update(name=target, label=st.selectbox("New type", LABELS, index=LABELS.index(current)
                                                         if current in LABELS else 0, key="fix_label",
                                                         format_func=lambda lab: f"{type_name(lab)} ({lab})"))
        elif action == "merge":
            others = st.multiselect("Entities that are the same thing", [c for c in choices if c != target],
                                    key="fix_others")
            rule.update(names=[target, *others], into=target)
        else:
            rule.update(name=target)
        arts = sorted(all_ents.loc[all_ents["name"] == target, "article"].unique())
        if len(arts) == 1 and st.checkbox(f"Only in this article ({arts[0]})", key="fix_scope"):
            rule["article"] = arts[0]
        ready = (action != "rename" or rule.get("to")) and (action != "merge" or len(rule.get("names", [])) > 1)
        st.button("Save correction", key="fix_save", type="primary", disabled=not ready,
                  on_click=_save_correction, args=(rule,))
    message = st.session_state.pop("fix_message", None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])
    saved = load_corrections(corrections_path(data_dir()))
    if saved.error:
        st.warning(f"The corrections file could not be read ({saved.error}); saving a new rule keeps a backup.")
    for i, r in enumerate(saved.rules):
        c1, c2 = st.columns([6, 1])
        c1.markdown(f"{i + 1}. {_describe(r)}")
        c2.button("Remove", key=f"fix_remove_{i}", on_click=_remove_correction, args=(i,))
