"""Chapter 5: the New START events file loads, holds the key dates and its schema is checked.

The chapter's charts are tested in ``tests/charts/test_periphery_charts.py``."""

from __future__ import annotations

import pandas as pd
import pytest

from explainer import data


# --- data ------------------------------------------------------------------------------------
def test_events_load_and_hold_the_key_dates():
    ev = data.new_start_events()
    when = ev.set_index("event")["date"]
    assert when["Treaty signed in Prague"] == pd.Timestamp("2010-04-08")
    assert when["Treaty enters into force"] == pd.Timestamp("2011-02-05")
    assert when["Extended for five years"] == pd.Timestamp("2021-02-03")
    assert when["Suspension law signed"] == pd.Timestamp("2023-02-28")
    assert when["Putin offers one year of limits"] == pd.Timestamp("2025-09-22")
    assert when["Treaty expires"] == pd.Timestamp("2026-02-05")
    assert ev["source_url"].str.startswith("http").all()
    assert ev["state_media_only"].dtype == bool and ev["state_media_only"].sum() == 1


def _copy_with(tmp_path, edit):
    src = data.data_dir_path() / "new_start_events.csv"
    frame = pd.read_csv(src, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(tmp_path / "new_start_events.csv", index=False)
    return tmp_path


def test_events_schema_rejects_bad_rows(tmp_path):
    def bad_actor(f):
        f.loc[0, "actor"] = "NATO"

    with pytest.raises(data.DataError, match="actor"):
        data.new_start_events(_copy_with(tmp_path, bad_actor))

    def bad_date(f):
        f.loc[1, "date"] = "5 Feb 2011"

    with pytest.raises(data.DataError, match="line 3, column 'date'"):
        data.new_start_events(_copy_with(tmp_path, bad_date))

    def no_url(f):
        f.loc[2, "source_url"] = "www.state.gov"

    with pytest.raises(data.DataError, match="source_url"):
        data.new_start_events(_copy_with(tmp_path, no_url))

    def out_of_order(f):
        f.loc[0, "date"] = "2026-03-01"

    with pytest.raises(data.DataError, match="date order"):
        data.new_start_events(_copy_with(tmp_path, out_of_order))


def test_missing_events_file(tmp_path):
    with pytest.raises(data.DataError, match="not found"):
        data.new_start_events(tmp_path)
