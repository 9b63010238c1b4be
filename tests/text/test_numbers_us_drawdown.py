"""Chapter 2 (``book/02_us_drawdown.ipynb``): the numbers its prose shows, and the claims its prose
makes about them, checked against the data and the model (these were the notebook's assert cells).

Each failure names the number and what the text says about it.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import ROOT

from explainer import data
from explainer.figures import deterrence as charts
from explainer.models import deterrence as dt
from explainer.numbers import us_drawdown


@pytest.fixture(scope="module")
def v():
    return us_drawdown.numbers()


@pytest.fixture(scope="module")
def dmdc():
    series, _ = charts.troop_series(data.us_troops_europe())
    return series.set_index("year")["troops"]


@pytest.fixture(scope="module")
def grids():
    return charts.region_grids()[2]


# --- the record: US troops in Europe ---------------------------------------------------------------
def test_the_dmdc_peak_and_todays_count(v, dmdc):
    assert (int(dmdc.idxmax()), int(dmdc.max())) == (1957, 441_458), (
        "chapter 2 says the permanently assigned count peaked at 441,458 in 1957"
    )
    assert (v["peak_troops"], v["peak_year"]) == ("441,458", "1957"), (
        "chapter 2 says US troops in Europe peaked at 441,458 in 1957"
    )
    assert int(dmdc[2025]) == 67_851 and v["dmdc_2025"] == "67,851", (
        "chapter 2 says the DMDC count stood at 67,851 in September 2025"
    )
    assert v["dmdc_1989"] == "320,097", "chapter 2 says the DMDC count stood at 320,097 in 1989"
    assert v["share_of_peak"] == "15%" and round(67_851 / 441_458, 2) == 0.15, (
        "chapter 2 says 67,851 is 15% of the peak"
    )


def test_the_text_summarys_ranges_hold(dmdc):
    cold_war = dmdc.loc[1953:1989].dropna()
    assert cold_war.min() > 250_000, (
        "chapter 2's text summary says the count never fell below 250,000 until the end of the Cold War"
    )
    assert dmdc.loc[2017:2025].between(64_000, 68_000).all(), (
        "chapter 2's text summary says the count has stayed between 64,000 and 68,000 since 2017"
    )


def test_the_reported_totals_of_2022(v):
    _, reported = charts.troop_series(data.us_troops_europe())
    assert sorted(reported.query("year == 2022")["troops"].unique()) == [80_000, 100_000], (
        "chapter 2 gives two reported totals for 2022: about 80,000 before the invasion, about 100,000 after"
    )
    assert (v["reported_jan22"], v["reported_mar22"]) == ("80,000", "100,000"), (
        "chapter 2 says reported totals were about 80,000 before the invasion and about 100,000 from March 2022"
    )


def test_the_floor_allows_a_cut_of_5_to_24_percent(v):
    assert v["ndaa_floor"] == "76,000", "chapter 2 says the defence bill's floor is 76,000"
    assert (v["ap_lo"], v["ap_hi"]) == ("80,000", "100,000"), (
        "chapter 2 says AP put the usual presence in Europe at 80,000-100,000"
    )
    # by hand: 80,000 - 76,000 = 4,000 = 5% of 80,000; 100,000 - 76,000 = 24,000 = 24% of 100,000
    lo, hi, cut_lo, cut_hi = us_drawdown.floor_cut(80_000, 100_000)
    assert (lo, hi, cut_lo, cut_hi) == (4_000, 24_000, 0.05, 0.24), (
        "chapter 2 says the floor allows a cut of 4,000 to 24,000 troops, 5% to 24% of AP's estimate"
    )
    assert (v["floor_troops_lo"], v["floor_troops_hi"], v["floor_cut_lo"], v["floor_cut_hi"]) == (
        "4,000",
        "24,000",
        "5%",
        "24%",
    ), "chapter 2 says the floor allows a cut of at most 5% to 24%, that is 4,000 to 24,000 troops"


def test_the_eastern_flank_table(v):
    assert (v["pl_dmdc"], v["ro_dmdc"]) == ("345", "146"), (
        "chapter 2's eastern-flank table gives 345 (Poland) and 146 (Romania) permanently assigned"
    )
    assert (v["pl_reported"], v["pl_alt"]) == ("10,000", "8,000"), (
        "chapter 2 says about 10,000 US troops are in Poland, about 8,000 by other reports"
    )
    assert (v["ro_peak"], v["ro_after"]) == ("1,700", "1,000"), (
        "chapter 2 says more than 1,700 US troops were in Romania in April 2025, about 1,000 after October"
    )


def test_a_count_is_one_row_of_the_troop_file():
    troops = data.us_troops_europe()
    for name, scope in us_drawdown.SCOPES_2025.items():
        assert us_drawdown.troop_count(troops, scope, 2025) > 0, f"{name}: {scope!r} in 2025"
    with pytest.raises(ValueError, match="0 rows"):
        us_drawdown.troop_count(troops, "Poland, DMDC permanently assigned active duty", 1800)


# --- the model -------------------------------------------------------------------------------------
def test_credibility_today_and_with_every_troop_gone(v):
    # by hand: C = floor + (ceiling - floor) * T(1) * (1 - asia_weight * asia) = 0.3 + 0.6 * (1 - 0.25)
    assert dt.credibility() == pytest.approx(0.3 + 0.6 * (1 - 0.5 * 0.5), abs=1e-12), (
        "chapter 2 says credibility today is 0.75 at the defaults"
    )
    assert dt.credibility(1.0) == pytest.approx(0.3, abs=1e-12), (
        "chapter 2 says credibility falls to the floor, 0.30, if every forward troop leaves"
    )
    assert (v["d_asia"], v["d_threat"], v["d_scale"]) == ("0.5", "0.6", "0.25"), (
        "chapter 2 gives the assumptions as Asia demand 0.5, threat 0.6, tripwire scale 0.25"
    )
    assert (v["c_today"], v["c_gone"]) == ("0.75", "0.30"), (
        "chapter 2 says credibility today is 0.75 and falls to 0.30 if every forward troop leaves"
    )


def test_the_tripwire_keeps_credibility_after_half_leaves(v):
    assert dt.credibility(0.5) > dt.credibility(0.5, tripwire_scale=dt.MAX_TRIPWIRE_SCALE), (
        "chapter 2 says the steep tripwire curve keeps more credibility than the proportional reading"
    )
    assert (v["c_half"], v["c_half_linear"]) == ("0.70", "0.53"), (
        "chapter 2 says half the forward presence withdrawn leaves credibility at 0.70, 0.53 proportionally"
    )


def test_the_theories_thresholds(v):
    cstar = {t: dt.critical_credibility(t) for t in dt.THEORIES}
    assert cstar["walt"] < 0 < cstar["bandwagoning"] < cstar["snyder"] < 1, (
        "chapter 2 says Walt's threshold is below zero, bandwagoning's below Snyder's, both in (0, 1)"
    )
    assert (v["cstar_bandwagoning"], v["cstar_snyder"], v["cstar_walt"]) == ("0.50", "0.64", "-0.20"), (
        "chapter 2 says accommodation pays below 0.50 (bandwagoning), 0.64 (Snyder), -0.20 (Walt)"
    )
    assert dt.critical_credibility("snyder", asia=0.8) > cstar["snyder"], (
        "chapter 2 says Snyder's threshold climbs with the demand in Asia"
    )


def test_the_bandwagoning_ally_switches_at_86_percent(v):
    d_switch = us_drawdown.switch_drawdown()
    assert 0.5 < d_switch < 1.0, (
        "chapter 2 says the bandwagoning ally accommodates only once most of the forward presence has gone"
    )
    assert dt.credibility(d_switch) < dt.critical_credibility("bandwagoning") <= dt.credibility(d_switch - 0.001), (
        "chapter 2 says the tripwire curve crosses the bandwagoning threshold at the switch drawdown"
    )
    assert v["d_switch"] == "86%", (
        "chapter 2 says the curve stays above the bandwagoning threshold until about 86% has gone"
    )


def test_the_region_charts_shares(v, grids):
    assert dt.accommodation_share(grids["walt"]) == 0.0, (
        "chapter 2 says under Walt's balancing accommodating pays nowhere (0%)"
    )
    assert (v["share_bandwagoning"], v["share_walt"], v["share_snyder"]) == ("16%", "0%", "51%"), (
        "chapter 2 says accommodating pays in 16% of the square (bandwagoning), 0% (Walt), 51% (Snyder)"
    )
    drawdowns, _, _ = charts.region_grids()
    pays = grids["bandwagoning"] > 0
    assert drawdowns[pays.any(axis=0)].min() > 0.5, (
        "chapter 2 says under bandwagoning accommodating pays only at the far right, where most forces have gone"
    )
    assert (grids["snyder"][:, 0] > 0).any(), (
        "chapter 2 says under Snyder, at high demand in Asia, the ally accommodates even with no drawdown"
    )


# --- the spending record ---------------------------------------------------------------------------
def test_the_spending_record_is_the_2025_edition(v):
    spend = data.defence_spending_gdp().set_index(["country", "year"])["pct_gdp"]
    assert spend[("Poland", 2024)] == 3.79, (
        "chapter 2 quotes NATO's 2025 edition only (it gives Poland 3.79% in 2024; the 2024 edition says 4.12)"
    )
    shown = {k: v[k] for k in us_drawdown.SPENDING}
    assert shown == {
        "eu_2014": "1.40",
        "eu_2021": "1.63",
        "eu_2024": "1.99",
        "pl_2014": "1.86",
        "pl_2025": "4.48",
        "lt_2014": "0.88",
        "lt_2025": "4.00",
        "de_2014": "1.16",
        "de_2024": "2.00",
        "ro_2014": "1.35",
        "ro_2024": "2.17",
    }, "chapter 2's spending summary: NATO Europe and Canada 1.40% (2014), 1.63% (2021), 1.99% (2024); ..."


def test_the_spending_summary_calls_estimates_estimates():
    frame = data.defence_spending_gdp().set_index(["country", "year"])
    for name in ("eu_2024", "pl_2025", "lt_2025", "de_2024", "ro_2024"):
        assert bool(frame.loc[us_drawdown.SPENDING[name], "estimate"]), f"chapter 2 calls {name} an estimate"


# --- the exercises' worked solutions ---------------------------------------------------------------
def test_the_hand_worked_delta(v):
    # by hand: (0.10 - 0.05) + 0.5 * [(1 - 0.5)(1 - 0.5) - (1 - 0.6)] = 0.05 - 0.075 = -0.025
    delta = dt.accommodation_advantage(
        0.5, "bandwagoning", threat=0.5, self_help=0.5, pact_reliability=0.6, balance_cost=0.1, accommodation_cost=0.05
    )
    assert delta == pytest.approx(-0.025, abs=1e-12), (
        "chapter 2's solution works out Δ = -0.025 by hand: the ally balances, narrowly"
    )
    assert v["ex_delta"] == "-0.025", "chapter 2's solution shows Δ = -0.025"


def test_walts_threshold_with_a_perfect_pact(v):
    assert dt.critical_credibility("walt", pact_reliability=1.0) == pytest.approx(0.0, abs=1e-12), (
        "chapter 2's solution says Walt's critical credibility is 0.00 at the default threat"
    )
    assert v["cstar_walt_r1"] == "0.00", "chapter 2's solution says the critical credibility is 0.00"
    assert v["cstar_walt_r1_t3"] == "0.50", "chapter 2's solution says at threat 0.3 it is 0.50"


def test_lowering_the_threat(v, grids):
    low = charts.region_grids(threat=0.3)[2]
    very_low = charts.region_grids(threat=0.1)[2]
    costly = charts.region_grids(threat=0.3, balance_cost=0.15)[2]
    share = dt.accommodation_share
    assert share(low["bandwagoning"]) == share(grids["bandwagoning"]), (
        "chapter 2's solution says under bandwagoning the red region does not move from threat 0.6 to 0.3"
    )
    assert share(costly["bandwagoning"]) > share(grids["bandwagoning"]), (
        "chapter 2's solution says a costlier balancing makes accommodation pay more often"
    )
    assert share(very_low["walt"]) > 0 == share(low["walt"]), (
        "chapter 2's solution says Walt's ally accommodates at threat 0.1, not at 0.3"
    )
    assert (v["share_bw_lowthreat"], v["share_bw_cost"], v["share_walt_lowthreat"], v["share_walt_vlowthreat"]) == (
        "16%",
        "81%",
        "0%",
        "6%",
    ), "chapter 2's solution says 16% at threat 0.3, 81% with balancing at 0.15, Walt 0% at 0.3 and 6% at 0.1"


def test_tripwire_or_denial(v):
    # by hand: C = 0.2 + 0.6 * 0.5 = 0.50 in the proportional reading
    assert dt.credibility(0.5, 0.0, 0.2, 0.8, 100.0, 0.5) == pytest.approx(0.5, abs=1e-2), (
        "chapter 2's solution says C = 0.2 + 0.6 * 0.5 = 0.50 in the proportional reading"
    )
    assert v["ex_c"] == "0.50", "chapter 2's solution shows C = 0.50"
    assert dt.credibility(0.5, 0.0, 0.2, 0.8, 0.1, 0.5) == pytest.approx(0.8, abs=0.01), (
        "chapter 2's solution says with a tripwire scale of 0.1 credibility stays near 0.8"
    )


def test_tripwire_or_denial_on_the_chart(v):
    # by hand: T(0.5) with s = 0.1 is (1 - e^-5) / (1 - e^-10); C = 0.2 + 0.6 * T(0.5)
    t = (1 - np.exp(-5)) / (1 - np.exp(-10))
    assert dt.tripwire(0.5, 0.1) == pytest.approx(t, abs=1e-12) and v["ex_t_s01"] == "0.993", (
        "chapter 2's solution says T(0.5) is about 0.993 with a tripwire scale of 0.1"
    )
    assert v["ex_c_s01"] == "0.80", "chapter 2's solution says C is about 0.80 with a tripwire scale of 0.1"
    assert (v["ex_c_half_a0"], v["ex_c_half_lin_a0"]) == ("0.83", "0.60"), (
        "chapter 2's solution reads 0.83 on the tripwire curve and 0.60 (0.3 + 0.6 * 0.5) on the proportional "
        "line at a 50% drawdown with no demand in Asia"
    )
    chart = charts.credibility_chart()
    assert "credibility is 0.83" in chart.sentence(asia=0.0, drawdown=0.5), (
        "chapter 2 says the credibility chart's sentence gives 0.83 at a 50% drawdown with Asia demand 0.00"
    )


def test_how_deep_the_drawdown_must_go(v):
    chart = charts.credibility_chart()
    at = {d: chart.sentence(theory="bandwagoning", asia=0.5, drawdown=d) for d in (0.8, 0.9)}
    assert "credibility is 0.55 and the ally balances" in at[0.8], (
        "chapter 2's solution says the bandwagoning ally still balances at 80% (credibility 0.55)"
    )
    assert "credibility is 0.45 and the ally accommodates" in at[0.9], (
        "chapter 2's solution says the bandwagoning ally accommodates from 90% (credibility 0.45)"
    )
    assert (v["ex_c80"], v["ex_c90"], v["d_switch"]) == ("0.55", "0.45", "86%")
    for asia, name in ((1.0, "ex_switch_a1"), (0.0, "ex_switch_a0")):
        assert f"crosses at a drawdown of about {v[name]}" in chart.sentence(asia=asia), (
            f"chapter 2's solution gives the crossing at Asia demand {asia:.2f} as the chart's sentence does"
        )
    assert (v["ex_switch_a1"], v["ex_switch_a0"], v["ex_switch_snyder"]) == ("73%", "90%", "66%")
    assert f"about {v['ex_switch_snyder']}" in chart.sentence(theory="snyder")
    snyder_a1 = chart.sentence(theory="snyder", asia=1.0, drawdown=0.0)
    assert "credibility is 0.60 and the ally accommodates" in snyder_a1 and "threshold of 0.78" in snyder_a1, (
        "chapter 2's solution says under Snyder at Asia demand 1.00 the threshold, 0.78, is above the credibility "
        "of 0.60 even with every troop in place"
    )
    assert (v["ex_cstar_snyder_a1"], v["ex_c_a1"]) == ("0.78", "0.60")


def test_the_threat_on_the_region_chart(v):
    chart = charts.region_chart()
    shares = {
        ("bandwagoning", 0.1): "share_bw_vlowthreat",
        ("bandwagoning", 0.3): "share_bw_lowthreat",
        ("bandwagoning", 0.6): "share_bandwagoning",
        ("bandwagoning", 0.9): "share_bw_highthreat",
        ("snyder", 0.1): "share_sn_vlowthreat",
        ("snyder", 0.3): "share_sn_lowthreat",
        ("snyder", 0.6): "share_snyder",
        ("snyder", 0.9): "share_sn_highthreat",
        ("walt", 0.1): "share_walt_vlowthreat",
        ("walt", 0.3): "share_walt_lowthreat",
    }
    for (theory, threat), name in shares.items():
        assert f"pays in {v[name]} of the square" in chart.sentence(theory=theory, threat=threat), (
            f"chapter 2's solution gives {v[name]} for {theory} at threat {threat}, as the region chart's sentence does"
        )
    assert {v[shares[("bandwagoning", t)]] for t in charts.THREAT_GRID} == {"16%"}, (
        "chapter 2's solution says under bandwagoning the share is 16% at every threat the page offers"
    )
    sn = [float(v[shares[("snyder", t)]].rstrip("%")) for t in charts.THREAT_GRID]
    assert sn == sorted(sn, reverse=True) and [v[shares[("snyder", t)]] for t in charts.THREAT_GRID] == [
        "85%",
        "66%",
        "51%",
        "41%",
    ], "chapter 2's solution says under Snyder the share falls as the threat rises: 85%, 66%, 51%, 41%"


def test_the_notation_tables_defaults(v):
    d = dt.DEFAULTS
    assert (v["d_floor"], v["d_ceiling"], v["d_weight"], v["d_self_help"], v["d_pact"]) == (
        "0.30",
        "0.90",
        "0.50",
        "0.40",
        "0.70",
    ), "chapter 2's notation table gives the floor 0.30, ceiling 0.90, Asia weight 0.50, self-help 0.40, pact 0.70"
    assert (v["d_bcost"], v["d_acost"], v["d_entrap"]) == ("0.10", "0.10", "0.10")
    assert d.balance_cost == d.accommodation_cost, (
        "chapter 2's exercise on Walt says the costs of balancing and accommodating are equal at the defaults"
    )


def test_the_as_of_date_is_the_sources_read_date(v):
    ts = data.sources_read_date()
    assert v["asof"] == f"{ts.day} {ts:%B %Y}", (
        "chapter 2 dates its status sentences as of the sources-read date, written as '25 February 2026'"
    )


def test_every_number_is_a_string_the_text_can_show(v):
    assert len(v) == 78
    assert all(isinstance(s, str) and s and not s.startswith("nan") for s in v.values())
    assert not np.isnan(us_drawdown.switch_drawdown())


def test_no_line_of_the_chapter_starts_with_a_marked_number():
    # A Markdown line that starts with "<!--" opens an HTML block (CommonMark, type 2): the whole
    # line is then passed through raw, so its links, emphasis and roles are not rendered.
    notebook = json.loads((ROOT / "book" / us_drawdown.NOTEBOOK).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                assert not line.lstrip().startswith("<!--n:"), (
                    f"chapter 2: a line starts with a marked number and renders as raw HTML: {line[:120]}"
                )
