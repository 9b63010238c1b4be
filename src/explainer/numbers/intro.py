"""The date in the introduction (``book/intro.md``): up to when the book's sources were read."""

from __future__ import annotations

from .. import data
from .since_article import day

NOTEBOOK = "intro.md"


def numbers() -> dict[str, str]:
    """The sources-read date, the latest source date in ``data/`` (see :func:`data.sources_read_date`)."""
    return {"sources_read": day(data.sources_read_date())}
