"""Every field an author can write, read from the input models, for the generated field reference.

The reference page is made from the same models that validate the content (their JSON Schema:
types, allowed values, ranges, defaults and descriptions), so it lists exactly the fields the
installed version accepts and cannot drift from the checks the way a hand-written table does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from markupsafe import Markup, escape
from pydantic import BaseModel

from journeybook.authoring.schema import build_schema
from journeybook.model.initiative_inputs import AimInput, InitiativeInput, ReachInput
from journeybook.model.inputs import (
    SLUG_PATTERN,
    ActionInput,
    DataSourceInput,
    Goals,
    KpiInput,
    MethodInput,
    PageOptions,
    PersonaInput,
    PlaybookInput,
    SettingsInput,
    StageInput,
    TaxonomyEntryInput,
    TeamInput,
    TouchpointInput,
    VerificationInput,
)

SECTIONS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("playbook", PlaybookInput, "content/journeys/<id>.md"),
    ("goals", Goals, "goals"),
    ("stage", StageInput, "stages"),
    ("action", ActionInput, "stages[].actions"),
    ("touchpoint", TouchpointInput, "stages[].touchpoints"),
    ("kpi", KpiInput, "kpis"),
    ("verification", VerificationInput, "verification"),
    ("persona", PersonaInput, "content/personas/<id>.md"),
    ("initiative", InitiativeInput, "content/initiatives/<id>.md"),
    ("reach", ReachInput, "journeys"),
    ("aim", AimInput, "kpis"),
    ("team", TeamInput, "data/owners.yml: teams"),
    ("taxonomy", TaxonomyEntryInput, "site_config/phases.yml, site_config/channels.yml"),
    ("method", MethodInput, "site_config/verification-methods.yml"),
    ("source", DataSourceInput, "site_config/data-sources.yml"),
    ("settings", SettingsInput, "site_config/settings.yml"),
)
"""(anchor, model, where it is written), in reading order; the anchor also names the label."""

ANCHORS = {model.__name__: anchor for anchor, model, _ in SECTIONS}


@dataclass(frozen=True)
class FieldRow:
    name: str
    required: bool
    allowed: Markup
    default: Markup
    description: Markup


@dataclass(frozen=True)
class Section:
    anchor: str
    where: str
    rows: tuple[FieldRow, ...]


def inline(text: str) -> Markup:
    """A model's description as HTML: text escaped, ```code``` spans as ``<code>``."""
    parts = text.split("`")
    return Markup("").join(escape(part) if i % 2 == 0 else Markup("<code>%s</code>") % part for i, part in enumerate(parts))


def _code(value: Any) -> Markup:
    """A value as YAML writes it, in a code span."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return Markup("<code>%s</code>") % text


def _range(prop: Mapping[str, Any]) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None:
        return f" {low}–{high}"
    return f" ≥ {low}" if low is not None else ""


def allowed(prop: Mapping[str, Any], labels: Mapping[str, str]) -> Markup:
    """What a value may be, in a reader's words: the choices, the kind of value, its range."""
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        return Markup(" / ").join(allowed(option, labels) for option in options)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        anchor = ANCHORS.get(name, "")
        return Markup('<a href="#%s">%s</a>') % (anchor, labels[f"fields_section_{anchor}"])
    if "enum" in prop:
        return Markup(", ").join(_code(value) for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return Markup("%s %s") % (labels["fields_list_of"], allowed(prop.get("items", {}), labels))
    if kind == "string":
        if prop.get("format") == "date":
            return Markup(escape(labels["fields_date"]))
        return Markup(escape(labels["fields_id" if prop.get("pattern") == SLUG_PATTERN else "fields_text"]))
    if kind in ("integer", "number"):
        return Markup(escape(labels[f"fields_{kind}"] + _range(prop)))
    if kind == "boolean":
        return Markup(", ").join((_code(True), _code(False)))
    return Markup(escape(labels["fields_mapping"]))


def _rows(model: type[BaseModel], labels: Mapping[str, str], parts: Mapping[str, Any]) -> tuple[FieldRow, ...]:
    """``parts`` are the playbook schema's definitions, as editors see them (actions may be plain text there)."""
    schema = parts.get(model.__name__) or build_schema(model, model.__name__)
    required = set(schema.get("required", ()))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        if issubclass(model, PageOptions) and name in PageOptions.model_fields:
            continue  # the theme's page options, named once below the table
        default = prop.get("default")
        shown = _code(default) if default not in (None, [], "") else Markup("")
        rows.append(FieldRow(name, name in required, allowed(prop, labels), shown, inline(prop.get("description", ""))))
    return tuple(rows)


def field_reference(labels: Mapping[str, str]) -> tuple[Section, ...]:
    """Every section of the reference, its rows described with ``labels``."""
    parts = build_schema(PlaybookInput, "")["$defs"]
    return tuple(Section(anchor, where, _rows(model, labels, parts)) for anchor, model, where in SECTIONS)
