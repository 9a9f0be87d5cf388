"""The Numbers page's pure parts: date intervals, filters, table, and the two charts (figures checked directly)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from newslens.index import frames
from newslens.storage import load_corpus
from ui.charts import money_usd_by_subject, numbers_timeline
from ui.numbers_view import date_extent, filter_numbers, fmt_amount, iso_interval, number_table, restatements, with_when

from .conftest import ROOT


@pytest.fixture(scope="module")
def nums() -> pd.DataFrame:
    return frames(load_corpus(ROOT / "data"))["numbers"]


@pytest.mark.parametrize(
    "iso,expected",
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2025-12", (date(2025, 12, 1), date(2025, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2026-01-08", (date(2026, 1, 8), date(2026, 1, 8))),
        (None, None),
        ("", None),
        ("soon", None),
        ("2026-13", None),
    ],
)
def test_iso_interval(iso, expected):
    assert iso_interval(iso) == expected


@pytest.mark.parametrize(
    "value,unit,text",
    [
        (14.3e9, "USD", "14.3 billion USD"),
        (100e9, "CNY", "100 billion CNY"),
        (1250, "CNY", "1,250 CNY"),
        (3.5, "%", "3.5 %"),
        (2.5e12, None, "2.5 trillion"),
        (None, "USD", ""),
        (float("nan"), None, ""),
    ],
)
def test_fmt_amount(value, unit, text):
    assert fmt_amount(value, unit) == text


def test_when_is_date_or_period(nums):
    w = with_when(nums).set_index("text")
    assert w.loc["about 100 billion yuan", "when"] == "2026"  # the period the amount refers to
    assert w.loc["last month", "when"] == "2025-12"
    assert pd.isna(w.loc["two people", "when_start"])
    assert date_extent(nums) == (date(2025, 1, 1), date(2026, 12, 31))


def test_restatements_and_filters(nums):
    again = nums[restatements(nums)]
    assert list(again["text"]) == ["US$14.3 billion"]
    assert set(filter_numbers(nums, currencies=["USD"])["text"]) == {"US$14.3 billion"}
    assert set(filter_numbers(nums, kinds=["CARDINAL"])["text"]) == {"two people"}
    assert len(filter_numbers(nums, date_range=date_extent(nums), full_range=date_extent(nums))) == len(nums)
    jan = filter_numbers(nums, date_range=(date(2026, 1, 1), date(2026, 1, 31)), full_range=date_extent(nums))
    assert {"8 Jan 2026", "on Tuesday", "in 2026"} <= set(jan["text"]) and "two people" not in set(jan["text"])
    assert filter_numbers(nums.iloc[:0], kinds=["MONEY"]).empty


def test_number_table_in_text_order(nums):
    t = number_table(nums)
    assert list(t["start"]) == sorted(t["start"])
    row = t.set_index("text").loc["about 85 billion yuan"]
    assert row["amount"] == "≈ CN¥85 bn" and row["usd"] == "≈ US$12.2 bn"  # an estimate, not cents
    assert row["kind"] == "Money" and row["when_text"] == "2025"
    assert t.set_index("text").loc["last month", "when_text"] == "Dec 2025"
    assert t.set_index("text").loc["two people", "amount"] == "2 people"  # a count with what it counts
    shown = t[["text", "kind", "amount", "usd", "when_text", "subject", "measure", "qualifier", "context"]]
    assert not shown.isna().any().any() and "None" not in shown.astype(str).to_numpy()
    assert number_table(nums.iloc[:0]).empty


def test_range_column():
    df = pd.DataFrame(
        [
            {
                "article": "a",
                "id": "n1",
                "text": "$10-12 billion",
                "label": "MONEY",
                "value": 11e9,
                "low": 10e9,
                "high": 12e9,
                "unit": "USD",
                "date": None,
                "start": 0,
                "end": 14,
            }
        ]
    )
    assert number_table(df)["amount"].iloc[0] == "US$10–12 bn"  # a range as its two ends, not its middle
    pct = df.assign(text="5.25-5.5%", label="PERCENT", value=5.375, low=5.25, high=5.5, unit="%")
    assert number_table(pct)["amount"].iloc[0] == "5.25–5.5 %"


def _money_range(**kw) -> pd.DataFrame:
    """One money range as the numbers package writes it: value the middle, low/high the ends."""
    row = {"article": "a", "id": "n1", "text": "$4 billion to $5 billion", "label": "MONEY", "value": 4.5e9,
           "low": 4e9, "high": 5e9, "unit": "USD", "usd_value": 4.5e9, "usd_source": "article", "date": None,
           "subject": "Codelco", "start": 0, "end": 24, "context": "It will invest $4 billion to $5 billion."}
    return pd.DataFrame([{**row, **kw}])


def test_a_range_in_us_dollars_stays_a_range():
    assert number_table(_money_range())["usd"].iloc[0] == "US$4–5 bn"  # not its midpoint, US$4.5 bn
    euros = _money_range(text="4-5 billion euros", unit="EUR", usd_value=4.5e9 * 1.1, usd_source="reference rate")
    assert number_table(euros)["usd"].iloc[0] == "≈ US$4.4–5.5 bn"  # both ends at the fact's rate
    assert number_table(_money_range(low=None, high=None))["usd"].iloc[0] == "US$4.5 bn"


def test_money_chart_draws_a_range_across_its_two_ends():
    [tr] = money_usd_by_subject(_money_range()).data
    assert tr.x[0] - tr.error_x.arrayminus[0] == 4e9 and tr.x[0] + tr.error_x.array[0] == 5e9
    assert tr.error_x.visible and list(tr.text) == ["US$4–5 bn"] and tr.customdata[0][2] == "US$4–5 bn"
    [single] = money_usd_by_subject(_money_range(low=None, high=None)).data
    assert not single.error_x.visible and list(single.text) == ["US$4.5 bn"]


def test_money_chart_in_dollars_by_subject(nums):
    fig = money_usd_by_subject(nums)
    points = [(x, y, cd) for tr in fig.data for x, y, cd in zip(tr.x, tr.y, tr.customdata)]
    # two yuan amounts; the US$ restatement of the first is not drawn again
    assert sorted(round(x / 1e9, 1) for x, _, _ in points) == [12.2, 14.3]
    assert {y for _, y, _ in points} == {"ByteDance"}
    hover = {cd[1]: cd for _, _, cd in points}
    assert hover["about 100 billion yuan"][2] == "≈ CN¥100 bn"  # the original amount
    assert hover["about 85 billion yuan"][3] == "≈ US$12.2 bn"
    assert all(tr.mode == "markers+text" and all(tr.text) for tr in fig.data)  # every dot labelled
    assert hover["about 100 billion yuan"][4] == "article"
    assert hover["about 85 billion yuan"][4].startswith("reference rate")
    assert fig.layout.xaxis.type == "log"


def test_timeline_places_facts_in_their_period(nums):
    """A day is a symbol at that day; a month or year a bar from its first to its last day, no dot inside."""
    fig = numbers_timeline(nums)
    spans, days = {}, {}
    for tr in fig.data:
        for x, cd in zip(tr.x, tr.customdata):
            if x is None:
                continue
            (spans if tr.mode == "lines+markers" else days).setdefault(cd[0], []).append((pd.Timestamp(x), cd[3]))
    assert days["on Tuesday"][0][0].date() == date(2026, 1, 6) and "published date" in days["on Tuesday"][0][1]
    assert days["8 Jan 2026"][0][1] == "as stated"
    (y_lo, _), (y_hi, _) = spans["in 2026"]
    assert y_lo.date() == date(2026, 1, 1) and y_hi.date() == date(2026, 12, 31)
    assert [x.date().month for x, _ in spans["last month"]] == [12, 12]
    assert "in 2026" not in days and "US$14.3 billion" not in spans and "two people" not in {**days, **spans}
    assert all(getattr(tr.marker, "symbol", "") not in ("circle-open",) for tr in fig.data)  # nothing hollow
    assert fig.layout.legend.y > 1  # above the plot: never over the tick labels


def test_charts_on_nothing():
    empty = pd.DataFrame(
        columns=[
            "article",
            "id",
            "text",
            "label",
            "value",
            "unit",
            "usd_value",
            "date",
            "subject",
            "low",
            "high",
            "start",
            "end",
            "context",
        ]
    )
    for fig in (money_usd_by_subject(empty), numbers_timeline(empty)):
        assert fig.layout.annotations and not fig.data
