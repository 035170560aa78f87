"""The JSON Schemas in site_config/ match the models, and describe what authors may write."""

from __future__ import annotations

import json

from conftest import REPO, journeybook
from journeybook.authoring.schema import render_schemas


def test_checked_in_schemas_are_in_sync_with_the_models() -> None:
    for name, text in render_schemas().items():
        path = REPO / "site_config" / name
        assert path.is_file(), f"{name} is missing: run 'journeybook schema'"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run 'journeybook schema'"


def test_schema_command_writes_the_playbook_schema(project) -> None:
    (project / "site_config" / "playbook.schema.json").unlink()
    result = journeybook("schema", cwd=project)
    assert result.code == 0, result.output
    schema = json.loads((project / "site_config" / "playbook.schema.json").read_text(encoding="utf-8"))
    stage = schema["$defs"]["StageInput"]
    assert stage["properties"]["touchpoints"]["items"]["$ref"] == "#/$defs/TouchpointInput"
    assert schema["$defs"]["TouchpointInput"]["properties"]["kind"]["enum"] == ["owned", "paid", "earned"]
    assert {"type": "string", "minLength": 1} in stage["properties"]["actions"]["items"]["anyOf"]
    assert schema["additionalProperties"] is False
