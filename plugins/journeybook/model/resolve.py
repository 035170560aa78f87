"""Input model -> resolved journey: defaults filled, references followed, soft problems found.

A reference that does not resolve is an error (the page would show something wrong); what is
merely stale or missing (a review past due, an unverified moment of truth) is a warning.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Collection, Mapping, TypeVar

from journeybook.findings import Finding, Findings, Severity, allowed_hint
from journeybook.model.inputs import CADENCE_DAYS, PageOptions, PlaybookInput
from journeybook.model.resolved import (
    Action,
    Journey,
    Kpi,
    Stage,
    Touchpoint,
    Verification,
)
from journeybook.model.site_data import SiteData, is_unread, unknown_language
from journeybook.read.front_matter import KeyPath, YamlDocument, field_path

T = TypeVar("T")


def days_after(day: date, days: int) -> date:
    """``day`` plus ``days``, or the last day a date can be (9999-12-31) when that is later.

    A review or run dated near the end of the calendar is valid input; its due date is then
    simply never reached, instead of an ``OverflowError`` that would hide every other finding.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


class JourneyResolver:
    """Resolves one playbook; every problem it meets is added to ``findings``."""

    def __init__(self, document: YamlDocument, file: str, site: SiteData, today: date, findings: Findings) -> None:
        self.document = document
        self.file = file
        self.site = site
        self.today = today
        self.findings = findings
        self.failed = False
        self.unresolved_stages: set[str] = set()

    def report(self, loc: KeyPath, message: str, rule: str, severity: Severity = Severity.ERROR) -> None:
        position = self.document.position(loc)
        self.findings.add(
            Finding(self.file, position.line if position else 1, position.column if position else 1, field_path(loc), message, rule, severity)
        )
        if severity is Severity.ERROR:
            self.failed = True

    def ref(self, loc: KeyPath, value: str | None, table: Mapping[str, T], what: str, unresolved: Collection[str] = ()) -> T | None:
        """Follow an id into a site table, reporting an unknown one with the closest match.

        An id that is not unknown but could not be resolved (``unresolved``: a stage whose own
        problem is reported; any id of a table whose file could not be read) is no new error.
        """
        if value is None:
            return None
        found = table.get(value)
        if found is None and (is_unread(table) or value in unresolved):  # its own error is reported, once, where it is
            self.failed = True
        elif found is None:
            self.report(loc, f"unknown {what} '{value}' {allowed_hint(value, list(table))}", rule="reference")
        return found

    def unique(self, items: list[Any], key: str, loc: str, what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                self.report((loc, index, key), f"duplicate {what} id '{value}' (also used by {loc}[{seen[value]}]); ids must be unique in a playbook", rule="duplicate-id")
            seen.setdefault(value, index)

    def resolve(self, playbook: PlaybookInput, journey_id: str, src_uri: str) -> Journey | None:
        site = self.site
        persona = self.ref(("persona",), playbook.persona, site.personas, "persona")
        owner = self.ref(("owner",), playbook.owner, site.teams, "team")
        self.unique(playbook.stages, "id", "stages", "stage")
        self.unique(playbook.kpis, "id", "kpis", "KPI")
        stages = tuple(self._stage(index, raw, owner, playbook.owner is None) for index, raw in enumerate(playbook.stages))
        by_id = {s.id: s for s in stages if s is not None}
        self.unresolved_stages = {raw.id for raw, stage in zip(playbook.stages, stages) if stage is None}
        kpis = tuple(self._kpi(index, raw, by_id, owner) for index, raw in enumerate(playbook.kpis))
        checks = tuple(self._verification(index, raw, by_id, stages) for index, raw in enumerate(playbook.verification))
        wrong_language = unknown_language(playbook.language, site.languages)
        if wrong_language is not None:
            self.report(("language",), wrong_language, rule="reference")
        if self.failed or persona is None:
            return None
        review_every = playbook.review_every or site.settings.review_every
        review_due = days_after(playbook.last_reviewed, review_every)
        overdue = review_due < self.today
        if playbook.last_reviewed > self.today:
            self.report(
                ("last_reviewed",),
                f"last reviewed on {playbook.last_reviewed}, which is after today ({self.today}); "
                "write the date the playbook was really reviewed",
                rule="date-in-future", severity=Severity.WARNING,
            )
        if overdue:
            self.report(
                ("last_reviewed",),
                f"review overdue: last reviewed {playbook.last_reviewed}, due {review_due} (every {review_every} days); "
                "review the playbook and update last_reviewed",
                rule="review-overdue", severity=Severity.WARNING,
            )
        covered = {s.id for check in checks if check is not None for s in check.stages}
        uncovered = tuple(s for s in stages if s is not None and s.moment_of_truth and s.id not in covered)
        for stage in uncovered:
            self.report(
                ("stages", stage.index, "moment_of_truth"),
                f"moment of truth '{stage.id}' is not covered by any verification method (a blind spot); "
                "add it to the stages of a verification entry",
                rule="unverified-moment", severity=Severity.WARNING,
            )
        return Journey(
            id=journey_id, src_uri=src_uri, source_path=self.file, title=playbook.title, description=playbook.description,
            persona=persona, owner=owner, lifecycle=playbook.lifecycle, tags=tuple(playbook.tags),
            last_reviewed=playbook.last_reviewed, review_every=review_every, review_due=review_due, review_overdue=overdue,
            goal_customer=playbook.goals.customer, goal_business=playbook.goals.business,
            stages=tuple(s for s in stages if s is not None), kpis=tuple(k for k in kpis if k is not None),
            verification=tuple(v for v in checks if v is not None), uncovered_moments=uncovered,
            page_options=playbook.model_dump(include=set(PageOptions.model_fields), exclude_none=True),
            language=playbook.language,
        )

    def _stage(self, index: int, raw: Any, default_owner: Any, playbook_unowned: bool) -> Stage | None:
        loc: KeyPath = ("stages", index)
        phase = self.ref((*loc, "phase"), raw.phase, self.site.phases, "phase")
        owner = self.ref((*loc, "owner"), raw.owner, self.site.teams, "team") if raw.owner else default_owner
        touchpoints = []
        for t_index, point in enumerate(raw.touchpoints):
            channel = self.ref((*loc, "touchpoints", t_index, "channel"), point.channel, self.site.channels, "channel")
            if channel is not None:
                touchpoints.append(Touchpoint(point.name, channel, point.kind))
        if raw.owner is None and playbook_unowned:
            self.report((*loc, "owner"), f"stage '{raw.id}' has no owner: set 'owner' on the stage or on the playbook", rule="no-owner", severity=Severity.WARNING)
        if phase is None:
            return None
        return Stage(
            id=raw.id, index=index, name=raw.name, phase=phase, owner=owner, customer_goal=raw.customer_goal,
            actions=tuple(Action(a.action, a.emotion if a.emotion is not None else raw.emotion) for a in raw.actions),
            emotion=raw.emotion, feeling=raw.feeling, touchpoints=tuple(touchpoints),
            expectations=tuple(raw.expectations), pain_points=tuple(raw.pain_points), opportunities=tuple(raw.opportunities),
            moment_of_truth=raw.moment_of_truth, systems=tuple(raw.systems),
        )

    def _kpi(self, index: int, raw: Any, stages: dict[str, Stage], default_owner: Any) -> Kpi | None:
        loc: KeyPath = ("kpis", index)
        stage = self.ref((*loc, "stage"), raw.stage, stages, "stage", self.unresolved_stages)
        owner = self.ref((*loc, "owner"), raw.owner, self.site.teams, "team") if raw.owner else default_owner
        source = self.ref((*loc, "source"), raw.source, self.site.sources, "data source")
        if source is None:
            return None
        return Kpi(
            id=raw.id, name=raw.name, definition=raw.definition, stage=stage, category=raw.category, unit=raw.unit,
            direction=raw.direction, target=raw.target, owner=owner, source=source,
        )

    def _verification(self, index: int, raw: Any, stages: dict[str, Stage], all_stages: tuple[Stage | None, ...]) -> Verification | None:
        loc: KeyPath = ("verification", index)
        method = self.ref((*loc, "method"), raw.method, self.site.methods, "verification method")
        owner = self.ref((*loc, "owner"), raw.owner, self.site.teams, "team")
        if raw.stages is None:
            covered = tuple(s for s in all_stages if s is not None)
        else:
            covered = tuple(s for i, sid in enumerate(raw.stages) if (s := self.ref((*loc, "stages", i), sid, stages, "stage", self.unresolved_stages)) is not None)
        if method is None:
            return None
        cadence = raw.cadence or method.cadence or "annual"
        days = CADENCE_DAYS[cadence]
        due = days_after(raw.last_run, days) if raw.last_run and days else None
        overdue = days is not None and (raw.last_run is None or (due is not None and due < self.today))
        if overdue:
            when = f"last run {raw.last_run}, due {due}" if raw.last_run else "never run"
            self.report(
                (*loc, "last_run") if raw.last_run else (*loc, "method"),
                f"verification '{method.id}' is overdue for its {cadence} cadence ({when}); run it and update last_run",
                rule="verification-overdue", severity=Severity.WARNING,
            )
        return Verification(method, covered, cadence, owner, raw.last_run, raw.sample, due, overdue)
