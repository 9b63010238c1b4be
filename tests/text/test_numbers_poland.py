"""Chapter 3's numbers (``book/03_poland.ipynb``): what the text says about them holds.

``tests/test_numbers.py`` checks that every marked number shows what
:func:`explainer.numbers.poland.numbers` computes. These tests check the claims the prose makes
around those numbers (the checks the chapter's notebook once made in its own cells), with values
worked out by hand where the text works them out, so that a change in the data or the models that
makes a sentence false fails here, naming the sentence.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from conftest import ROOT

from explainer import data
from explainer.models import poland as pl
from explainer.numbers import poland as ch3


@pytest.fixture(scope="module")
def v() -> dict[str, str]:
    return ch3.numbers()


@pytest.fixture(scope="module")
def piv():
    return ch3.spending_table()


@pytest.fixture(scope="module")
def forces() -> dict[int, int]:
    f = data.poland_forces()
    return {int(y): int(p) for y, p in zip(f["year"], f["personnel"])}


def test_the_sources_read_date(v):
    assert v["asof"] == "25 February 2026", (
        "chapter 3 dates its status sentences 'as of 25 February 2026' (the latest source read)"
    )


# ---------------------------------------------------------------------------------------------
# The map: Intermarium then, NATO and the Three Seas now
# ---------------------------------------------------------------------------------------------
def test_the_map_draws_every_country_it_names():
    ids = {f["id"] for f in data.europe_geometry()["features"]}
    table = data.poland_map()
    nato = set(data.nato_population()["member"])
    assert set(table["country"]) <= ids, "the map's caption colours every country of data/poland_map.csv"
    assert nato - {"Canada", "United States"} <= ids, (
        "the map says it shows NATO's members in Europe (Canada and the United States are off the map)"
    )


def test_seventeen_intermarium_states_twelve_in_nato(v):
    assert (v["p3_n_inter"], v["p3_n_inter_nato"]) == ("17", "12"), (
        "chapter 3's map summary: of the 17 present-day states on candidates' territory, 12 are in NATO"
    )


def test_the_intermarium_states_outside_nato_are_the_five_the_solution_discusses(v):
    assert v["p3_inter_not_nato"] == "Belarus, Bosnia and Herzegovina, Kosovo, Serbia and Ukraine", (
        "the map summary and the solution to ex-pl-history name Belarus, Bosnia and Herzegovina, "
        "Kosovo, Serbia and Ukraine, and discuss each of them"
    )


def test_the_three_seas_initiative_has_12_founding_members():
    table = data.poland_map()
    assert int((table["three_seas"] == "founding member").sum()) == 12, (
        "chapter 3 says the Three Seas Initiative has 12 founding members (and names them)"
    )


# ---------------------------------------------------------------------------------------------
# Spending: NATO's series, one edition
# ---------------------------------------------------------------------------------------------
def test_poland_2025_and_2024_are_the_editions_the_text_discusses(v, piv):
    assert float(piv.loc[2025, "Poland"]) == pl.POLAND_2025_NATO == 4.48, (
        "chapter 3 and the model start from NATO's 2025 estimate for Poland, 4.48% of GDP"
    )
    assert v["p3_pl25"] == "4.48"
    assert v["p3_pl24"] == "3.79", (
        "chapter 3 contrasts Poland's 2024 figure in this series (3.79%) with 4.12% and 4.07% in other editions"
    )


def test_poland_spends_the_highest_share_in_2025_then_the_baltic_states_and_the_us(piv):
    latest = piv.loc[2025].dropna().drop("NATO Europe and Canada", errors="ignore")
    order = list(latest.sort_values(ascending=False).index[:5])
    assert order == ["Poland", "Lithuania", "Latvia", "Estonia", "United States"], (
        f"chapter 3 says Poland's 2025 share is the highest in NATO, followed by Lithuania, Latvia, "
        f"Estonia and the United States; the data order them {order}"
    )


def test_about_2_4_times_the_2014_share(v):
    assert v["p3_pl14"] == "1.86" and v["p3_pl_ratio"] == "2.4", (
        "chapter 3 says NATO's 2025 estimate for Poland is about 2.4 times the 2014 share (4.48 / 1.86)"
    )
    assert 4.48 / 1.86 == pytest.approx(2.41, abs=0.005)


def test_the_hague_gap_and_the_core_line(v, piv):
    assert v["p3_hague_gap"] == "0.52", "chapter 3 says Poland's 2025 estimate is 0.52 points short of 5%"
    assert pl.HAGUE_TOTAL - pl.POLAND_2025_NATO == pytest.approx(0.52)
    assert float(piv.loc[2025, "Poland"]) > pl.HAGUE_CORE, (
        "chapter 3 says Poland's 2025 estimate is already above the 3.5% core line"
    )


def test_poland_hovered_around_2_percent_until_2022_close_to_the_uk(piv):
    pre = piv.loc[2014:2022]
    assert pre["Poland"].between(1.8, 2.3).all(), (
        "chapter 3's chart summary: until 2022 Poland hovered around 2% of GDP"
    )
    assert (pre["Poland"] - pre["United Kingdom"]).abs().max() < 0.3, (
        "chapter 3's chart summary: until 2022 Poland was close to the United Kingdom"
    )


def test_latvia_and_lithuania_climbed_from_about_1_to_about_2_percent(piv):
    for country in ("Latvia", "Lithuania"):
        assert piv.loc[2014, country] < 1.0 and piv.loc[2018, country] > 1.9, (
            f"chapter 3's chart summary: {country} climbed from about 1% in 2014 to about 2% by 2018"
        )


def test_france_stayed_near_2_percent(piv):
    assert piv.loc[2014:2024, "France"].between(1.7, 2.1).all(), (
        "chapter 3's chart summary: France stayed near 2% (2014-2024)"
    )


def test_poland_passed_the_united_states_germany_and_europe_rose(v):
    assert float(v["p3_pl24"]) > float(v["p3_us25"]) and float(v["p3_pl25"]) > float(v["p3_us25"]), (
        "chapter 3's chart summary: Poland's 2024 and 2025 shares are above the United States' (3.22%)"
    )
    assert (v["p3_de14"], v["p3_de24"]) == ("1.16", "2.00"), (
        "chapter 3: Germany climbed from 1.16% in 2014 to 2.00% in 2024"
    )
    assert float(v["p3_ne24"]) > float(v["p3_ne14"]), (
        "chapter 3: the European allies with Canada rose to 1.99% in 2024, 'up from' 1.40% in 2014"
    )


# ---------------------------------------------------------------------------------------------
# Forces and the Poland-to-Belarus ratio (the one chapter 4 quotes)
# ---------------------------------------------------------------------------------------------
def test_natos_figures_and_the_target(v, forces):
    assert forces[2014] == 99_000 and forces[2024] == 216_100, (
        "chapter 3 quotes NATO's 99,000 (2014) and 216,100 (2024); the claims table types 216,100"
    )
    assert forces[2035] == pl.TROOP_TARGET == 300_000, (
        "chapter 3: the target set with the Homeland Defence Act is about 300,000 (250,000 + 50,000)"
    )
    assert (v["p3_f14"], v["p3_f24"], v["p3_target"]) == ("99,000", "216,100", "300,000")
    assert v["p3_f_ratio"] == "2.2", "chapter 3: NATO's 2024 estimate is about 2.2 times the 2014 figure"


def test_todays_counts_are_200_to_220_thousand_and_the_target_80_to_100_thousand_above(forces):
    today = [forces[y] for y in (2024, 2025, 2026)]
    assert all(200_000 <= n <= 220_000 for n in today), (
        f"chapter 3's chart summary: reported sizes are about 200,000-220,000 in 2024-26, the data say {today}"
    )
    assert all(80_000 <= pl.TROOP_TARGET - n <= 100_000 for n in today), (
        "chapter 3's chart summary: the 300,000 target is about 80,000-100,000 above today's counts"
    )


def test_belarus_range_and_the_iiss_row(v):
    assert (v["p3_by_lo"], v["p3_by_hi"], v["p3_by_iiss"]) == ("45,000", "48,000", "48,000"), (
        "chapter 3: Belarus has about 45,000-48,000 active troops; the IISS count is 48,000"
    )
    assert 48_000 / 200_000 < 0.25, "chapter 3: Belarus's army is a small fraction of either of Poland's counts"


def test_the_troop_ratio_is_natos_poland_over_the_iiss_belarus(v):
    poland, belarus = ch3.ratio_rows()
    assert (poland, belarus) == (216_100, 48_000), (
        "chapter 3 sets NATO's estimate for Poland (216,100) against the IISS count for Belarus (48,000)"
    )
    assert v["troop_ratio"] == f"{pl.troop_ratio(poland, belarus):.1f}" == "4.5", (
        "chapter 3 (and chapter 4) says Poland's force is about 4.5 times Belarus's (216,100 / 48,000)"
    )


def test_the_ratio_needs_exactly_one_iiss_row(monkeypatch):
    two = data.belarus_forces()
    two = two.assign(measure="IISS " + two["measure"])
    monkeypatch.setattr(ch3.data, "belarus_forces", lambda: two)
    with pytest.raises(ValueError, match="one IISS row, found 2"):
        ch3.ratio_rows()


# ---------------------------------------------------------------------------------------------
# The what-if at its defaults
# ---------------------------------------------------------------------------------------------
def test_the_defaults_the_text_states(v):
    assert (v["p3_growth"], v["p3_cap"], v["p3_cap_from"], v["p3_dep"]) == ("3.0", "4.50", "2027", "10"), (
        "chapter 3: growth 3.0% a year, a cap of 4.50% from 2027, depreciation 10% a year"
    )


def test_the_cap_binds_in_2027_and_the_troop_ceiling_in_2031(v):
    assert pl.spending_path().binds == 2027 and v["p3_binds"] == "2027", (
        "chapter 3: with the defaults the cap binds in 2027"
    )
    assert pl.troop_path().binds == 2031 and v["p3_troop_binds"] == "2031", (
        "chapter 3: a ceiling of 250,000 binds in 2031"
    )


def test_the_troop_ceiling_by_hand(v):
    # 200,000 in 2025 to 300,000 in 2035: 10,000 a year; 250,000 in 2030, above it from 2031
    assert (v["p3_start_troops"], v["p3_troop_cap"], v["p3_target"]) == ("200,000", "250,000", "300,000")
    assert v["p3_troop_forgone"] == "50,000", (
        "chapter 3: a 250,000 ceiling leaves Poland 50,000 short of its 300,000 target in 2035"
    )


def test_the_uncapped_and_capped_2035_spending_by_hand(v):
    assert 5.0 * 1.03**10 == pytest.approx(6.7196, abs=1e-4)
    assert v["p3_spend35"] == "6.72", "chapter 3: uncapped, Poland would spend 6.72% of 2025 GDP in 2035 (5% x 1.03^10)"
    assert 4.5 * 1.03**10 == pytest.approx(6.0477, abs=1e-4)
    assert v["p3_spend35_cap"] == "6.05", "chapter 3: capped at 4.50%, 6.05% of 2025 GDP in 2035 (4.5% x 1.03^10)"
    assert float(v["p3_spend35_cap"]) > pl.POLAND_2025_NATO, (
        "chapter 3: a cap on the share still lets spending grow in real terms"
    )


def test_what_the_default_cap_forgoes(v):
    base = pl.spending_path()
    assert (v["p3_forgone"], v["p3_forgone_budgets"], v["p3_shortfall"]) == ("3.3", "0.73", "4.7%"), (
        "chapter 3: by 2035 the default cap removes 3.3 percent of 2025 GDP, 0.73 years of the 2025 budget, 4.7% of the stock"
    )
    assert base.forgone_budgets == pytest.approx(base.forgone / pl.POLAND_2025_NATO), (
        "chapter 3 counts the spending forgone in 'years of Poland's 2025 defence budget' (4.48% of 2025 GDP)"
    )


def test_a_cap_at_35_percent_forces_an_immediate_cut(v):
    cap35 = pl.spending_path(cap_share=3.5)
    free = pl.spending_path(cap_share=None)
    i = int(np.flatnonzero(free.years == 2027)[0])
    assert cap35.binds == 2027 and cap35.share_capped[i] < free.share[i - 1], (
        "chapter 3: a cap at the Hague's 3.5% core level would force an immediate cut"
    )
    assert (v["p3_cap35_budgets"], v["p3_cap35_shortfall"]) == ("3.13", "18.7%")
    assert cap35.forgone_budgets > pl.spending_path().forgone_budgets


def test_the_text_summarys_thresholds_by_hand(v):
    # the share rises by (5 - 4.48) / 10 = 0.052 points a year: 4.532 in 2026, 4.584 in 2027
    before, first = ch3.thresholds()
    assert before == pytest.approx(4.48 + 0.052) and first == pytest.approx(4.48 + 2 * 0.052)
    assert (v["p3_path_before"], v["p3_path_first"], v["p3_cap_from_before"]) == ("4.53", "4.58", "2026"), (
        "chapter 3's what-if summary: the uncapped share would be 4.53% in 2026 and 4.58% in 2027"
    )


def test_the_text_summarys_claims_about_when_a_cap_binds():
    d = pl.DEFAULTS
    _, first = ch3.thresholds()
    assert pl.spending_path(cap_share=round(first, 2) - 0.01).binds == d.cap_from, (
        "chapter 3: a cap below 4.58% binds at once, in 2027"
    )
    assert pl.spending_path(cap_share=round(first, 2) + 0.02).binds > d.cap_from, (
        "chapter 3: a cap between 4.58% and 5% binds later"
    )
    later = [pl.spending_path(cap_share=c).binds for c in (4.60, 4.65, 4.70, 4.75, 4.80, 4.85, 4.90, 4.95)]
    assert all(b is not None for b in later) and later == sorted(later), (
        f"chapter 3: a cap between 4.58% and 5% binds later, the later the higher it is: {later}"
    )
    assert pl.spending_path(cap_share=5.0).binds is None, "chapter 3: a cap at 5% never binds before 2035"


def test_a_cap_below_the_2026_share_cuts_it_from_one_year_to_the_next():
    free = pl.spending_path(cap_share=None)
    i = int(np.flatnonzero(free.years == 2027)[0])
    capped = pl.spending_path(cap_share=4.52)
    assert capped.share_capped[i] < free.share[i - 1], (
        "chapter 3: a cap below 4.53% also cuts the share from one year to the next"
    )


def test_the_capital_stock_by_hand():
    # steady state 10 / 0.1 = 100; then 0.9 * 100 + 10 = 100; then 0.9 * 100 + 20 = 110
    assert np.allclose(pl.capital_stock([10.0, 10.0, 20.0], 10.0), [100.0, 100.0, 110.0]), (
        "chapter 3: each year the stock loses 10% and gains that year's spending"
    )


# ---------------------------------------------------------------------------------------------
# The exercises' worked solutions
# ---------------------------------------------------------------------------------------------
def test_exercise_a_cap_of_475_binds_in_2031(v):
    # 4.48 + 0.052 (year - 2025) > 4.75 after 5.2 years: 2031
    assert (4.75 - 4.48) / 0.052 == pytest.approx(5.19, abs=0.01)
    assert v["p3_e1_binds"] == "2031", "the solution to ex-pl-cap: a cap of 4.75% binds in 2031"
    assert v["p3_e1_budgets"] == "0.21"


def test_exercise_faster_growth_makes_a_cap_forgo_more(v):
    assert (v["p3_e2_lo"], v["p3_e2_hi"]) == ("0.63", "0.84")
    assert float(v["p3_e2_hi"]) > float(v["p3_e2_lo"]), (
        "the solution to ex-pl-growth: more is forgone at 5% growth than at 1%"
    )
    assert pl.spending_path(gdp_growth=5.0).forgone_budgets > pl.spending_path(gdp_growth=1.0).forgone_budgets


def test_exercise_a_troop_freeze_at_200000(v):
    assert pl.DEFAULTS.start_troops == 200_000, "ex-pl-troops freezes the army at its 2025 size, about 200,000"
    assert v["p3_e3_binds"] == "2027", "the solution to ex-pl-troops: the freeze binds in 2027, its first year"
    assert v["p3_e3_forgone"] == "100,000", (
        "the solution to ex-pl-troops: Poland would be 100,000 short of 300,000 in 2035"
    )


def test_exercise_the_hand_worked_steps_of_the_475_cap(v):
    # the share rises by 0.052 points a year; 4.75 is 0.27 above 4.48; 0.27 / 0.052 = 5.2 years
    assert (v["p3_slope"], v["p3_e1_gap"], v["p3_e1_years"]) == ("0.052", "0.27", "5.2"), (
        "the solution to ex-pl-cap works the binding year out by hand from these three numbers"
    )
    assert 2025 + float(v["p3_e1_years"]) < int(v["p3_e1_binds"]) <= 2026 + float(v["p3_e1_years"])
    assert float(v["p3_e1_budgets"]) < float(v["p3_forgone_budgets"]), (
        "ex-pl-cap: the higher cap forgoes less than the default one"
    )


def test_exercise_growth_leaves_the_shares_unchanged(v):
    # ex-pl-growth: "the top panel does not move at all", and 3% lies between 1% and 5%
    a, b = pl.spending_path(gdp_growth=1.0), pl.spending_path(gdp_growth=5.0)
    assert np.allclose(a.share, b.share) and np.allclose(a.share_capped, b.share_capped)
    assert float(v["p3_e2_lo"]) < float(v["p3_forgone_budgets"]) < float(v["p3_e2_hi"])


def test_exercise_the_default_troop_ceiling_by_hand(v):
    # 10,000 a year from 200,000: 250,000 in 2030, so the ceiling binds in 2031; 220,000 in 2027
    assert (v["p3_troop_step"], v["p3_troop_reach"], v["p3_troop_binds"]) == ("10,000", "2030", "2031")
    assert v["p3_e3_t27"] == "220,000", "ex-pl-troops: in 2027 the line is already at 220,000, above the freeze"
    assert int(v["p3_troop_reach"]) + 1 == int(v["p3_troop_binds"])


def test_exercise_three_seas_against_the_intermarium_list(v):
    assert v["p3_e4_seas_not_inter"] == "Austria and Bulgaria", (
        "ex-pl-seas: the founding members never on the Intermarium list (the history section names Austria)"
    )
    table = data.poland_map()
    assert table.loc[table["country"] == "Ukraine", "three_seas"].item() == "associated participating state"
    assert "Ukraine" not in v["p3_e4_inter_not_seas"] and "Finland" in v["p3_e4_inter_not_seas"]
    assert charts_symbol_of_founders() == "square", "ex-pl-seas says squares mark the founding members"


def charts_symbol_of_founders() -> str:
    from explainer.figures import poland as charts

    return charts.THREE_SEAS_STYLE["founding member"][0]


def test_exercise_a_later_cap_saves_little(v):
    assert v["p3_e6_binds"] == v["p3_e6_from"] == "2030", "ex-pl-later: a cap from 2030 binds at once"
    saved = float(v["p3_forgone_budgets"]) - float(v["p3_e6_budgets"])
    assert 0 < saved < float(v["p3_e6_budgets"]) / 2, "ex-pl-later: waiting three years saves little"


# ---------------------------------------------------------------------------------------------
# The markers themselves
# ---------------------------------------------------------------------------------------------
def test_no_line_of_the_chapter_starts_with_a_marked_number():
    # CommonMark (myst-parser and JupyterLab alike) reads a line that starts with "<!--" as the start
    # of a raw HTML block: the paragraph breaks there and the rest of the line loses its Markdown
    nb = json.loads((ROOT / "book" / ch3.NOTEBOOK).read_text(encoding="utf-8"))
    starts = [
        line
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        for line in "".join(c["source"]).split("\n")
        if re.match(r"\s*<!--n:", line)
    ]
    assert not starts, f"chapter 3: a line starts with a marked number, which breaks its paragraph: {starts}"
