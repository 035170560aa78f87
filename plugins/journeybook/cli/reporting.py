"""Findings rendered for where they are read: a terminal, GitHub, GitLab or another tool."""

from __future__ import annotations

import hashlib
import json
from typing import Callable, Sequence

from journeybook.findings import Finding, Severity


def as_text(findings: Sequence[Finding]) -> str:
    lines = [f"{f.severity.value}: {f}" for f in findings]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines)


def _escape_github(text: str, property_value: bool = False) -> str:
    """GitHub workflow commands need %, CR and LF escaped (and , : in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(findings: Sequence[Finding]) -> str:
    """Workflow commands that annotate the right file and line in a pull request."""
    lines = []
    for f in findings:
        props = [f"file={_escape_github(f.file, True)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_github('Journeybook ' + f.rule, True)}")
        message = f"{f.field}: {f.message}" if f.field else f.message
        lines.append(f"::{f.severity.value} {','.join(props)}::{_escape_github(message)}")
    return "\n".join(lines)


def _record(f: Finding) -> dict[str, object]:
    return {
        "file": f.file, "line": f.line, "column": f.column, "field": f.field,
        "message": f.message, "rule": f.rule, "severity": f.severity.value, "text": str(f),
    }


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps({"findings": [_record(f) for f in findings]}, indent=2, ensure_ascii=False)


def as_gitlab(findings: Sequence[Finding]) -> str:
    """GitLab Code Quality report: shown inline in merge requests.

    GitLab shows one issue per fingerprint, so the fingerprint holds the whole location: the
    same message on two lines (two cells that are not numbers) is two issues.
    """
    issues = []
    for f in findings:
        key = json.dumps([f.file, f.line, f.column, f.field, f.rule, f.message])
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        issues.append({
            "description": f"{f.field}: {f.message}" if f.field else f.message,
            "check_name": f"journeybook/{f.rule}",
            "fingerprint": fingerprint,
            "severity": "major" if f.severity is Severity.ERROR else "minor",
            "location": {"path": f.file, "lines": {"begin": f.line or 1}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False)


FORMATS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": as_text,
    "github": as_github,
    "json": as_json,
    "gitlab": as_gitlab,
}
