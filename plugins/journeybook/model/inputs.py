"""What authors write: strict pydantic models of front matter and data files.

These models check shape and type only (no ``yes`` for true, no number where text is meant,
no NaN, no unknown fields). Cross-references (persona, team, stage, channel, method, data
source) are checked when a journey is resolved, because they need the whole site.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


def slugify(text: str) -> str:
    """An id suggested from a title or a mistyped id: 'Mortgage application' -> 'mortgage-application'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def not_a_slug(value: str, what: str = "") -> str:
    """Why ``value`` is not an id, and the id it was probably meant to be."""
    suggestion = slugify(value)
    hint = f"; did you mean '{suggestion}'?" if suggestion and suggestion != value else ""
    kind = f"{what} id" if what else "id"
    return f"'{value}' is not a valid {kind} (allowed: lowercase letters, digits, '-' and '_'{hint})"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Lifecycle = Literal["draft", "active", "retired"]
TouchpointKind = Literal["owned", "paid", "earned"]
KpiCategory = Literal["leading", "outcome", "operational", "business"]
KPI_CATEGORIES: tuple[str, ...] = get_args(KpiCategory)
"""In the format's order, which the KPI health page groups by."""
Direction = Literal["up", "down"]
Cadence = Literal["weekly", "monthly", "quarterly", "semiannual", "annual", "continuous"]
SourceKind = Literal["files", "sql"]

CADENCE_DAYS: dict[str, int | None] = {
    "weekly": 7,
    "monthly": 31,
    "quarterly": 92,
    "semiannual": 183,
    "annual": 366,
    "continuous": None,
}


def _iso_date(value: Any) -> Any:
    """Dates are written ``YYYY-MM-DD``; impossible ones (2026-02-30) are named as such."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD, for example 2026-09-01")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise PydanticCustomError("iso_date", "'{value}' is not a real date ({reason})", {"value": value, "reason": str(error)}) from None


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Emotion = Annotated[int, Field(ge=1, le=5)]
TextList = list[Text]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", max_length=35)]
"""A label set's name, as its file in site_config/labels/ is named: ``en``, ``es``, ``pt-BR``."""

class StrictModel(BaseModel):
    """Strict input: wrong types are errors, never coerced; unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class PageOptions(StrictModel):
    """MkDocs/Material page options, accepted as written and passed through untouched."""

    hide: list[Text] | None = None
    icon: Text | None = None
    status: Text | None = None
    subtitle: Text | None = None
    template: Text | None = None
    search: dict[str, Any] | None = None
    comments: bool | None = None
    social: dict[str, Any] | None = None


class Goals(StrictModel):
    customer: Text = Field(description="What reaching the goal means for the customer.")
    business: Text = Field(description="What the journey is worth to the business.")


class ActionInput(StrictModel):
    action: Text
    emotion: Emotion | None = Field(default=None, description="Overrides the stage's emotion for this action.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        """An action may be written as plain text; it then takes the stage's emotion."""
        return {"action": value} if isinstance(value, str) else value


class TouchpointInput(StrictModel):
    name: Text
    channel: Slug = Field(description="Channel id from site_config/channels.yml.")
    kind: TouchpointKind


class StageInput(StrictModel):
    id: Slug
    name: Text
    phase: Slug = Field(description="Phase id from site_config/phases.yml.")
    owner: Slug | None = Field(default=None, description="Team id; defaults to the playbook owner.")
    customer_goal: Text | None = None
    actions: list[ActionInput] = Field(default_factory=list)
    emotion: Emotion = Field(description="1 (very negative) to 5 (very positive).")
    feeling: Text | None = None
    touchpoints: list[TouchpointInput] = Field(default_factory=list)
    expectations: TextList = Field(default_factory=list)
    pain_points: TextList = Field(default_factory=list)
    opportunities: TextList = Field(default_factory=list)
    moment_of_truth: bool = False
    systems: TextList = Field(default_factory=list)


class KpiInput(StrictModel):
    id: Slug
    name: Text
    definition: Text | None = Field(default=None, description="Optional: how the KPI is computed, shown beside its name.")
    stage: Slug | None = Field(default=None, description="Stage id; omitted means the whole journey.")
    category: KpiCategory
    unit: str = Field(default="", max_length=40)
    direction: Direction = Field(description="up: higher is better; down: lower is better.")
    target: float
    owner: Slug | None = None
    source: Slug = "files"


class VerificationInput(StrictModel):
    method: Slug = Field(description="Method id from site_config/verification-methods.yml.")
    stages: list[Slug] | None = Field(default=None, min_length=1, description="Stage ids; default: all stages.")
    cadence: Cadence | None = Field(default=None, description="Defaults to the method's cadence.")
    owner: Slug | None = None
    last_run: IsoDate | None = None
    sample: Text | None = None


class PlaybookInput(PageOptions):
    title: Text
    description: Text | None = None
    id: Slug | None = None
    persona: Slug
    owner: Slug | None = None
    lifecycle: Lifecycle = "draft"
    tags: TextList = Field(default_factory=list)
    last_reviewed: IsoDate
    review_every: int | None = Field(default=None, ge=1, le=3650, description="Days; default from site_config/settings.yml.")
    language: Language | None = Field(default=None, description="Optional: the label set its page is shown in (a file of site_config/labels/: en, es); default: the site's theme.language.")
    goals: Goals
    stages: list[StageInput] = Field(min_length=1)
    kpis: list[KpiInput] = Field(default_factory=list)
    verification: list[VerificationInput] = Field(default_factory=list)


class PersonaInput(PageOptions):
    title: Text
    description: Text | None = None
    segment: Text | None = None
    goals: TextList = Field(default_factory=list)
    needs: TextList = Field(default_factory=list)
    motivations: TextList = Field(default_factory=list)
    pains: TextList = Field(default_factory=list)
    quote: Text | None = None
    language: Language | None = Field(default=None, description="Optional: the label set its page is shown in; default: the site's theme.language.")
    tags: TextList = Field(default_factory=list)


class TeamInput(StrictModel):
    id: Slug
    name: Text
    lead: Text
    contact: Text


class OwnersFile(StrictModel):
    teams: list[TeamInput]


class TaxonomyEntryInput(StrictModel):
    id: Slug
    name: Text
    description: Text
    names: dict[Language, Text] = Field(default_factory=dict, description="The name in other languages, by label set: {es: Antes}.")


class MethodInput(TaxonomyEntryInput):
    cadence: Cadence


class DataSourceInput(TaxonomyEntryInput):
    kind: SourceKind = "files"
    url_env: Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")] | None = None
    query: Text | None = None

    @model_validator(mode="after")
    def _sql_needs_url_and_query(self) -> DataSourceInput:
        """A SQL source without its variable or query could only fail later, at build time."""
        if self.kind == "sql" and (self.url_env is None or self.query is None):
            raise PydanticCustomError("sql_source", "a sql source needs both 'url_env' (an environment variable name) and 'query'")
        return self


class SettingsInput(StrictModel):
    as_of: IsoDate | None = Field(default=None, description="Judge staleness as of this date instead of the build date (for frozen example or archive sites).")
    review_every: int = Field(default=180, ge=1, le=3650)
    at_risk_band: float = Field(default=0.10, ge=0, le=1)
    stale_measurement_days: int = Field(default=62, ge=1)
    featured_journeys: list[Slug] = Field(default_factory=list)
    raw_html: Literal["allow", "sanitize", "escape"] = Field(
        default="sanitize",
        description="Raw HTML in page bodies: allow it as written, sanitize it (scripts, event handlers, frames and javascript: URLs removed), or escape it (shown as text).",
    )
