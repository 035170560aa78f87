"""The diagram model, the emotional curve's geometry and the map grid, computed from journeys.

These are pure computations over resolved journeys (no MkDocs, no Mermaid); what they hold is
what every diagram on a playbook page draws.
"""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project
from diagram_support import example_journeys, labels, load_journey, write_playbook
from journeybook.views.curve import emotion_curve, score_y
from journeybook.views.diagram import ROW_TASKS, Feeling, diagram_model, tone
from journeybook.views.grid import LANES, map_grid

PLAYBOOK = {
    "title": "Returning phase", "description": "A phase visited twice.", "persona": "first-time-buyer",
    "owner": "retail-lending", "lifecycle": "draft", "last_reviewed": "2026-11-01",
    "goals": {"customer": "A goal.", "business": "A goal."},
    "stages": [
        {"id": "look", "name": "Look", "phase": "before", "emotion": 4, "feeling": "Curious", "actions": ["Browses", {"action": "Compares", "emotion": 2}],
         "touchpoints": [{"name": "Site", "channel": "web", "kind": "owned"}, {"name": "Ad", "channel": "ads", "kind": "paid"}, {"name": "Review", "channel": "web", "kind": "earned"}]},
        {"id": "buy", "name": "Buy", "phase": "during", "emotion": 1, "moment_of_truth": True, "owner": "billing"},
        {"id": "doubt", "name": "Doubt", "phase": "before", "emotion": 3, "systems": ["CRM"]},
    ],
    "kpis": [{"id": "drop", "name": "Drop-outs", "stage": "buy", "category": "leading", "unit": "%", "direction": "down", "target": 5}],
}


def returning(tmp_path: Path):  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    return load_journey(project, write_playbook(project, "returning", PLAYBOOK))


def test_sections_tasks_scores_and_actors(tmp_path: Path) -> None:
    model = diagram_model(returning(tmp_path), labels())
    assert [s.name for s in model.sections] == ["Look", "Buy", "Doubt"]
    look = model.sections[0]
    # Each action keeps its own score (or the stage's), with the stage's channels, each once.
    assert [(t.text, t.score, t.actors) for t in look.tasks] == [("Browses", 4, ("Website", "Advertising")), ("Compares", 2, ("Website", "Advertising"))]
    # A stage without actions still appears, as one task scored with the stage's emotion.
    assert [(t.text, t.score, t.actors) for t in model.sections[1].tasks] == [("Buy", 1, ())]
    # Four actions fit one row: the whole journey is drawn as one diagram, its channels each
    # in the slot of their place in site_config/channels.yml (web is first, ads thirteenth).
    [row] = model.rows
    assert row.sections == model.sections
    assert [(a.name, a.slot) for a in row.actors] == [("Website", 0), ("Advertising", 12)]
    assert [s.moment for s in model.sections] == [False, True, False]


def test_long_journeys_are_drawn_in_rows_of_whole_stages() -> None:
    """No row has more than ROW_TASKS actions unless one stage alone has more; order is kept."""
    for journey in example_journeys().values():
        model = diagram_model(journey, labels())
        assert [s for row in model.rows for s in row.sections] == list(model.sections)
        for row in model.rows:
            assert len(row.sections) == 1 or sum(len(s.tasks) for s in row.sections) <= ROW_TASKS
        if len(model.rows) > 1:
            assert model.rows[0].a11y.title.endswith(f"part 1 of {len(model.rows)}")


def test_flow_boxes_a_phase_each_time_the_journey_enters_it(tmp_path: Path) -> None:
    model = diagram_model(returning(tmp_path), labels())
    assert [(g.group_id, g.name, [n.node_id for n in g.nodes]) for g in model.groups] == [
        ("p0", "Before", ["s0"]), ("p1", "During", ["s1"]), ("p2", "Before", ["s2"]),
    ]
    buy = model.groups[1].nodes[0]
    assert (buy.name, buy.owner, buy.moment, buy.anchor) == ("Buy", "Billing", "Moment of truth", "stage-buy")
    assert model.groups[0].nodes[0].moment is None
    assert model.edges == (("p0", "p1"), ("p1", "p2"))


def test_edges_follow_the_stages_of_every_example() -> None:
    for journey in example_journeys().values():
        model = diagram_model(journey, labels())
        nodes = [n.node_id for g in model.groups for n in g.nodes]
        assert nodes == [f"s{i}" for i in range(len(journey.stages))]
        inside = [e for e in model.edges if e[0].startswith("s")]
        between = [e for e in model.edges if e[0].startswith("p")]
        assert len(inside) + len(model.groups) == len(nodes)
        assert between == [(a.group_id, b.group_id) for a, b in zip(model.groups, model.groups[1:])]


def test_accessible_texts_name_the_journey_and_its_moments(tmp_path: Path) -> None:
    model = diagram_model(returning(tmp_path), labels())
    [row] = model.rows
    assert row.a11y.title == "Journey diagram of Returning phase"
    assert "3 stages with 4 customer actions" in row.a11y.description
    assert "Channels: Website, Advertising." in row.a11y.description
    assert model.flow_a11y.description.endswith("Moments of truth: Buy.")
    spanish = diagram_model(returning(tmp_path / "es"), labels("es"))
    assert spanish.flow_a11y.title == "Flujo de etapas de Returning phase"


def test_tone_and_feelings() -> None:
    assert [tone(score) for score in range(1, 6)] == ["bad", "bad", "neutral", "good", "good"]
    journey = example_journeys()["mortgage-application"]
    assert Feeling.of(journey.stages[3]) == Feeling("Anxious", 2, "bad")


def test_curve_places_each_stage_at_its_column_centre_and_score(tmp_path: Path) -> None:
    model = diagram_model(returning(tmp_path), labels())
    curve = emotion_curve(model.points)
    assert curve.width == 300
    assert [(d.x, d.y) for d in curve.dots] == [(50, score_y(4)), (150, score_y(1)), (250, score_y(3))]
    assert curve.line == f"50,{score_y(4):g} 150,{score_y(1):g} 250,{score_y(3):g}"
    # Higher scores are higher up (smaller y), and every level is inside the drawing.
    assert curve.good_y < curve.neutral_y < curve.bad_y
    assert all(0 < y < curve.height for y in curve.levels)
    assert [d.point.moment_of_truth for d in curve.dots] == [False, True, False]


def test_map_grid_phases_lanes_and_cells(tmp_path: Path) -> None:
    journey = returning(tmp_path)
    grid = map_grid(journey)
    assert [(p.name, p.span) for p in grid.phases] == [("Before", 1), ("During", 1), ("Before", 1)]
    keys = [lane.key for lane in grid.lanes]
    # Lanes no stage fills are left out; the owner lane always shows (an unowned stage says so).
    assert keys == ["actions", "touchpoints", "feeling", "owner", "systems", "kpis"]
    assert keys == [key for key in LANES if key in keys]
    lanes = {lane.key: lane.cells for lane in grid.lanes}
    assert lanes["actions"] == (("Browses", "Compares"), (), ())
    assert [t.kind for t in lanes["touchpoints"][0]] == ["owned", "paid", "earned"]
    assert [k.id for k in lanes["kpis"][1]] == ["drop"]
    assert lanes["systems"] == ((), (), ("CRM",))
    # The grid shows what the customer lives; the stage sections under it only what it does not.
    assert [lane.key for lane in grid.map_lanes] == ["actions", "touchpoints", "feeling", "owner"]
    assert [lane.key for lane in grid.detail_lanes] == ["systems", "kpis"]
    assert grid.print_groups == (range(0, 3),)


def test_map_grid_of_every_example_has_a_column_per_stage() -> None:
    for journey in example_journeys().values():
        grid = map_grid(journey)
        assert sum(p.span for p in grid.phases) == len(journey.stages)
        assert all(len(lane.cells) == len(journey.stages) for lane in grid.lanes)
