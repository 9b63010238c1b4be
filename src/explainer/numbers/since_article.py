"""The numbers and dates in the prose of "Since the article" (``book/since_article.ipynb``)."""

from __future__ import annotations

import pandas as pd

from .. import data

NOTEBOOK = "since_article.ipynb"


def day(ts: pd.Timestamp) -> str:
    """A date as the book writes it in prose: 5 February 2026."""
    return f"{ts.day} {ts:%B %Y}"


def numbers() -> dict[str, str]:
    """Every number and date the page's text shows, formatted as it shows them."""
    events = data.events_since_article()
    reported = events[events["status"] == "reported"]
    return {
        "sources_read": day(data.sources_read_date()),
        "n_reported": str(len(reported)),
        "n_open": str(int((events["status"] == "open").sum())),
        "first_reported": day(reported["date"].min()),
        "last_reported": day(reported["date"].max()),
    }
