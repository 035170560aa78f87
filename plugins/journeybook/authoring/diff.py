"""What a change does to the playbooks, as readers see them, between two versions of the content.

A line diff of YAML tells a reviewer that line 48 changed; this says "Application abandonment:
target 20% -> 15%" or "Moment of truth lost: Sign the offer". Both sides are read as input
models (what authors wrote): references are not resolved, because the old revision's teams
and personas may be gone, and a playbook that cannot be read at one side is named as such
rather than crashing the comparison. The result is plain data; ``render_markdown`` turns it
into a pull-request comment through ``templates/blocks/semantic-diff.md``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Sequence, TypeVar

from pydantic import BaseModel

from journeybook.findings import Finding, unreadable
from journeybook.model.inputs import (
    KpiInput,
    PlaybookInput,
    StageInput,
    VerificationInput,
)
from journeybook.model.site_data import problem_finding
from journeybook.model.validation import validate
from journeybook.read.front_matter import YamlProblem, decode, split_markdown
from journeybook.read.revisions import Sources
from journeybook.render.markdown import MarkdownRenderer
from journeybook.render.numbers import format_number

if TYPE_CHECKING:
    from journeybook.authoring.initiative_diff import InitiativeDiff

M = TypeVar("M", bound=BaseModel)
TEMPLATE = "semantic-diff.md"
DIRECTIONS = {"up": "higher is better", "down": "lower is better"}
NOBODY = "nobody"


@dataclass(frozen=True)
class Snapshot:
    """One playbook file at one side: its id and input model, or why it could not be read."""

    path: str
    id: str
    playbook: PlaybookInput | None = None
    problem: Finding | None = None


@dataclass(frozen=True)
class Change:
    """One reader-visible change; ``kind`` picks the sentence the template writes."""

    kind: str
    subject: str = ""
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class PlaybookSummary:
    path: str
    title: str
    stages: int


@dataclass(frozen=True)
class PageChanges:
    """What changed in one playbook or initiative that exists on both sides."""

    path: str
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Unreadable:
    path: str
    side: str
    problem: Finding


@dataclass(frozen=True)
class SemanticDiff:
    base: str
    head: str
    added: tuple[PlaybookSummary, ...] = ()
    removed: tuple[PlaybookSummary, ...] = ()
    changed: tuple[PageChanges, ...] = ()
    unreadable: tuple[Unreadable, ...] = field(default=())
    initiatives: InitiativeDiff | None = None
    """Initiatives added, removed or changed (``journeybook.authoring.initiative_diff``)."""

    @property
    def empty(self) -> bool:
        quiet = self.initiatives is None or self.initiatives.empty
        return quiet and not (self.added or self.removed or self.changed or self.unreadable)


def read_model(path: str, raw: bytes | OSError, model: type[M]) -> tuple[M | None, Finding | None]:
    """Parse one file's front matter the way ``check`` does: the model, or the first problem."""
    try:
        if isinstance(raw, OSError):
            raise YamlProblem(1, 1, unreadable(raw))
        source = split_markdown(Path(path), decode(raw))
    except YamlProblem as problem:
        return None, problem_finding(path, problem)
    if source.front_matter is None:
        return None, Finding(path, 1, 1, "", "has no front matter", rule="schema")
    value, findings = validate(model, source.front_matter, path)
    return value, (findings[0] if value is None else None)


def snapshot(path: str, raw: bytes | OSError) -> Snapshot:
    """One playbook file, keeping only the first problem if it is broken."""
    stem = PurePosixPath(path).stem
    playbook, problem = read_model(path, raw, PlaybookInput)
    if playbook is None:
        return Snapshot(path, stem, problem=problem)
    return Snapshot(path, playbook.id or stem, playbook=playbook)


def _summary(item: Snapshot) -> PlaybookSummary:
    assert item.playbook is not None
    return PlaybookSummary(item.path, item.playbook.title, len(item.playbook.stages))


def _owner(own: str | None, inherited: str | None) -> str:
    return own or inherited or NOBODY


def _owner_change(kind: str, subject: str, old: tuple[str | None, str | None], new: tuple[str | None, str | None]) -> list[Change]:
    """An owner change of a stage or KPI, unless it only follows the playbook's own owner."""
    before, after = _owner(*old), _owner(*new)
    if before == after or (old[0] is None and new[0] is None):
        return []
    return [Change(kind, subject, before, after)]


def _stage_changes(old: PlaybookInput, new: PlaybookInput) -> list[Change]:
    before = {s.id: s for s in old.stages}
    after = {s.id: s for s in new.stages}
    changes: list[Change] = []
    for index, stage in enumerate(new.stages):
        if stage.id not in before:
            changes.append(Change("stage_added", stage.name, after=f"{index + 1} of {len(new.stages)}"))
    changes += [Change("stage_removed", s.name) for s in old.stages if s.id not in after]
    kept_before = [before[i].name for i in before if i in after]
    kept_after = [after[i].name for i in after if i in before]
    if [i for i in before if i in after] != [i for i in after if i in before]:
        changes.append(Change("stages_reordered", before=", ".join(kept_before), after=", ".join(kept_after)))
    for stage_id, stage in after.items():
        was: StageInput | None = before.get(stage_id)
        if was is None:
            continue
        if was.name != stage.name:
            changes.append(Change("stage_renamed", stage_id, was.name, stage.name))
        if was.phase != stage.phase:
            changes.append(Change("stage_phase", stage.name, was.phase, stage.phase))
        changes += _owner_change("stage_owner", stage.name, (was.owner, old.owner), (stage.owner, new.owner))
    moments_before = {s.id for s in old.stages if s.moment_of_truth}
    moments_after = {s.id for s in new.stages if s.moment_of_truth}
    changes += [Change("moment_gained", s.name) for s in new.stages if s.id in moments_after - moments_before]
    changes += [Change("moment_lost", s.name) for s in old.stages if s.id in moments_before - moments_after]
    return changes


def _kpi_changes(old: PlaybookInput, new: PlaybookInput) -> list[Change]:
    before = {k.id: k for k in old.kpis}
    after = {k.id: k for k in new.kpis}
    changes = [Change("kpi_added", k.name, after=_target(k)) for k in new.kpis if k.id not in before]
    changes += [Change("kpi_removed", k.name) for k in old.kpis if k.id not in after]
    for kpi_id, kpi in after.items():
        was: KpiInput | None = before.get(kpi_id)
        if was is None:
            continue
        if was.name != kpi.name:
            changes.append(Change("kpi_renamed", kpi_id, was.name, kpi.name))
        if was.target != kpi.target:
            changes.append(Change("kpi_target", kpi.name, format_number(was.target, was.unit), format_number(kpi.target, kpi.unit)))
        if was.unit != kpi.unit:
            changes.append(Change("kpi_unit", kpi.name, was.unit or "none", kpi.unit or "none"))
        if was.direction != kpi.direction:
            changes.append(Change("kpi_direction", kpi.name, DIRECTIONS[was.direction], DIRECTIONS[kpi.direction]))
        changes += _owner_change("kpi_owner", kpi.name, (was.owner, old.owner), (kpi.owner, new.owner))
    return changes


def _target(kpi: KpiInput) -> str:
    return f"{format_number(kpi.target, kpi.unit)}, {DIRECTIONS[kpi.direction]}"


def _keyed_checks(playbook: PlaybookInput) -> dict[tuple[str, int], VerificationInput]:
    """Checks by method, numbered when one method is used twice, so each is matched with itself."""
    seen: Counter[str] = Counter()
    keyed = {}
    for check in playbook.verification:
        keyed[(check.method, seen[check.method])] = check
        seen[check.method] += 1
    return keyed


def _coverage(check: VerificationInput, playbook: PlaybookInput) -> str:
    names = {s.id: s.name for s in playbook.stages}
    return ", ".join(names.get(s, s) for s in check.stages) if check.stages is not None else "all stages"


def _verification_changes(old: PlaybookInput, new: PlaybookInput) -> list[Change]:
    before, after = _keyed_checks(old), _keyed_checks(new)
    changes = [Change("verification_added", key[0], after=_coverage(c, new)) for key, c in after.items() if key not in before]
    changes += [Change("verification_dropped", key[0], before=_coverage(c, old)) for key, c in before.items() if key not in after]
    for key, check in after.items():
        if key in before and _stage_ids(before[key]) != _stage_ids(check):
            changes.append(Change("verification_coverage", key[0], _coverage(before[key], old), _coverage(check, new)))
    return changes


def _stage_ids(check: VerificationInput) -> frozenset[str] | None:
    """What a check covers, by stage id: a renamed stage is the same stage (its rename is listed once, as a rename)."""
    return frozenset(check.stages) if check.stages is not None else None


def compare_playbooks(old: PlaybookInput, new: PlaybookInput) -> list[Change]:
    """Every reader-visible change from ``old`` to ``new``, playbook facts first."""
    changes = [
        Change(name, before=str(getattr(old, name)), after=str(getattr(new, name)))
        for name in ("title", "persona", "lifecycle")
        if getattr(old, name) != getattr(new, name)
    ]
    if old.owner != new.owner:
        changes.append(Change("owner", before=old.owner or NOBODY, after=new.owner or NOBODY))
    return changes + _stage_changes(old, new) + _kpi_changes(old, new) + _verification_changes(old, new)


def _by_id(snapshots: Sequence[Snapshot]) -> dict[str, Snapshot]:
    found: dict[str, Snapshot] = {}
    for item in snapshots:
        if item.playbook is not None:
            found.setdefault(item.id, item)
    return found


def _may_be(item: Snapshot, raw: bytes, unreadable: list[tuple[Snapshot, bytes]]) -> bool:
    """Whether a playbook missing at one side may be a file that side cannot read.

    A playbook moved and broken in the same change is not removed (nor one broken before and
    fixed while moved added): it is named as unreadable instead. Files are paired the way git
    pairs a rename: the same path, id or file name, or at least half of their lines in common.
    """
    lines = raw.splitlines()
    for other, other_raw in unreadable:
        if other.path == item.path or other.id == item.id or PurePosixPath(other.path).name == PurePosixPath(item.path).name:
            return True
        matcher = SequenceMatcher(None, lines, other_raw.splitlines(), autojunk=False)
        if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and matcher.ratio() >= 0.5:
            return True
    return False


def semantic_diff(base: Sources, head: Sources, base_label: str, head_label: str) -> SemanticDiff:
    """Compare every playbook of two versions; playbooks are matched by id, so a move is no loss."""
    old = [snapshot(path, raw) for path, raw in sorted(base.items())]
    new = [snapshot(path, raw) for path, raw in sorted(head.items())]
    unreadable = tuple(
        Unreadable(item.path, label, item.problem)
        for items, label in ((old, base_label), (new, head_label))
        for item in items
        if item.problem is not None
    )
    old_ids, new_ids = _by_id(old), _by_id(new)
    broken_old = [(s, base[s.path]) for s in old if s.problem is not None]
    broken_new = [(s, head[s.path]) for s in new if s.problem is not None]
    added = tuple(_summary(s) for i, s in new_ids.items() if i not in old_ids and not _may_be(s, head[s.path], broken_old))
    removed = tuple(_summary(s) for i, s in old_ids.items() if i not in new_ids and not _may_be(s, base[s.path], broken_new))
    changed = []
    for playbook_id, now in new_ids.items():
        was = old_ids.get(playbook_id)
        if was is None:
            continue
        assert was.playbook is not None and now.playbook is not None
        changes = compare_playbooks(was.playbook, now.playbook)
        if was.path != now.path:
            changes.insert(0, Change("moved", before=was.path, after=now.path))
        if changes:
            changed.append(PageChanges(now.path, now.playbook.title, tuple(changes)))
    return SemanticDiff(base_label, head_label, added, removed, tuple(changed), unreadable)


def render_markdown(diff: SemanticDiff, template_dirs: Sequence[Path]) -> str:
    return MarkdownRenderer(template_dirs).render(TEMPLATE, diff=diff)
