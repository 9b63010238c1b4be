"""Chapter 4: the deployments CSV (the charts are tested in tests/charts/test_core_deal_charts.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from explainer import data

DATA = Path(__file__).resolve().parents[2] / "data"


# --- data -----------------------------------------------------------------------------------
def test_deployments_csv_schema_and_known_rows():
    frame = data.belarus_deployments()
    assert len(frame) == 15
    assert frame["official_claim_only"].dtype == bool
    assert frame["date"].is_monotonic_increasing
    first = frame.iloc[0]
    assert first["date"] == pd.Timestamp("2023-03-25") and first["system"] == "tactical nuclear weapons"
    oreshnik_duty = frame[(frame.system == "Oreshnik") & (frame.date == pd.Timestamp("2025-12-18"))]
    assert oreshnik_duty["official_claim_only"].any()
    # claims that rest only on Moscow's or Minsk's word come from the Russian or Belarusian side
    claims = frame[frame["official_claim_only"]]
    assert claims["claimant"].str.contains("Russian|Belarusian").all()
    assert frame["source_url"].str.match(r"^https?://").all()


def test_deployments_csv_reports_a_bad_flag_by_line_and_column(tmp_path):
    shutil.copy(DATA / "belarus_deployments.csv", tmp_path / "belarus_deployments.csv")
    frame = pd.read_csv(tmp_path / "belarus_deployments.csv", dtype=str, keep_default_na=False)
    frame.loc[3, "official_claim_only"] = "maybe"
    frame.to_csv(tmp_path / "belarus_deployments.csv", index=False)
    with pytest.raises(data.DataError, match=r"belarus_deployments.csv: line 5, column 'official_claim_only'"):
        data.belarus_deployments(tmp_path)


def test_deployments_csv_rejects_rows_out_of_order(tmp_path):
    frame = pd.read_csv(DATA / "belarus_deployments.csv", dtype=str, keep_default_na=False)
    frame.iloc[::-1].to_csv(tmp_path / "belarus_deployments.csv", index=False)
    with pytest.raises(data.DataError, match="date order"):
        data.belarus_deployments(tmp_path)
