"""The site's shared vocabulary: taxonomies, teams, personas and settings.

Everything a playbook refers to by id is loaded here once, validated like front matter (so a
broken taxonomy or owners file is reported with its line), and turned into resolved objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, RootModel

from journeybook.findings import Finding, Findings
from journeybook.model.inputs import (
    DataSourceInput,
    MethodInput,
    OwnersFile,
    PersonaInput,
    SettingsInput,
    TaxonomyEntryInput,
    TeamInput,
)
from journeybook.model.resolved import Persona, Settings, TaxonomyEntry, Team
from journeybook.model.validation import field_path, validate
from journeybook.read.front_matter import (
    YamlDocument,
    YamlProblem,
    read_markdown,
    read_yaml_file,
)
from journeybook.read.layout import Layout

E_ = TypeVar("E_", bound=BaseModel)

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


def _entries(path: Path, key: str | None, model: type[E_], wrapper: type[BaseModel], layout: Layout, findings: Findings) -> tuple[list[E_], list[str]]:
    """Validate a list of entries one by one, so one bad entry does not hide all the others.

    Returns the valid entries and the ids of invalid ones that still name a usable id: those
    stay known, so a team missing its contact is reported once, not again at every reference.
    Only a file whose overall shape is wrong (not a list) is validated as a whole (``wrapper``).
    """
    document = read_document(path, layout, findings)
    if document is None:
        return [], []
    container = document.data.get(key) if key and isinstance(document.data, dict) else document.data
    if not isinstance(container, list) or (key and set(document.data) != {key}):
        findings.extend(validate(wrapper, document, layout.rel(path))[1])
        return [], []
    prefix: tuple[str, ...] = (key,) if key else ()
    entries: list[E_] = []
    broken: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(container):
        item, problems = validate(model, document, layout.rel(path), at=(*prefix, index))
        findings.extend(problems)
        if item is None:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken.append(raw["id"])
            continue
        if item.id in seen:  # type: ignore[attr-defined]
            findings.add(_duplicate(path, document, (*prefix, index, "id"), item.id, layout))  # type: ignore[attr-defined]
        seen.add(item.id)  # type: ignore[attr-defined]
        entries.append(item)
    return entries, broken


def _taxonomy(path: Path, model: type[TaxonomyEntryInput], layout: Layout, findings: Findings) -> dict[str, TaxonomyEntry]:
    items, broken = _entries(path, None, model, RootModel[list[model]], layout, findings)  # type: ignore[valid-type]
    entries = {entry_id: TaxonomyEntry(id=entry_id, name=entry_id, description="") for entry_id in broken}
    entries.update((item.id, TaxonomyEntry(**item.model_dump(), position=index)) for index, item in enumerate(items))
    return entries


def _teams(layout: Layout, findings: Findings) -> dict[str, Team]:
    items, broken = _entries(layout.owners_file, "teams", TeamInput, OwnersFile, layout, findings)
    teams = {team_id: Team(id=team_id, name=team_id, lead="", contact="") for team_id in broken}
    teams.update((team.id, Team(**team.model_dump())) for team in items)
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
