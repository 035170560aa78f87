"""The site's shared vocabulary: taxonomies, teams, personas and settings.

Everything a playbook refers to by id is loaded here once, validated like front matter (so a
broken taxonomy or owners file is reported with its line), and turned into resolved objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, RootModel

from .findings import Finding, Findings
from .front_matter import YamlDocument, YamlProblem, read_markdown, read_yaml_file
from .input_models import (
    DataSourceInput,
    MethodInput,
    OwnersFile,
    PersonaInput,
    SettingsInput,
    TaxonomyEntryInput,
)
from .layout import Layout
from .resolved import Persona, Settings, TaxonomyEntry, Team
from .validation import field_path, validate

E = TypeVar("E", bound=TaxonomyEntryInput)

BUILT_IN_FILES_SOURCE = TaxonomyEntry(
    id="files", name="Measurement files", description="Every CSV, Excel and Parquet file under data/kpis/.", kind="files"
)


@dataclass
class SiteData:
    phases: dict[str, TaxonomyEntry] = field(default_factory=dict)
    channels: dict[str, TaxonomyEntry] = field(default_factory=dict)
    methods: dict[str, TaxonomyEntry] = field(default_factory=dict)
    sources: dict[str, TaxonomyEntry] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    settings_source: YamlDocument | None = None


def problem_finding(file: str, problem: YamlProblem) -> Finding:
    """A YAML-level problem (syntax, aliases, encoding) as a finding of rule ``yaml``."""
    return Finding(file, problem.line, problem.column, problem.field, problem.message, rule="yaml")


def read_document(path: Path, layout: Layout, findings: Findings) -> YamlDocument | None:
    """Read a YAML data file; a missing or unparsable file is reported, not raised."""
    rel = layout.rel(path)
    if not path.is_file():
        findings.add(Finding(rel, None, None, "", "file is missing; it is part of every Journeybook project", rule="missing-file"))
        return None
    try:
        return read_yaml_file(path)
    except YamlProblem as problem:
        findings.add(problem_finding(rel, problem))
        return None


def _validated(model: type[BaseModel], path: Path, layout: Layout, findings: Findings) -> tuple[BaseModel | None, YamlDocument | None]:
    document = read_document(path, layout, findings)
    if document is None:
        return None, None
    value, problems = validate(model, document, layout.rel(path))
    findings.extend(problems)
    return value, document


def _duplicate(path: Path, document: YamlDocument | None, loc: tuple[str | int, ...], value: str, layout: Layout) -> Finding:
    position = document.position(loc) if document is not None else None
    return Finding(
        layout.rel(path), position.line if position else None, position.column if position else None,
        field_path(loc), f"duplicate id '{value}'; each id must be unique", rule="duplicate-id",
    )


def _taxonomy(path: Path, model: type[E], layout: Layout, findings: Findings) -> dict[str, TaxonomyEntry]:
    root, document = _validated(RootModel[list[model]], path, layout, findings)  # type: ignore[valid-type]
    entries: dict[str, TaxonomyEntry] = {}
    for index, item in enumerate(root.root if root is not None else []):  # type: ignore[attr-defined]
        if item.id in entries:
            findings.add(_duplicate(path, document, (index, "id"), item.id, layout))
        entries[item.id] = TaxonomyEntry(**item.model_dump())
    return entries


def _teams(layout: Layout, findings: Findings) -> dict[str, Team]:
    owners, document = _validated(OwnersFile, layout.owners_file, layout, findings)
    teams: dict[str, Team] = {}
    for index, team in enumerate(owners.teams if owners is not None else []):  # type: ignore[attr-defined]
        if team.id in teams:
            findings.add(_duplicate(layout.owners_file, document, ("teams", index, "id"), team.id, layout))
        teams[team.id] = Team(**team.model_dump())
    return teams


def _personas(layout: Layout, findings: Findings) -> dict[str, Persona]:
    personas: dict[str, Persona] = {}
    if not layout.personas_dir.is_dir():
        return personas
    for path in sorted(layout.personas_dir.glob("*.md")):
        if path.name == "index.md":
            continue
        rel = layout.rel(path)
        try:
            source = read_markdown(path)
        except YamlProblem as problem:
            findings.add(problem_finding(rel, problem))
            continue
        if source.front_matter is None:
            findings.add(Finding(rel, 1, 1, "", "a persona page needs front matter between '---' lines with at least 'title'", rule="schema"))
            continue
        persona, problems = validate(PersonaInput, source.front_matter, rel)
        findings.extend(problems)
        if persona is not None:
            personas[path.stem] = Persona(id=path.stem, title=persona.title, src_uri=layout.src_uri(path), segment=persona.segment, quote=persona.quote)
    return personas


def _settings(layout: Layout, findings: Findings) -> tuple[Settings, YamlDocument | None]:
    path = layout.config_dir / "settings.yml"
    if not path.is_file():
        return Settings(), None
    settings, document = _validated(SettingsInput, path, layout, findings)
    if settings is None:
        return Settings(), document
    data = settings.model_dump()
    data["featured_journeys"] = tuple(data["featured_journeys"])
    return Settings(**data), document


def load_site_data(layout: Layout, findings: Findings) -> SiteData:
    """Load every shared file; problems go to ``findings`` so all are reported together."""
    config = layout.config_dir
    sources = {"files": BUILT_IN_FILES_SOURCE}
    sources.update(_taxonomy(config / "data-sources.yml", DataSourceInput, layout, findings))
    settings, settings_source = _settings(layout, findings)
    return SiteData(
        phases=_taxonomy(config / "phases.yml", TaxonomyEntryInput, layout, findings),
        channels=_taxonomy(config / "channels.yml", TaxonomyEntryInput, layout, findings),
        methods=_taxonomy(config / "verification-methods.yml", MethodInput, layout, findings),
        sources=sources,
        teams=_teams(layout, findings),
        personas=_personas(layout, findings),
        settings=settings,
        settings_source=settings_source,
    )
