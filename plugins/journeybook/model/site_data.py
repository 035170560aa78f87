"""The site's shared vocabulary: taxonomies, teams, personas and settings.

Everything a playbook refers to by id is loaded here once, validated like front matter (so a
broken taxonomy or owners file is reported with its line), and turned into resolved objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel

from journeybook.findings import Finding, Findings, Severity, allowed_hint
from journeybook.lookalikes import visible
from journeybook.model.inputs import (
    DataSourceInput,
    MethodInput,
    OwnersFile,
    PersonaInput,
    SettingsInput,
    TaxonomyEntryInput,
    TeamInput,
)
from journeybook.model.reserved import file_name_finding
from journeybook.model.resolved import Persona, Settings, TaxonomyEntry, Team
from journeybook.model.validation import validate
from journeybook.pages.uris import reserved_team_ids
from journeybook.read.body_text import dropped_characters
from journeybook.read.front_matter import (
    SourceFile,
    YamlDocument,
    YamlProblem,
    field_path,
    read_markdown,
    read_yaml_file,
)
from journeybook.read.layout import Layout

E_ = TypeVar("E_", bound=BaseModel)

class UnreadTable(dict):  # type: ignore[type-arg]
    """The table of a reference file that could not be read (its YAML does not parse, or it holds no entries at all).

    Which ids it holds is unknown, so a reference into it is not reported as unknown: the
    file's own error is the one to fix, and it is reported once, not again at every page that
    names a team, phase, channel, method or data source. A page with such a reference is left
    unresolved (the build stops on the file's error anyway).
    """


def is_unread(table: Any) -> bool:
    return isinstance(table, UnreadTable)


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
    settings: Settings = field(default_factory=Settings.of)
    settings_source: YamlDocument | None = None
    languages: tuple[str, ...] = ("en",)
    """The label sets in site_config/labels/, which a page's ``language`` must name."""


_LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "espanol": "es", "español": "es", "castellano": "es", "french": "fr",
    "francais": "fr", "français": "fr", "german": "de", "deutsch": "de", "portuguese": "pt", "português": "pt",
    "portugues": "pt", "italian": "it", "italiano": "it", "dutch": "nl", "nederlands": "nl", "catalan": "ca", "català": "ca",
}
"""Languages written by name, for the 'did you mean' of a ``language`` given as a word."""


def unknown_language(value: str | None, languages: tuple[str, ...]) -> str | None:
    """What is wrong with a page's ``language``, or None when a label set of that name (or its base: ``es`` for ``es-MX``) exists."""
    if value is None or value in languages or value.split("-")[0] in languages:
        return None
    code = _LANGUAGE_NAMES.get(value.strip().lower())
    hint = f"(allowed: {', '.join(languages)}; did you mean '{code}'?)" if code in languages else allowed_hint(value, list(languages))
    return (f"unknown language '{visible(value)}': write the name of one of the site's label sets, "
            f"the files in site_config/labels/ {hint}")


def problem_finding(file: str, problem: YamlProblem) -> Finding:
    """A YAML-level problem (syntax, aliases, encoding) as a finding of rule ``yaml``."""
    return Finding(file, problem.line, problem.column, problem.field, problem.message, rule="yaml")


def body_findings(file: str, source: SourceFile) -> list[Finding]:
    """A warning for each control character dropped from a page's body, at its line."""
    return [
        Finding(file, line, None, "body", message, rule="control-character", severity=Severity.WARNING)
        for line, _what, message in dropped_characters(source.body, source.body_line)
    ]


def read_document(path: Path, layout: Layout, findings: Findings) -> YamlDocument | None:
    """Read a YAML data file; a missing or unparsable file is reported, not raised."""
    rel = layout.rel(path)
    if not path.is_file():
        findings.add(Finding(rel, None, None, "", "file is missing; it is part of every Journeybook project", rule="missing-file"))
        return None
    try:
        return read_yaml_file(path, layout.inside(path))
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


def _duplicate(path: Path, document: YamlDocument | None, loc: tuple[str | int, ...], value: str, layout: Layout, problem: str) -> Finding:
    position = document.position(loc) if document is not None else None
    return Finding(
        layout.rel(path), position.line if position else None, position.column if position else None,
        field_path(loc), problem, rule="duplicate-id",
    )


def _misframed(path: Path, document: YamlDocument, key: str | None, container: Any, wrapper: type[BaseModel], layout: Layout, findings: Findings) -> list[str]:
    """Report a file whose overall shape is wrong; the ids its entries still name, to keep them known.

    Entries written in the wrong frame (owners.yml as a bare list, without ``teams:``) are
    usually right themselves: knowing their ids keeps every playbook from reporting each
    reference to them as unknown.
    """
    rel = layout.rel(path)
    if key and isinstance(document.data, list):
        position = document.position(())
        findings.add(Finding(
            rel, position.line if position else 1, position.column if position else 1, "",
            f"the entries are a bare list; write '{key}:' on a line of its own above them and indent them under it",
            rule="schema",
        ))
    else:
        findings.extend(validate(wrapper, document, rel)[1])
    written = document.data if isinstance(document.data, list) else container if isinstance(container, list) else []
    return [raw["id"] for raw in written if isinstance(raw, dict) and isinstance(raw.get("id"), str)]


def _id_problem(item_id: str, seen: dict[str, str], reserved: dict[str, str]) -> str | None:
    """Why an entry's id cannot be used beside the ids before it (``seen``: by anchor spelling)."""
    twin = seen.get(item_id.replace("_", "-"))
    if twin == item_id:
        return f"duplicate id '{item_id}'; each id must be unique"
    if item_id in reserved:
        return f"'{item_id}' is a reserved id: its page would replace {reserved[item_id]}; choose another"
    if twin is not None:
        return f"id '{item_id}' differs from '{twin}' only by '_' and '-', which give both the same anchor; use one spelling"
    return None


def _entries(
    path: Path, key: str | None, model: type[E_], wrapper: type[BaseModel], layout: Layout, findings: Findings,
    reserved: dict[str, str] | None = None,
) -> tuple[list[E_], list[str]] | None:
    """Validate a list of entries one by one, so one bad entry does not hide all the others.

    Returns the valid entries and the ids of invalid ones that still name a usable id: those
    stay known, so a team missing its contact is reported once, not again at every reference.
    None: the file could not be read, or names no entry at all (its table is an ``UnreadTable``).
    Only a file whose overall shape is wrong (not a list) is validated as a whole (``wrapper``).
    ``reserved`` ids (with why) and ids that differ from another only by '_' against '-' (which
    make the same anchor) are located errors too.
    """
    document = read_document(path, layout, findings)
    if document is None:
        return None
    container = document.data.get(key) if key and isinstance(document.data, dict) else document.data
    if not isinstance(container, list) or (key and not (isinstance(document.data, dict) and set(document.data) == {key})):
        named = _misframed(path, document, key, container, wrapper, layout, findings)
        return ([], named) if named else None
    prefix: tuple[str, ...] = (key,) if key else ()
    entries: list[E_] = []
    broken: list[str] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(container):
        item, problems = validate(model, document, layout.rel(path), at=(*prefix, index))
        findings.extend(problems)
        if item is None:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken.append(raw["id"])
            continue
        item_id: str = item.id  # type: ignore[attr-defined]
        problem = _id_problem(item_id, seen, reserved or {})
        if problem:
            findings.add(_duplicate(path, document, (*prefix, index, "id"), item_id, layout, problem))
        seen.setdefault(item_id.replace("_", "-"), item_id)
        entries.append(item)
    return entries, broken


def _taxonomy(path: Path, model: type[TaxonomyEntryInput], layout: Layout, findings: Findings) -> dict[str, TaxonomyEntry]:
    read = _entries(path, None, model, RootModel[list[model]], layout, findings)  # type: ignore[valid-type]
    if read is None:
        return UnreadTable()
    items, broken = read
    entries = {entry_id: TaxonomyEntry(id=entry_id, name=entry_id, description="") for entry_id in broken}
    entries.update((item.id, TaxonomyEntry(**{**item.model_dump(), "names": tuple(sorted(item.names.items())), "position": index})) for index, item in enumerate(items))
    return entries


def _teams(layout: Layout, findings: Findings) -> dict[str, Team]:
    read = _entries(layout.owners_file, "teams", TeamInput, OwnersFile, layout, findings, reserved_team_ids())
    if read is None:
        return UnreadTable()
    items, broken = read
    teams = {team_id: Team(id=team_id, name=team_id, lead="", contact="") for team_id in broken}
    teams.update((team.id, Team(**team.model_dump())) for team in items)
    return teams


def _personas(layout: Layout, findings: Findings) -> dict[str, Persona]:
    """Every persona page by id; a broken page is reported here once and still known by its id.

    Its problem is the author's to fix on that page: playbooks naming the persona must not each
    report it as unknown, as the file exists (the same rule as a team entry with a bad field).
    """
    personas: dict[str, Persona] = {}
    languages = layout.languages()
    for path in layout.persona_files():
        rel = layout.rel(path)
        if (badly_named := file_name_finding(path, layout, "persona")) is not None:
            findings.add(badly_named)
        placeholder = Persona(id=path.stem, title=path.stem, src_uri=layout.src_uri(path))
        try:
            source = read_markdown(path, layout.root)
        except YamlProblem as problem:
            findings.add(problem_finding(rel, problem))
            personas[path.stem] = placeholder
            continue
        findings.extend(body_findings(rel, source))
        if source.front_matter is None:
            findings.add(Finding(rel, 1, 1, "", "a persona page needs front matter between '---' lines with at least 'title'", rule="schema"))
            personas[path.stem] = placeholder
            continue
        persona, problems = validate(PersonaInput, source.front_matter, rel)
        findings.extend(problems)
        if persona is None:
            personas[path.stem] = placeholder
            continue
        wrong_language = unknown_language(persona.language, languages)
        if wrong_language is not None:  # still a persona its playbooks may name, shown in the site's language
            position = source.front_matter.position(("language",))
            findings.add(Finding(rel, position.line if position else 1, position.column if position else 1, "language", wrong_language, rule="reference"))
        personas[path.stem] = Persona(
            id=path.stem, title=persona.title, src_uri=layout.src_uri(path), segment=persona.segment, quote=persona.quote,
            goals=tuple(persona.goals), needs=tuple(persona.needs), motivations=tuple(persona.motivations),
            pains=tuple(persona.pains), language=None if wrong_language else persona.language,
        )
    return personas


def _settings(layout: Layout, findings: Findings) -> tuple[Settings, YamlDocument | None]:
    path = layout.config_dir / "settings.yml"
    if not path.is_file():
        return Settings.of(), None
    settings, document = _validated(SettingsInput, path, layout, findings)
    return Settings.of(settings), document


def load_site_data(layout: Layout, findings: Findings) -> SiteData:
    """Load every shared file; problems go to ``findings`` so all are reported together."""
    config = layout.config_file  # the site's file, else the packaged default
    written = _taxonomy(config("data-sources.yml"), DataSourceInput, layout, findings)
    sources: dict[str, TaxonomyEntry] = UnreadTable() if is_unread(written) else {}  # 'files' is known all the same
    sources["files"] = BUILT_IN_FILES_SOURCE
    sources.update(written)
    settings, settings_source = _settings(layout, findings)
    return SiteData(
        phases=_taxonomy(config("phases.yml"), TaxonomyEntryInput, layout, findings),
        channels=_taxonomy(config("channels.yml"), TaxonomyEntryInput, layout, findings),
        methods=_taxonomy(config("verification-methods.yml"), MethodInput, layout, findings),
        sources=sources,
        teams=_teams(layout, findings),
        personas=_personas(layout, findings),
        settings=settings,
        settings_source=settings_source,
        languages=layout.languages(),
    )
