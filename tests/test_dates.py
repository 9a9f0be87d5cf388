"""Dates: absolute dates to ISO, relative ones resolved against the published date."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslens.dates import parse_absolute_date, parse_duration, resolve_date, to_date

PUB = "2026-01-08"  # Thursday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("8 Jan 2026", date(2026, 1, 8)),
        ("January 8, 2026", date(2026, 1, 8)),
        ("Thursday, January 8, 2026", date(2026, 1, 8)),
        ("Thu 8 January 2026", date(2026, 1, 8)),
        ("2026-01-08", date(2026, 1, 8)),
        ("08/01/2026", date(2026, 1, 8)),
        ("Sept. 30, 2025", date(2025, 9, 30)),
        ("the 3rd of March 2024", date(2024, 3, 3)),
        ("31 Feb 2026", None),
        ("Jan 2026", None),
        ("H200", None),
    ],
)
def test_parse_absolute_date(text, expected):
    assert parse_absolute_date(text) == expected


@pytest.mark.parametrize(
    "text,future,iso,resolved",
    [
        ("8 Jan 2026", None, "2026-01-08", False),
        ("on January 8, 2026", None, "2026-01-08", False),
        ("in 2026,", None, "2026", False),
        ("in 2025", None, "2025", False),
        ("the year 2019", None, "2019", False),
        ("March 2025", None, "2025-03", False),
        ("December of 2025", None, "2025-12", False),
        ("mid-2027", None, "2027", False),
        ("the end of 2025", None, "2025", False),
        ("the third quarter of 2025", None, "2025", False),
        ("Q3 2025", None, "2025", False),
        ("fiscal 2026", None, "2026", False),
        ("the 1990s", None, "1990", False),
        ("2025-26", None, "2025", False),
        ("last month", None, "2025-12", True),
        ("earlier this month", None, "2026-01", True),
        ("next month", None, "2026-02", True),
        ("last year", None, "2025", True),
        ("this year", None, "2026", True),
        ("next year", None, "2027", True),
        ("on Tuesday", False, "2026-01-06", True),
        ("on Tuesday", None, "2026-01-06", True),
        ("Thursday", None, "2026-01-08", True),
        ("on Friday", True, "2026-01-09", True),
        ("on Friday", False, "2026-01-02", True),
        ("last Friday", None, "2026-01-02", True),
        ("next Monday", None, "2026-01-12", True),
        ("Wednesday night", None, "2026-01-07", True),
        ("today", None, "2026-01-08", True),
        ("yesterday", None, "2026-01-07", True),
        ("tomorrow", None, "2026-01-09", True),
        ("in December", None, "2025-12", True),
        ("a December report", None, "2025-12", True),
        ("in December", True, "2026-12", True),
        ("in March", True, "2026-03", True),
        ("in March", False, "2025-03", True),
        ("last December", None, "2025-12", True),
        ("in January", None, "2026-01", True),
        ("a year ago", None, "2025-01", True),
        ("two years ago", None, "2024-01", True),
        ("three months ago", None, "2025-10", True),
        ("10 days ago", None, "2025-12-29", True),
        ("a decade ago", None, "2016", True),
        ("Dec. 30", None, "2025-12-30", True),
        ("Jan 12", True, "2026-01-12", True),
        ("5 January", None, "2026-01-05", True),
    ],
)
def test_resolve_date(text, future, iso, resolved):
    r = resolve_date(text, PUB, future=future)
    assert r is not None, text
    assert (r.iso, r.resolved) == (iso, resolved)


@pytest.mark.parametrize("text", ["last month", "on Tuesday", "in December", "a year ago", "yesterday", "Dec. 30"])
def test_relative_needs_published(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text", ["three years", "the past five years", "recent years", "annual", "the past",
                                  "decades", "the past month", "the last three years"])
def test_not_a_date(text):
    assert resolve_date(text, PUB) is None


def test_approximate_flags():
    assert resolve_date("mid-2027", PUB).approximate
    assert resolve_date("early March 2025", PUB).approximate
    assert resolve_date("last week", PUB).approximate
    assert not resolve_date("in 2026", PUB).approximate
    assert not resolve_date("last month", PUB).approximate


@pytest.mark.parametrize(
    "text,expected",
    [("three years", (3, "year")), ("the past 12 months", (12, "month")), ("over the next five years", (5, "year")),
     ("two weeks", (2, "week")), ("48 hours", (48, "hour")), ("recent years", None), ("2026", None)],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


def test_to_date():
    assert to_date("2026-01-08T10:00:00Z") == date(2026, 1, 8)
    assert to_date(date(2026, 1, 8)) == date(2026, 1, 8)
    assert to_date("January") is None and to_date(None) is None and to_date("2026-02-30") is None


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=40),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.sampled_from([None, True, False]),
)
def test_resolve_never_raises(text, pub, future):
    r = resolve_date(text, pub, future=future)
    if r is not None:
        assert len(r.iso) in (4, 7, 10) and r.iso[:4].isdigit()
