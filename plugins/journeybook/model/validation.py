"""Turns pydantic's validation errors into located, plain-language findings.

pydantic knows what is wrong; the YAML document knows where it was written. This module joins
the two and rewrites each error type in words a CX owner can act on.
"""

from __future__ import annotations

import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from journeybook.findings import Finding, allowed_hint, invalid_id, not_allowed
from journeybook.read.front_matter import KeyPath, YamlDocument, field_path

M = TypeVar("M", bound=BaseModel)

_QUOTED = re.compile(r"'([^']*)'")


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``loc`` (to list its fields)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def describe(value: Any, raw: str | None) -> str:
    """How a found value is shown: as the author wrote it, with its YAML type when that matters."""
    if isinstance(value, bool):
        return f"{raw or str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {raw or value}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return f"'{value}'"


_NUMBER_WITH_UNIT = re.compile(r"^\s*[-+]?[0-9]+(?:[.,][0-9]+)?\s*(%|[A-Za-z€$£]{1,5})\s*$")


def _unit_hint(value: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """``8%`` for a number: write the number alone, and the unit where the model has a place for it."""
    match = _NUMBER_WITH_UNIT.match(value) if isinstance(value, str) else None
    if match is None:
        return ""
    owner = _model_at(model, loc[:-1])
    where = "; the unit goes in 'unit'" if owner is not None and "unit" in owner.model_fields else ""
    return f"; write the number alone, without '{match.group(1)}'{where}"


def _message(error: dict[str, Any], model: type[BaseModel], raw: str | None) -> str:
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    found = describe(value, raw)
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        return f"unknown field '{loc[-1]}' {allowed_hint(str(loc[-1]), allowed)}"
    if kind == "literal_error":
        allowed = _QUOTED.findall(str(ctx.get("expected", "")))
        return not_allowed(str(value), allowed) if isinstance(value, str) else f"expected one of {', '.join(allowed)}, found {found}"
    if kind == "string_pattern_mismatch":
        return invalid_id(str(value))
    if kind == "string_type":
        quote = "; put it in quotes to make it text" if isinstance(value, (bool, int, float)) else ""
        return f"expected text, found {found}{quote}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {found}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {found}{_unit_hint(value, model, loc)}"
    if kind == "finite_number":
        return "must be a real number (NaN and infinity are not allowed)"
    if kind == "bool_type":
        return f"expected true or false, found {found}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{raw or value} is too small (allowed: {_bound(ctx.get('ge', ctx.get('gt')))} or more{_range_tail(model, loc)})"
    if kind in ("less_than_equal", "less_than"):
        return f"{raw or value} is too large (allowed: up to {_bound(ctx.get('le', ctx.get('lt')))}{_range_tail(model, loc)})"
    if kind == "too_short":
        return "needs at least one item"
    if kind == "list_type":
        return f"expected a list (items starting with '- '), found {found}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields ('name: value' lines), found {found}"
    if kind == "iso_date":
        return str(error["msg"]) + (f", found {found}" if "YYYY" in str(error["msg"]) else "")
    return str(error["msg"])


def _bound(value: Any) -> str:
    """A limit as people write it: 1,000,000,000,000,000 rather than 1000000000000000.0."""
    if isinstance(value, (int, float)) and abs(value) >= 10_000 and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def _range_tail(model: type[BaseModel], loc: KeyPath) -> str:
    owner = _model_at(model, loc[:-1])
    if owner is None or not isinstance(loc[-1], str):
        return ""
    bounds = [m for m in owner.model_fields[loc[-1]].metadata if hasattr(m, "ge") or hasattr(m, "le")]
    low = next((b.ge for b in bounds if getattr(b, "ge", None) is not None), None)
    high = next((b.le for b in bounds if getattr(b, "le", None) is not None), None)
    return f"; the scale is {_bound(low)} to {_bound(high)}" if low is not None and high is not None else ""


def validate(model: type[M], document: YamlDocument, file: str, rule: str = "schema", at: KeyPath = ()) -> tuple[M | None, list[Finding]]:
    """Validate ``document`` (or its part at path ``at``) against ``model``; every error is located."""
    data = document.data
    for part in at:
        data = data[part]
    try:
        return model.model_validate(data if data is not None else {}), []
    except ValidationError as exc:
        findings = []
        for error in exc.errors(include_url=False):
            loc: KeyPath = (*at, *(p for p in error["loc"] if isinstance(p, (str, int))))
            if error["type"] == "extra_forbidden":
                position = document.keys.get(loc) or document.position(loc)
            elif error["type"] == "missing":
                position = document.position(loc[:-1])
            else:
                position = document.position(loc)
            raw = position.raw if position is not None and document.values.get(loc) is position else None
            findings.append(
                Finding(
                    file=file,
                    line=position.line if position else 1,
                    column=position.column if position else 1,
                    field=field_path(loc),
                    message=_message({**error, "loc": loc[len(at):]}, model, raw),
                    rule=rule,
                )
            )
        return None, findings
