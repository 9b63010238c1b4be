"""Load and validate the book's CSV files in ``data/``.

Every loader checks its file against a pandera schema. A file that breaks the schema raises
:class:`DataError`, whose message names the file, the line (counting the header as line 1), the
column and what is wrong, so a contributor can fix the row at once. Every row of every file carries
the URL of the page its numbers were read from (``source_url``).

Add a dataset in three steps: put the CSV in ``data/`` with a ``source_url`` column, describe it in
``data/README.md``, and add a schema and a ``load_*`` function here (with a test).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

#: The environment variable that points the loaders at the book's ``data/`` folder.
DATA_ENV = "EXPLAINER_DATA_DIR"
#: A file every copy of the book's data folder holds (how a folder is recognised as the data).
DATA_MARKER = "accession_ratifications.csv"
_data_dir: Path | None = None


def set_data_dir(path: Path | str | None) -> None:
    """Point every loader at ``path`` (the book's ``data/`` folder); None forgets the setting."""
    global _data_dir
    if path is None:
        _data_dir = None
        return
    folder = Path(path)
    if not (folder / DATA_MARKER).is_file():
        raise DataError(f"{folder} is not the book's data folder (it has no {DATA_MARKER})")
    _data_dir = folder


def data_dir_path(path: Path | str | None = None) -> Path:
    """The book's ``data/`` folder: ``path`` if given, else the folder set with
    :func:`set_data_dir`, else ``$EXPLAINER_DATA_DIR``, else a ``data/`` folder holding the book's
    data in the working directory or one of its parents (a notebook runs from ``book/``, the
    tests from the repository's root).

    Raises
    ------
    DataError
        If no folder is given and none is found; the message says how to point the loaders at it.
    """
    if path is not None:
        return Path(path)
    if _data_dir is not None:
        return _data_dir
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / DATA_MARKER).is_file():
            return folder / "data"
    raise DataError(
        f"the book's data folder was not found from {here}: run from the book's repository, or set "
        f"{DATA_ENV}=/path/to/the/repository/data, or call explainer.data.set_data_dir(path), or pass "
        "data_dir= to the loader"
    )


URL_PATTERN = r"^https?://\S+$"


class DataError(ValueError):
    """A CSV file in ``data/`` does not match its schema."""


def _source_url(nullable: bool = False) -> pa.Column:
    """A source URL column. ``nullable`` only for files whose empty rows hold no value at all
    (the loader then checks that every row *with* a value has a URL)."""
    return pa.Column(str, pa.Check.str_matches(URL_PATTERN), nullable=nullable)


def _describe(errors: SchemaErrors | SchemaError, path: Path) -> str:
    cases = errors.failure_cases if isinstance(errors, SchemaErrors) else errors.failure_cases
    lines = []
    if cases is None or len(cases) == 0:
        return f"{path.name}: {errors}"
    rows = cases[cases["index"].notna()] if "index" in cases else cases.iloc[:0]
    if len(rows):
        # a bad cell is the cause: report it once per cell, and not the table-wide checks that
        # then fail on the uncoerced column (their messages are pandas internals, not the problem)
        cases = rows.drop_duplicates(subset=["index", "column"])
    for _, case in cases.head(10).iterrows():
        column = case.get("column")
        index = case.get("index")
        check = case.get("check")
        value = case.get("failure_case")
        where = f"line {int(index) + 2}" if index is not None and pd.notna(index) else "the header"
        if column is None or (isinstance(column, float) and pd.isna(column)):
            column = value if check == "column_in_dataframe" else "(table)"
            lines.append(f"{path.name}: {where}, column {column!r}: {check}")
        elif str(check).startswith("coerce_dtype("):
            kind = str(check)[len("coerce_dtype('") : -2]
            what = "a number" if kind.startswith(("float", "int")) else kind
            lines.append(f"{path.name}: {where}, column {column!r}: value {value!r} is not {what}")
        else:
            lines.append(f"{path.name}: {where}, column {column!r}: value {value!r} fails {check}")
    more = len(cases) - 10
    if more > 0:
        lines.append(f"... and {more} more problems")
    return "\n".join(lines)


def load_csv(
    path: Path | str, schema: pa.DataFrameSchema, dates: tuple[str, ...] = (), values: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Read ``path`` and validate it against ``schema``; raise :class:`DataError` on a bad row.

    Date columns are parsed as ISO dates (YYYY-MM-DD); an unparsable date is reported with its
    file, line and column like any other schema failure. If ``values`` names columns, a row that
    has any of them filled in must have a ``source_url`` (rows with no value may have none).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    expected = ", ".join(schema.columns)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.EmptyDataError:
        first = next(iter(schema.columns), "(none)")
        raise DataError(
            f"{path.name}: line 1, column {first!r}: the file is empty (no header); expected the columns {expected}"
        ) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path.name}: cannot be read as CSV: {exc}") from exc
    if frame.empty:
        first = frame.columns[0] if len(frame.columns) else "(none)"
        raise DataError(f"{path.name}: line 2, column {first!r}: the file has a header but no rows of data")
    for column in dates:
        if column not in frame.columns:
            continue
        parsed = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
        bad = frame[column].notna() & parsed.isna()
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(
                f"{path.name}: line {i + 2}, column {column!r}: "
                f"{frame[column].iloc[i]!r} is not an ISO date (YYYY-MM-DD)"
            )
        frame[column] = parsed
    if values and "source_url" in frame.columns:
        has_value = frame[[c for c in values if c in frame.columns]].notna().any(axis=1)
        unsourced = has_value & frame["source_url"].isna()
        if unsourced.any():
            i = int(unsourced.to_numpy().nonzero()[0][0])
            raise DataError(f"{path.name}: line {i + 2}, column 'source_url': a row with a value needs a source URL")
    try:
        return schema.validate(frame, lazy=True)
    except (SchemaErrors, SchemaError) as exc:
        raise DataError(_describe(exc, path)) from exc


# ---------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------
ACCESSION_RATIFICATIONS = pa.DataFrameSchema(
    {
        "candidate": pa.Column(str, pa.Check.isin(["Finland", "Sweden"])),
        "member": pa.Column(str, pa.Check.str_length(min_value=2)),
        "parliament_approved": pa.Column(
            "datetime64[ns]",
            pa.Check.in_range(pd.Timestamp("2022-07-05"), pd.Timestamp("2024-03-07")),
            nullable=True,
        ),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    unique=["candidate", "member"],
    strict=True,
    coerce=True,
)

ACCESSION_MILESTONES = pa.DataFrameSchema(
    {
        "candidate": pa.Column(str),
        "event": pa.Column(str),
        "date": pa.Column("datetime64[ns]", nullable=False),
        "source_url": _source_url(),
    },
    strict=True,
    coerce=True,
)

NATO_POPULATION = pa.DataFrameSchema(
    {
        "member": pa.Column(str, unique=True),
        "population": pa.Column(int, pa.Check.gt(0)),
        "year": pa.Column(int, pa.Check.eq(2024)),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    checks=pa.Check(lambda df: len(df) == 32, error="NATO has 32 members"),
    strict=True,
    coerce=True,
)

EU_COUNCIL_POPULATION = pa.DataFrameSchema(
    {
        "member_state": pa.Column(str, unique=True),
        "population_share_pct": pa.Column(float, pa.Check.in_range(0.0, 100.0)),
        "year": pa.Column(int, pa.Check.eq(2025)),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(lambda df: len(df) == 27, error="the EU has 27 member states"),
        pa.Check(
            lambda df: abs(df["population_share_pct"].sum() - 100.0) <= 0.05,
            error="shares must add up to 100% (within rounding)",
        ),
    ],
    strict=True,
    coerce=True,
)

DEFENCE_SPENDING_GDP = pa.DataFrameSchema(
    {
        "country": pa.Column(str),
        "year": pa.Column(int, pa.Check.in_range(2014, 2025)),
        "pct_gdp": pa.Column(float, pa.Check.in_range(0.0, 10.0), nullable=True),
        "estimate": pa.Column(str, pa.Check.isin(["true", "false"])),
        "source_url": _source_url(nullable=True),
    },
    unique=["country", "year"],
    strict=True,
    coerce=True,
)

US_TROOPS_EUROPE = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.in_range(1945, 2026)),
        "troops": pa.Column(int, pa.Check.gt(0)),
        "scope": pa.Column(str, pa.Check.str_length(min_value=3)),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    strict=True,
    coerce=True,
)

NEW_START_DATA = pa.DataFrameSchema(
    {
        "date": pa.Column("datetime64[ns]"),
        "party": pa.Column(str, pa.Check.isin(["United States", "Russia"])),
        "deployed_warheads": pa.Column(float, pa.Check.in_range(0, 5000), nullable=True),
        "deployed_launchers": pa.Column(float, pa.Check.in_range(0, 2000), nullable=True),
        "total_launchers": pa.Column(float, pa.Check.in_range(0, 2000), nullable=True),
        "source_url": _source_url(nullable=True),
        "note": pa.Column(str, nullable=True),
    },
    unique=["date", "party"],
    strict=True,
    coerce=True,
)

#: file name -> (schema, ISO date columns, value columns that require a source URL when filled)
SCHEMAS: dict[str, tuple[pa.DataFrameSchema, tuple[str, ...], tuple[str, ...]]] = {
    "accession_ratifications.csv": (ACCESSION_RATIFICATIONS, ("parliament_approved",), ()),
    "accession_milestones.csv": (ACCESSION_MILESTONES, ("date",), ()),
    "nato_population.csv": (NATO_POPULATION, (), ()),
    "eu_council_population.csv": (EU_COUNCIL_POPULATION, (), ()),
    "defence_spending_gdp.csv": (DEFENCE_SPENDING_GDP, (), ("pct_gdp",)),
    "us_troops_europe.csv": (US_TROOPS_EUROPE, (), ()),
    "new_start_data.csv": (NEW_START_DATA, ("date",), ("deployed_warheads", "deployed_launchers", "total_launchers")),
}


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the CSV called ``name`` from ``data/`` and validate it against its schema."""
    if name not in SCHEMAS:
        raise DataError(f"{name}: no schema registered; known files: {', '.join(sorted(SCHEMAS))}")
    schema, dates, values = SCHEMAS[name]
    return load_csv(data_dir_path(data_dir) / name, schema, dates, values)


# ---------------------------------------------------------------------------------------------
# Loaders the chapters call
# ---------------------------------------------------------------------------------------------
#: Finland's and Sweden's accession protocols were signed on this day (accession_milestones.csv).
PROTOCOL_SIGNED = pd.Timestamp("2022-07-05")


def accession_ratifications(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Each ally's parliamentary approval of Finland's and Sweden's accession protocols.

    Adds ``days``: days from the protocols' signature (5 July 2022) to the approval (empty where
    no date was found: Finland's approval of Sweden's protocol).
    """
    frame = load("accession_ratifications.csv", data_dir)
    frame["days"] = (frame["parliament_approved"] - PROTOCOL_SIGNED).dt.days
    return frame


def accession_milestones(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Dated milestones of NATO enlargements from 1997 to 2024."""
    return load("accession_milestones.csv", data_dir)


def nato_population(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Population of the 32 NATO members in 2024 (World Bank SP.POP.TOTL)."""
    return load("nato_population.csv", data_dir)


def eu_council_population(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Each EU member state's share of the EU population used for Council votes in 2025."""
    return load("eu_council_population.csv", data_dir)


def defence_spending_gdp(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Defence expenditure as % of GDP (NATO definition), 2014-2025, one NATO edition (2025).

    ``estimate`` is a boolean column: 2024 and 2025 are estimates in that edition. Do not mix
    editions in one chart (see data/README.md).
    """
    frame = load("defence_spending_gdp.csv", data_dir)
    frame["estimate"] = frame["estimate"] == "true"
    return frame


def us_troops_europe(data_dir: Path | str | None = None) -> pd.DataFrame:
    """US military personnel in Europe: the DMDC permanent-station series and reported totals.

    The ``scope`` column says what each row counts; never join rows of different scope in one line
    without saying so.
    """
    return load("us_troops_europe.csv", data_dir)


def new_start_data(data_dir: Path | str | None = None) -> pd.DataFrame:
    """New START aggregate data exchanges, 2011-2023, for the United States and Russia."""
    return load("new_start_data.csv", data_dir)


# --- chapter 5: New START timeline -----------------------------------------------------------
NEW_START_EVENTS = pa.DataFrameSchema(
    {
        "date": pa.Column(
            "datetime64[ns]",
            pa.Check.in_range(pd.Timestamp("2010-01-01"), pd.Timestamp("2026-11-30")),
        ),
        "actor": pa.Column(str, pa.Check.isin(["United States", "Russia", "Both"])),
        "event": pa.Column(str, pa.Check.str_length(min_value=5, max_value=45)),
        "detail": pa.Column(str, pa.Check.str_length(min_value=10)),
        "source_url": _source_url(),
        "state_media_only": pa.Column(str, pa.Check.isin(["true", "false"])),
        "note": pa.Column(str, nullable=True),
    },
    unique=["date", "event"],
    checks=pa.Check(lambda df: df["date"].is_monotonic_increasing, error="rows must be in date order"),
    strict=True,
    coerce=True,
)
SCHEMAS["new_start_events.csv"] = (NEW_START_EVENTS, ("date",), ())


def new_start_events(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Dated, sourced New START events from signature (8 April 2010) to after expiry (2026).

    ``state_media_only`` is a boolean column: True where the event rests only on Russian state
    media.
    """
    frame = load("new_start_events.csv", data_dir)
    frame["state_media_only"] = frame["state_media_only"] == "true"
    return frame


# ---------------------------------------------------------------------------------------------
# claims.csv: the claim ledger (the argument as a whole; appended by its author)
# ---------------------------------------------------------------------------------------------
#: What a claim is: a statement of fact, an opinion, a forecast, or a proposal.
CLAIM_KINDS: tuple[str, ...] = ("fact", "opinion", "prediction", "proposal")
#: Verdicts on factual claims; every other kind's verdict is its kind.
FACT_VERDICTS: tuple[str, ...] = ("supported", "partly supported", "false", "unsupported")
#: The fixed set of verdicts the ledger may use.
CLAIM_VERDICTS: tuple[str, ...] = FACT_VERDICTS + ("opinion", "prediction", "proposal")
#: Who wrote the claim: the blog editor's introduction or Korybko's column.
CLAIM_SPEAKERS: tuple[str, ...] = ("editor", "author")

_URL_LIST = r"^https?://\S+(; https?://\S+)*$"


def _verdict_matches_kind(df: pd.DataFrame) -> pd.Series:
    is_fact = df["kind"] == "fact"
    return (is_fact & df["verdict"].isin(FACT_VERDICTS)) | (~is_fact & (df["verdict"] == df["kind"]))


# ---------------------------------------------------------------------------------------------
# Chapter 2: dated events in the US force posture in Europe (appended by chapter 2)
# ---------------------------------------------------------------------------------------------
US_POSTURE_EVENTS = pa.DataFrameSchema(
    {
        "date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("1945-01-01"), pd.Timestamp("2026-12-31"))),
        "label": pa.Column(str, pa.Check.str_length(min_value=3, max_value=120)),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    unique=["date"],
    strict=True,
    coerce=True,
)
SCHEMAS["us_posture_events.csv"] = (US_POSTURE_EVENTS, ("date",), ())


def us_posture_events(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Dated events marked on chapter 2's troop chart (Berlin Wall, Crimea, 2022, Romania, NDAA).

    One source URL per row; the 1957 peak is not here because it comes from the troop data.
    """
    return load("us_posture_events.csv", data_dir).sort_values("date").reset_index(drop=True)


# claims.csv (continued): like every file in data/, the ledger's URL column is ``source_url``; it
# holds one URL or several separated by "; ", and is empty only for opinions, predictions and
# proposals that cite none.
CLAIMS = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(str, pa.Check.str_matches(r"^C\d{2}$"), unique=True),
        "speaker": pa.Column(str, pa.Check.isin(CLAIM_SPEAKERS)),
        "quote": pa.Column(str, pa.Check.str_length(min_value=10, max_value=260)),
        "kind": pa.Column(str, pa.Check.isin(CLAIM_KINDS)),
        "verdict": pa.Column(str, pa.Check.isin(CLAIM_VERDICTS)),
        "explanation": pa.Column(str, pa.Check.str_length(min_value=20)),
        "corrections": pa.Column(str, pa.Check.str_matches(r"^D\d{1,2}(; D\d{1,2})*$"), nullable=True),
        "source_url": pa.Column(str, pa.Check.str_matches(_URL_LIST), nullable=True),
        "chapter": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_]+$")),
    },
    checks=[
        pa.Check(
            _verdict_matches_kind,
            error="a fact's verdict must be supported, partly supported, false or unsupported; "
            "any other kind's verdict must equal its kind",
        ),
        pa.Check(
            lambda df: (df["kind"] != "fact") | df["source_url"].notna(),
            error="every factual claim needs at least one source URL",
        ),
    ],
    strict=True,
    coerce=True,
)

SCHEMAS["claims.csv"] = (CLAIMS, (), ())


def claims(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The claim ledger: every claim of the article (editor's introduction and Korybko's column).

    Adds ``urls``: the list of source URLs read for each claim (``source_url`` split on "; "),
    empty for opinions, predictions and proposals that cite none.
    """
    frame = load("claims.csv", data_dir)
    frame["urls"] = [[] if pd.isna(s) else s.split("; ") for s in frame["source_url"]]
    return frame


# ---------------------------------------------------------------------------------------------
# Chapter 4: Russian weapons in Belarus (belarus_deployments.csv)
# ---------------------------------------------------------------------------------------------
BELARUS_SYSTEMS = ["tactical nuclear weapons", "Oreshnik", "Zapad-2025"]

BELARUS_DEPLOYMENTS = pa.DataFrameSchema(
    {
        "date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2023-01-01"), pd.Timestamp("2026-11-30"))),
        "system": pa.Column(str, pa.Check.isin(BELARUS_SYSTEMS)),
        "event": pa.Column(str, pa.Check.str_length(min_value=20)),
        "claimant": pa.Column(str, pa.Check.str_length(min_value=5)),
        "official_claim_only": pa.Column(str, pa.Check.isin(["true", "false"])),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    checks=pa.Check(lambda df: df["date"].is_monotonic_increasing, error="rows must be in date order"),
    strict=True,
    coerce=True,
)

SCHEMAS["belarus_deployments.csv"] = (BELARUS_DEPLOYMENTS, ("date",), ())


def belarus_deployments(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Dated announcements and events on Russia's tactical nuclear weapons and Oreshnik missiles
    in Belarus, and the Zapad-2025 exercise (2023-2025).

    ``official_claim_only`` becomes a boolean column: True where the event's substance (a delivery,
    a completion, combat duty, an exercise scenario) rests only on official Russian or Belarusian
    statements in the sources read.
    """
    frame = load("belarus_deployments.csv", data_dir)
    frame["official_claim_only"] = frame["official_claim_only"] == "true"
    return frame


# ---------------------------------------------------------------------------------------------
# Chapter 3 (Poland): armed-forces sizes, the map's status table and the map's geometry
# ---------------------------------------------------------------------------------------------
POLAND_FORCES = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.in_range(2000, 2040)),
        "personnel": pa.Column(int, pa.Check.in_range(1, 1_000_000)),
        "kind": pa.Column(str, pa.Check.isin(["reported", "target"])),
        "measure": pa.Column(str, pa.Check.str_length(min_value=10)),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    checks=pa.Check(lambda df: (df["kind"] == "target").sum() >= 1, error="the target row is missing"),
    strict=True,
    coerce=True,
)

POLAND_MAP = pa.DataFrameSchema(
    {
        "country": pa.Column(str, unique=True),
        "intermarium": pa.Column(
            str,
            pa.Check.isin(
                [
                    "no",
                    "leader",
                    "candidate",
                    "successor of a candidate (Czechoslovakia)",
                    "successor of a candidate (Yugoslavia)",
                ]
            ),
        ),
        "three_seas": pa.Column(
            str, pa.Check.isin(["no", "founding member", "later member", "associated participating state"])
        ),
        "theatre": pa.Column(
            str, pa.Check.isin(["none", "Arctic–Baltic", "Central and Eastern Europe", "Black Sea–South Caucasus"])
        ),
        "key_state": pa.Column(str, pa.Check.isin(["true", "false"])),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    strict=True,
    coerce=True,
)

BELARUS_FORCES = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.in_range(2000, 2040)),
        "personnel": pa.Column(int, pa.Check.in_range(1, 1_000_000)),
        "measure": pa.Column(str, pa.Check.str_length(min_value=10)),
        "source_url": _source_url(),
        "note": pa.Column(str, nullable=True),
    },
    strict=True,
    coerce=True,
)

SCHEMAS["poland_forces.csv"] = (POLAND_FORCES, (), ())
SCHEMAS["belarus_forces.csv"] = (BELARUS_FORCES, (), ())
SCHEMAS["poland_map.csv"] = (POLAND_MAP, (), ())

#: The map geometry chapter 3 ships (Natural Earth via world-atlas 2.0.2; see data/README.md).
EUROPE_GEOMETRY = "geo/europe_50m.geojson"


def belarus_forces(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Belarus's active forces as two sources count them (chapter 3's band, chapter 4's table)."""
    return load("belarus_forces.csv", data_dir)


def poland_forces(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Poland's armed-forces sizes as reported (each row with its own definition) and the 300,000
    target set with the 2022 Homeland Defence Act. Rows are not one series: see ``measure``."""
    return load("poland_forces.csv", data_dir)


def poland_map(data_dir: Path | str | None = None) -> pd.DataFrame:
    """For the chapter 3 map: each country's Intermarium role, Three Seas membership and the
    article's theatre; ``key_state`` (bool) marks the five states Korybko's follow-up names."""
    frame = load("poland_map.csv", data_dir)
    frame["key_state"] = frame["key_state"] == "true"
    return frame


def europe_geometry(data_dir: Path | str | None = None) -> dict:
    """The country shapes of the chapter 3 map, a GeoJSON FeatureCollection whose feature ``id``
    is the country's name; raises :class:`DataError` if the file is missing or malformed."""
    import json

    path = data_dir_path(data_dir) / EUROPE_GEOMETRY
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path.name}: not valid JSON: {exc}") from exc
    if not isinstance(geo, dict) or geo.get("type") != "FeatureCollection" or not isinstance(geo.get("features"), list):
        raise DataError(f"{path.name}: not a GeoJSON FeatureCollection")
    seen = set()
    for i, feature in enumerate(geo["features"]):
        fid = feature.get("id") if isinstance(feature, dict) else None
        geom = feature.get("geometry", {}) if isinstance(feature, dict) else {}
        if not isinstance(fid, str) or not fid or fid in seen:
            raise DataError(f"{path.name}: feature {i} has a missing or repeated id {fid!r}")
        seen.add(fid)
        if geom.get("type") != "MultiPolygon" or not geom.get("coordinates"):
            raise DataError(f"{path.name}: feature {fid!r} is not a non-empty MultiPolygon")
        for poly in geom["coordinates"]:
            for ring in poly:
                if len(ring) < 4 or ring[0] != ring[-1]:
                    raise DataError(
                        f"{path.name}: feature {fid!r} has a ring that is not closed or has fewer than 4 points"
                    )
    return geo


def catalogue(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per CSV in ``data/``: its name, rows, columns and how many distinct sources it cites.

    Used by the book's "Data and sources" page. Every file is loaded through its schema, so the
    page cannot list a file that fails validation.
    """
    folder = data_dir_path(data_dir)
    rows = []
    for path in sorted(folder.glob("*.csv")):
        frame = load(path.name, folder)
        rows.append(
            {
                "file": path.name,
                "rows": len(frame),
                "columns": ", ".join(frame.columns),
                "sources": int(frame["source_url"].dropna().nunique()) if "source_url" in frame else 0,
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# The ledger's corrections log and the "Since the article" page (appended for the second edition)
# ---------------------------------------------------------------------------------------------
#: The day this edition was revised; no source date in data/ may be later.
EDITION_DATE = pd.Timestamp("2026-12-01")

LEDGER_CORRECTIONS = pa.DataFrameSchema(
    {
        "date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2026-01-01"), EDITION_DATE)),
        "claim_id": pa.Column(str, pa.Check.str_matches(r"^C\d{2}$")),
        "old_verdict": pa.Column(str, pa.Check.isin(CLAIM_VERDICTS)),
        "new_verdict": pa.Column(str, pa.Check.isin(CLAIM_VERDICTS)),
        "why": pa.Column(str, pa.Check.str_length(min_value=20)),
        "source_url": _source_url(),
    },
    unique=["date", "claim_id"],
    strict=True,
    coerce=True,
)
SCHEMAS["ledger_corrections.csv"] = (LEDGER_CORRECTIONS, ("date",), ())


def ledger_corrections(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The claim ledger's public corrections log: one row per changed row of ``claims.csv``
    (date, claim, old and new verdict, why, and the source that prompted the change).

    A row whose verdict did not change records a corrected explanation. Raises
    :class:`DataError` if a row names a claim that is not in the ledger or whose current verdict
    is not the log's latest ``new_verdict`` for it.
    """
    folder = data_dir_path(data_dir)
    frame = load("ledger_corrections.csv", folder).sort_values(["date", "claim_id"]).reset_index(drop=True)
    ledger = load("claims.csv", folder).set_index("claim_id")["verdict"]
    for i, r in frame.iterrows():
        if r["claim_id"] not in ledger.index:
            raise DataError(f"ledger_corrections.csv: claim {r['claim_id']!r} is not in claims.csv")
    latest = frame.groupby("claim_id")["new_verdict"].last()
    for cid, verdict in latest.items():
        if ledger[cid] != verdict:
            raise DataError(
                f"ledger_corrections.csv: {cid}'s latest new_verdict is {verdict!r}, "
                f"but claims.csv gives {ledger[cid]!r}"
            )
    return frame


EVENTS_SINCE_ARTICLE = pa.DataFrameSchema(
    {
        "date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2025-01-01"), EDITION_DATE)),
        "event": pa.Column(str, pa.Check.str_length(min_value=20)),
        "status": pa.Column(str, pa.Check.isin(["reported", "open"])),
        "source_url": _source_url(),
        "source_date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2025-01-01"), EDITION_DATE)),
        "note": pa.Column(str, nullable=True),
    },
    unique=["date", "event"],
    checks=[
        pa.Check(
            lambda df: df["source_date"] >= df["date"],
            error="a source cannot predate what it reports (source_date >= date)",
        ),
        pa.Check(
            lambda df: (df["status"] != "open") | df["event"].str.startswith("Open: "),
            error="an open question's text starts with 'Open: '",
        ),
    ],
    strict=True,
    coerce=True,
)
SCHEMAS["events_since_article.csv"] = (EVENTS_SINCE_ARTICLE, ("date", "source_date"), ())


def events_since_article(data_dir: Path | str | None = None) -> pd.DataFrame:
    """What the sources read show after the article (late 2025), one dated, sourced row each.

    ``status`` is ``reported`` for an event a source reports, ``open`` for a question no source
    read settles; an open row's ``date`` is that of the latest dated fact found on the question.
    Rows come sorted: reported events by date, then the open questions.
    """
    frame = load("events_since_article.csv", data_dir)
    frame["_open"] = frame["status"] == "open"
    frame = frame.sort_values(["_open", "date", "source_date"], kind="stable").drop(columns="_open")
    return frame.reset_index(drop=True)


#: Files whose dates are the book's own (the corrections log), not dates of sources.
NOT_SOURCE_DATED: frozenset[str] = frozenset({"ledger_corrections.csv"})


def sources_read_date(data_dir: Path | str | None = None) -> pd.Timestamp:
    """The date up to which the book's sources were read: the latest date recorded in any ISO date
    column of any data file in ``data/`` (event dates and the events file's ``source_date``), leaving
    out the files in :data:`NOT_SOURCE_DATED`.

    An event's date is never later than the source that reports it, so this is the date of the
    latest source the data rest on. Raises :class:`DataError` if no file has a date.
    """
    folder = data_dir_path(data_dir)
    latest = None
    for name, (_, dates, _) in SCHEMAS.items():
        if name in NOT_SOURCE_DATED or not dates or not (folder / name).is_file():
            continue
        frame = load(name, folder)
        for column in dates:
            value = frame[column].max()
            if pd.notna(value) and (latest is None or value > latest):
                latest = value
    if latest is None:
        raise DataError(f"{folder}: no data file records a date")
    return pd.Timestamp(latest)
