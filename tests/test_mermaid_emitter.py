"""The Mermaid emitter: escaping of every label, and the generated diagrams against golden files.

``tests/golden/mermaid/<journey>.journey.mmd`` and ``.flow.mmd`` hold the Mermaid generated for
each example playbook and for a playbook of hostile labels; run with JOURNEYBOOK_UPDATE_GOLDEN=1
to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import matches_golden
from diagram_support import HOSTILE, example_journeys, hostile_journey, labels
from journeybook.render.mermaid import flowchart, journey, text
from journeybook.views.diagram import diagram_model

# What may appear in a label once escaped: letters, digits, spaces, a little punctuation, and
# entity codes.
ESCAPED = re.compile(r"(?:[^\W_]|[ .\-'?!/()+]|#\d+;)*")




@pytest.mark.parametrize("label", HOSTILE)
def test_every_hostile_label_becomes_one_inert_line(label: str) -> None:
    escaped = text(label)
    assert ESCAPED.fullmatch(escaped), escaped
    # ";" and "#" appear only inside entity codes.
    assert re.sub(r"#\d+;", "", escaped).isprintable()
    for syntax in (":", ";", "#", ",", "%", '"', "<", ">", "[", "{", "|", "`", "\n", "*", "_", "&"):
        assert syntax not in re.sub(r"#\d+;", "", escaped)


@pytest.mark.parametrize(("label", "escaped"), [
    ("Compare offers", "Compare offers"),
    ("Pay: then wait", "Pay#58; then wait"),
    ("a;b,c#d", "a#59;b#44;c#35;d"),
    ("two\n  lines", "two lines"),
    ("Section 2 begins", "#83;ection 2 begins"),
    ("title deeds", "#116;itle deeds"),
    ("Journey planner", "#74;ourney planner"),
    ("Open a section", "Open a section"),
    ("Año nuevo, ¿sí?", "Año nuevo#44; #191;sí?"),
    ("#58;", "#35;58#59;"),
])
def test_escaping_keeps_words_and_codes_syntax(label: str, escaped: str) -> None:
    assert text(label) == escaped


def test_flowchart_links_each_stage_and_marks_moments() -> None:
    model = diagram_model(example_journeys()["mortgage-application"], labels())
    source = flowchart(model)
    assert source.count("click s") == len(example_journeys()["mortgage-application"].stages)
    assert 'click s2 href "#stage-apply" "Submit the full application"' in source
    assert "class s2,s4 moment" in source
    assert "accTitle: Stage flow of Mortgage application" in source


@pytest.mark.parametrize("name", sorted(example_journeys()))
def test_example_diagrams_match_golden(name: str) -> None:
    model = diagram_model(example_journeys()[name], labels())
    matches_golden("mermaid", f"{name}.journey.mmd", "\n".join(journey(row) for row in model.rows))
    matches_golden("mermaid", f"{name}.flow.mmd", flowchart(model))


def test_hostile_diagrams_match_golden(tmp_path: Path) -> None:
    model = diagram_model(hostile_journey(tmp_path), labels())
    matches_golden("mermaid", "hostile.journey.mmd", "\n".join(journey(row) for row in model.rows))
    matches_golden("mermaid", "hostile.flow.mmd", flowchart(model))
