"""What a change does to the initiatives: added, removed, status moved on, a result written.

The pull-request comment of ``journeybook diff`` tells a reviewer "Visit window by SMS: running
-> done" rather than that line 4 changed. Like the playbook diff (``journeybook.authoring.diff``),
both sides are read as input models, without resolving references, and an initiative that
cannot be read at one side is named as such. Initiatives are matched by id, so a renamed file
is not a loss.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from journeybook.authoring.diff import Change, PageChanges, Unreadable, read_model
from journeybook.model.initiative_inputs import InitiativeInput
from journeybook.read.revisions import Sources


@dataclass(frozen=True)
class InitiativeSnapshot:
    path: str
    id: str
    initiative: InitiativeInput


@dataclass(frozen=True)
class InitiativeSummary:
    path: str
    title: str
    status: str


@dataclass(frozen=True)
class InitiativeDiff:
    added: tuple[InitiativeSummary, ...] = ()
    removed: tuple[InitiativeSummary, ...] = ()
    changed: tuple[PageChanges, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.unreadable)


def _dates(item: InitiativeInput) -> str:
    started = item.started.isoformat() if item.started else "not started"
    return f"{started} to {item.ended.isoformat()}" if item.ended else started


def _journeys(item: InitiativeInput) -> str:
    return ", ".join(reach.journey for reach in item.journeys)


def _kpis(item: InitiativeInput) -> set[str]:
    return {f"{aim.journey}/{aim.kpi}" for aim in item.kpis}


def compare_initiatives(old: InitiativeInput, new: InitiativeInput) -> list[Change]:
    """Every reader-visible change from ``old`` to ``new``: status first, then the result."""
    changes = []
    if old.status != new.status:
        changes.append(Change("status", new.title, old.status, new.status))
    if new.result and old.result != new.result:
        changes.append(Change("result_new" if not old.result else "result_changed", new.title, after=new.result))
    if old.title != new.title:
        changes.append(Change("title", before=old.title, after=new.title))
    if old.owner != new.owner:
        changes.append(Change("owner", before=old.owner, after=new.owner))
    if _dates(old) != _dates(new):
        changes.append(Change("dates", new.title, _dates(old), _dates(new)))
    if _journeys(old) != _journeys(new):
        changes.append(Change("journeys", new.title, _journeys(old), _journeys(new)))
    changes += [Change("kpi_aimed", new.title, after=kpi) for kpi in sorted(_kpis(new) - _kpis(old))]
    changes += [Change("kpi_unaimed", new.title, before=kpi) for kpi in sorted(_kpis(old) - _kpis(new))]
    return changes


def _read(sources: Sources, label: str, unreadable: list[Unreadable]) -> dict[str, InitiativeSnapshot]:
    found: dict[str, InitiativeSnapshot] = {}
    for path, raw in sorted(sources.items()):
        initiative, problem = read_model(path, raw, InitiativeInput)
        if initiative is None:
            if problem is not None:
                unreadable.append(Unreadable(path, label, problem))
            continue
        found.setdefault(initiative.id or PurePosixPath(path).stem, InitiativeSnapshot(path, initiative.id or PurePosixPath(path).stem, initiative))
    return found


def _summary(item: InitiativeSnapshot) -> InitiativeSummary:
    return InitiativeSummary(item.path, item.initiative.title, item.initiative.status)


def initiative_diff(base: Sources, head: Sources, base_label: str, head_label: str) -> InitiativeDiff:
    """Compare the initiatives of two versions, matched by id."""
    unreadable: list[Unreadable] = []
    old, new = _read(base, base_label, unreadable), _read(head, head_label, unreadable)
    broken = {u.path for u in unreadable}
    added = tuple(_summary(s) for i, s in new.items() if i not in old and s.path not in broken)
    removed = tuple(_summary(s) for i, s in old.items() if i not in new and s.path not in broken)
    changed = []
    for initiative_id, now in new.items():
        was = old.get(initiative_id)
        if was is None:
            continue
        changes = compare_initiatives(was.initiative, now.initiative)
        if was.path != now.path:
            changes.insert(0, Change("moved", before=was.path, after=now.path))
        if changes:
            changed.append(PageChanges(now.path, now.initiative.title, tuple(changes)))
    return InitiativeDiff(added, removed, tuple(changed), tuple(unreadable))
