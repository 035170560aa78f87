"""The measured effect of an initiative: baseline, current value, change and outcome.

The boundaries are the point: a measurement dated on the start day is already "after" and
never the baseline; with nothing before the start there is no baseline; a segment's rows are
never used, not even when the overall series has none. The example site's effects are a golden
file, so a change in the rules shows as a diff a reviewer can read.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import REPO, TODAY, matches_golden
from journeybook.cli.site import site_layout
from journeybook.model.initiatives import Aim
from journeybook.model.project import load_project
from journeybook.model.resolved import Journey, Kpi
from journeybook.views.initiatives import KpiEffect, Outcome, kpi_effect, overall_series
from journeybook.views.kpi_status import Point

START = date(2026, 5, 1)
BAND = 0.10


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> object:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY)
    try:
        yield load_project(site_layout(REPO))
    finally:
        monkeypatch.undo()


def aim(example: object, kpi_id: str, expect: str = "improve") -> Aim:
    """An aim at a KPI of the outage playbook: repeat-contact-rate is ``down`` (target 15), first-visit-fix ``up`` (85)."""
    journey: Journey = example.journeys["internet-outage-restoration"]  # type: ignore[attr-defined]
    kpi: Kpi = next(k for k in journey.kpis if k.id == kpi_id)
    return Aim(journey, kpi, expect)


def points(*pairs: tuple[str, float]) -> list[Point]:
    return [Point(date.fromisoformat(day), value) for day, value in pairs]


def test_the_baseline_is_the_newest_measurement_strictly_before_the_start(example: object) -> None:
    series = points(("2026-03-01", 20.0), ("2026-04-01", 19.5), ("2026-05-01", 19.0), ("2026-08-01", 18.0))
    effect = kpi_effect(aim(example, "repeat-contact-rate"), series, START, BAND)
    assert effect.baseline == Point(date(2026, 4, 1), 19.5)  # not the 2026-05-01 row, dated on the start day
    assert effect.current == Point(date(2026, 8, 1), 18.0)
    assert effect.change == -1.5
    assert effect.outcome is Outcome.AS_EXPECTED


def test_a_measurement_on_the_start_day_alone_gives_no_baseline(example: object) -> None:
    effect = kpi_effect(aim(example, "repeat-contact-rate"), points(("2026-05-01", 19.0), ("2026-06-01", 18.0)), START, BAND)
    assert (effect.baseline, effect.change, effect.outcome) == (None, None, Outcome.NO_BASELINE)
    assert effect.current == Point(date(2026, 6, 1), 18.0)


def test_no_start_date_or_no_data_at_all_gives_no_baseline(example: object) -> None:
    series = points(("2026-03-01", 20.0), ("2026-06-01", 18.0))
    assert kpi_effect(aim(example, "repeat-contact-rate"), series, None, BAND).outcome is Outcome.NO_BASELINE
    empty = kpi_effect(aim(example, "repeat-contact-rate"), [], START, BAND)
    assert (empty.baseline, empty.current, empty.outcome) == (None, None, Outcome.NO_BASELINE)


def test_nothing_measured_since_the_start_is_named_as_such(example: object) -> None:
    effect = kpi_effect(aim(example, "repeat-contact-rate"), points(("2026-03-01", 20.0), ("2026-04-30", 19.0)), START, BAND)
    assert effect.baseline == Point(date(2026, 4, 30), 19.0)
    assert (effect.change, effect.outcome) == (None, Outcome.NO_NEWER_DATA)


@pytest.mark.parametrize(
    ("kpi_id", "expect", "before", "after", "outcome"),
    [
        ("repeat-contact-rate", "improve", 19.5, 18.5, Outcome.AS_EXPECTED),  # down is better
        ("repeat-contact-rate", "improve", 19.5, 19.5, Outcome.NOT_AS_EXPECTED),  # no change is no improvement
        ("repeat-contact-rate", "improve", 19.5, 20.0, Outcome.NOT_AS_EXPECTED),
        ("first-visit-fix", "improve", 80.0, 86.0, Outcome.AS_EXPECTED),  # up is better
        ("first-visit-fix", "improve", 80.0, 79.0, Outcome.NOT_AS_EXPECTED),
        ("first-visit-fix", "worsen", 80.0, 79.0, Outcome.AS_EXPECTED),  # a cost accepted on purpose
        ("first-visit-fix", "worsen", 80.0, 80.0, Outcome.NOT_AS_EXPECTED),
        ("first-visit-fix", "hold", 80.0, 71.5, Outcome.AS_EXPECTED),  # 8.5 worse: exactly the band (10% of 85)
        ("first-visit-fix", "hold", 80.0, 71.4, Outcome.NOT_AS_EXPECTED),  # 8.6 worse: beyond it
        ("first-visit-fix", "hold", 80.0, 95.0, Outcome.AS_EXPECTED),  # better is fine too
        ("repeat-contact-rate", "hold", 15.0, 16.5, Outcome.AS_EXPECTED),  # 1.5 worse: the band of a target of 15
        ("repeat-contact-rate", "hold", 15.0, 16.6, Outcome.NOT_AS_EXPECTED),
    ],
)
def test_the_outcome_follows_expect_and_the_kpi_direction(example: object, kpi_id: str, expect: str, before: float, after: float, outcome: Outcome) -> None:
    effect = kpi_effect(aim(example, kpi_id, expect), points(("2026-04-01", before), ("2026-06-01", after)), START, BAND)
    assert effect.outcome is outcome


def test_segment_rows_are_never_mixed_in(example: object) -> None:
    target = aim(example, "repeat-contact-rate")
    rows = [
        ("internet-outage-restoration", "repeat-contact-rate", "files", "north", "2026-03-01", 30.0),  # a segment before the start
        ("internet-outage-restoration", "repeat-contact-rate", "files", "north", "2026-09-01", 10.0),  # and a newer one
        ("internet-outage-restoration", "repeat-contact-rate", "files", "", "2026-05-01", 19.0),
        ("internet-outage-restoration", "repeat-contact-rate", "files", "", "2026-06-01", 18.0),
        ("internet-outage-restoration", "first-visit-fix", "files", "", "2026-04-01", 70.0),  # another KPI
    ]
    frame = pd.DataFrame(rows, columns=["journey", "kpi", "source", "segment", "date", "value"])
    frame["date"] = pd.to_datetime(frame["date"])
    series = overall_series(frame, [target])
    assert series == {("internet-outage-restoration", "repeat-contact-rate"): points(("2026-05-01", 19.0), ("2026-06-01", 18.0))}
    effect = kpi_effect(target, series[("internet-outage-restoration", "repeat-contact-rate")], START, BAND)
    assert (effect.baseline, effect.current, effect.outcome) == (None, Point(date(2026, 6, 1), 18.0), Outcome.NO_BASELINE)


def test_rows_of_another_source_than_the_kpis_are_not_its_series(example: object) -> None:
    target = aim(example, "repeat-contact-rate")
    frame = pd.DataFrame(
        [("internet-outage-restoration", "repeat-contact-rate", "warehouse", "", pd.Timestamp("2026-04-01"), 1.0)],
        columns=["journey", "kpi", "source", "segment", "date", "value"],
    )
    assert overall_series(frame, [target]) == {}


def _shown(point: Point | None) -> str:
    return f"{point.value:g} on {point.date}" if point else "-"


def _line(initiative_id: str, effect: KpiEffect) -> str:
    change = f"{effect.change:+g}" if effect.change is not None else "-"
    return (
        f"{initiative_id} {effect.aim.journey.id}/{effect.aim.kpi.id} expect {effect.aim.expect}: "
        f"baseline {_shown(effect.baseline)}, current {_shown(effect.current)}, change {change}: {effect.outcome.value}"
    )


def test_the_example_sites_effects_match_the_golden_file(example: object) -> None:
    initiatives = example.initiatives  # type: ignore[attr-defined]
    lines = [_line(i.id, effect) for i in initiatives.ordered for effect in initiatives.effects[i.id]]
    matches_golden("initiatives", "effects.txt", "\n".join(lines) + "\n")


def test_the_example_site_shows_one_that_worked_one_that_did_not_and_one_without_baseline(example: object) -> None:
    effects = example.initiatives.effects  # type: ignore[attr-defined]
    assert {e.outcome for e in effects["visit-window-sms"]} == {Outcome.AS_EXPECTED}
    assert [e.outcome for e in effects["underwriting-checklist"]] == [Outcome.NOT_AS_EXPECTED]
    assert [e.outcome for e in effects["reserve-handset-online"]] == [Outcome.NO_BASELINE]
    # The pilot stores' segment has rows from before the start; the baseline still ignores them.
    frame = example.readings.frame  # type: ignore[attr-defined]
    pilot = frame.loc[(frame["kpi"] == "espera-en-tienda") & (frame["segment"] == "tiendas-piloto"), "date"]
    assert pilot.min().date() < example.initiatives.items["reserve-handset-online"].started  # type: ignore[attr-defined]
    reaches = example.initiatives.items["upload-documents-from-phone"].reaches  # type: ignore[attr-defined]
    assert [r.journey.id for r in reaches] == ["mortgage-application", "add-newborn-to-plan"]
