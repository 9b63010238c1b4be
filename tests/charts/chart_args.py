"""The arguments each chart factory takes, by parameter name: the book's own data, loaded the way
the chapters load it. ``test_charts.py`` calls every factory that :func:`chart_factories` finds
with these; a factory with a parameter missing here fails that test, so the table grows with the
charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from explainer import data

ARGS: dict[str, Callable[[], Any]] = {
    # chapter 1
    "ratifications": data.accession_ratifications,
    "mean_days": lambda: 21.75,
    # chapter 2
    "troops": data.us_troops_europe,
    "posture_events": data.us_posture_events,
    "spending": data.defence_spending_gdp,
    # chapter 3
    "geometry": data.europe_geometry,
    "map_table": data.poland_map,
    "nato_members": lambda: data.nato_population()["member"],
    "forces": data.poland_forces,
    "belarus": data.belarus_forces,
    # chapter 4
    "deployments": data.belarus_deployments,
    # chapter 5
    "treaty_events": data.new_start_events,
    "exchanges": data.new_start_data,
    # the ledger and the argument map
    "claims": data.claims,
}
