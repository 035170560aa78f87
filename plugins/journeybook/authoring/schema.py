"""JSON Schemas of what authors write, generated from the input models.

Editors (VS Code's YAML extension) use them for completion and inline validation; the
published ``journeys.json`` points at the playbook one. They are files in ``site_config/`` so
they work without a running server; a test keeps them in sync with the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, RootModel

from journeybook.model.initiative_inputs import InitiativeInput
from journeybook.model.inputs import (
    DataSourceInput,
    MethodInput,
    OwnersFile,
    PersonaInput,
    PlaybookInput,
    SettingsInput,
    TaxonomyEntryInput,
)

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "playbook.schema.json": (PlaybookInput, "Journeybook playbook front matter"),
    "persona.schema.json": (PersonaInput, "Journeybook persona front matter"),
    "owners.schema.json": (OwnersFile, "Journeybook teams (data/owners.yml)"),
    "taxonomy.schema.json": (RootModel[list[TaxonomyEntryInput]], "Journeybook taxonomy (phases, channels)"),
    "verification-methods.schema.json": (RootModel[list[MethodInput]], "Journeybook verification methods"),
    "data-sources.schema.json": (RootModel[list[DataSourceInput]], "Journeybook data sources"),
    "settings.schema.json": (SettingsInput, "Journeybook site settings"),
    "initiative.schema.json": (InitiativeInput, "Journeybook initiative front matter"),
}


def _allow_text_actions(schema: dict[str, Any]) -> None:
    """Actions may be plain text (see ``ActionInput._from_text``); the model alone cannot say so."""
    stage = schema.get("$defs", {}).get("StageInput")
    if stage:
        stage["properties"]["actions"]["items"] = {"anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/ActionInput"}]}


def build_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    _allow_text_actions(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **{k: v for k, v in schema.items() if k != "title"}}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, deterministic so the checked-in copies can be compared."""
    return {name: json.dumps(build_schema(model, title), indent=2, sort_keys=True) + "\n" for name, (model, title) in SCHEMAS.items()}


def write_schemas(directory: Path) -> list[Path]:
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
