"""Every CSV in data/ matches its schema; a malformed file is reported by file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from explainer import data

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize("name", sorted(data.SCHEMAS))
def test_every_registered_csv_validates_and_cites_a_source(name):
    frame = data.load(name)
    assert len(frame) > 0
    values = data.SCHEMAS[name][2]
    sourced = frame[frame[list(values)].notna().any(axis=1)] if values else frame
    assert len(sourced) > 0
    assert sourced["source_url"].str.match(r"^https?://").all()


def test_every_csv_in_data_has_a_schema_and_is_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in DATA.glob("*.csv"):
        assert path.name in data.SCHEMAS, f"{path.name} has no schema in explainer.data"
        assert path.name in readme, f"{path.name} is not described in data/README.md"


def test_known_values():
    rat = data.accession_ratifications()
    assert rat.groupby("candidate")["days"].max().to_dict() == {"Finland": 268.0, "Sweden": 601.0}
    assert data.nato_population()["population"].sum() == 980_655_332  # research README
    eu = data.eu_council_population()
    assert eu.set_index("member_state").loc["Germany", "population_share_pct"] == 18.49
    milestones = data.accession_milestones()
    signed = milestones.query("candidate == 'Finland' and event == 'accession protocol signed by Allies'")
    assert signed["date"].iloc[0] == data.PROTOCOL_SIGNED


def _copy(tmp_path: Path, name: str) -> Path:
    shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / name


def _edit(path: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


def test_bad_number_names_file_line_and_column(tmp_path):
    path = _copy(tmp_path, "nato_population.csv")
    _edit(path, 4, "population", "-5")
    with pytest.raises(data.DataError) as err:
        data.nato_population(tmp_path)
    message = str(err.value)
    assert "nato_population.csv" in message and "line 6" in message and "'population'" in message


def test_bad_date_names_file_line_and_column(tmp_path):
    path = _copy(tmp_path, "accession_ratifications.csv")
    _edit(path, 2, "parliament_approved", "5 July 2022")
    with pytest.raises(data.DataError, match=r"accession_ratifications.csv: line 4, column 'parliament_approved'"):
        data.accession_ratifications(tmp_path)


def test_missing_source_url_is_reported(tmp_path):
    path = _copy(tmp_path, "eu_council_population.csv")
    _edit(path, 0, "source_url", "see above")
    with pytest.raises(data.DataError, match=r"eu_council_population.csv: line 2, column 'source_url'"):
        data.eu_council_population(tmp_path)


def test_missing_column_is_reported(tmp_path):
    path = _copy(tmp_path, "accession_milestones.csv")
    frame = pd.read_csv(path, dtype=str).drop(columns=["source_url"])
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataError, match=r"accession_milestones.csv.*source_url"):
        data.accession_milestones(tmp_path)


def test_unreadable_and_missing_files(tmp_path):
    (tmp_path / "nato_population.csv").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(data.DataError, match="nato_population.csv"):
        data.nato_population(tmp_path)
    with pytest.raises(data.DataError, match="file not found"):
        data.accession_milestones(tmp_path)
    with pytest.raises(data.DataError, match="no schema"):
        data.load("nonexistent.csv")


def test_a_value_without_a_source_is_reported(tmp_path):
    path = _copy(tmp_path, "defence_spending_gdp.csv")
    _edit(path, 0, "source_url", "")
    with pytest.raises(data.DataError, match=r"defence_spending_gdp.csv: line 2, column 'source_url'"):
        data.defence_spending_gdp(tmp_path)


# --- finding the data folder ----------------------------------------------------------------
def test_the_data_folder_is_found_by_setting_not_by_the_package_path(tmp_path, monkeypatch):
    """From a folder outside the book, with no setting, the loaders say how to point them."""
    monkeypatch.delenv(data.DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(data.DataError, match="EXPLAINER_DATA_DIR"):
        data.nato_population()
    monkeypatch.setenv(data.DATA_ENV, str(DATA))
    assert len(data.nato_population()) == 32
    monkeypatch.delenv(data.DATA_ENV)
    data.set_data_dir(DATA)
    try:
        assert len(data.nato_population()) == 32
    finally:
        data.set_data_dir(None)
    with pytest.raises(data.DataError, match="not the book's data folder"):
        data.set_data_dir(tmp_path)


@pytest.mark.slow  # a pip install (about 5 s): in make test, not in the 60 s of make check
def test_a_non_editable_install_runs_from_another_folder(tmp_path):
    """``pip install .`` (not editable), imported from another folder, finds the data through the
    environment variable; the source tree is not on the path."""
    import os
    import shutil
    import subprocess
    import sys

    source = tmp_path / "source"  # a copy: setuptools writes build/ beside the sources it builds
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(DATA.parent / name, source / name)
    shutil.copytree(DATA.parent / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    target = tmp_path / "installed"
    out = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    code = (
        "import explainer, explainer.data as d, explainer.figures.decision_rules as c;"
        f"assert explainer.__file__.startswith({str(target)!r}), explainer.__file__;"
        "print(len(d.nato_population()), c.pass_probability().sentence()[:4])"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "EXPLAINER_DATA_DIR": str(DATA)}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["32", "With"]


# --- loader errors name the file, line and column, and nothing else (issue 20, item 4) --------
def _copy_data(tmp_path):
    for path in DATA.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_an_empty_file_is_a_data_error_naming_file_line_and_column(tmp_path):
    folder = _copy_data(tmp_path)
    (folder / "nato_population.csv").write_text("")
    with pytest.raises(data.DataError) as info:
        data.nato_population(folder)
    message = str(info.value)
    assert message.startswith("nato_population.csv: line 1, column 'member': the file is empty")
    assert "EmptyDataError" not in message and "No columns to parse" not in message
    assert info.value.__cause__ is None  # pandas' own exception is not chained into the report


def test_a_header_only_file_is_a_data_error(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "us_troops_europe.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(
        data.DataError, match=r"^us_troops_europe.csv: line 2, column 'year': the file has a header but no rows"
    ):
        data.us_troops_europe(folder)


def test_a_non_numeric_cell_is_reported_once_without_internal_messages(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "eu_council_population.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[3, "population_share_pct"] = "abc"
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataError) as info:
        data.eu_council_population(folder)
    message = str(info.value)
    assert message == ("eu_council_population.csv: line 5, column 'population_share_pct': value 'abc' is not a number")
    assert "TypeError" not in message and "(table)" not in message and "the header" not in message
