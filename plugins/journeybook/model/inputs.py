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


LARGEST_VALUE = 1e15
"""The largest magnitude of a KPI target or measurement. Every figure computed from them (changes,
distances to the target, chart coordinates) then stays a finite number: near 1e308, one
difference is already infinite and a chart coordinate NaN. A quadrillion covers any KPI."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Emotion = Annotated[int, Field(ge=1, le=5)]
TextList = list[Text]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", max_length=35)]
"""A label set's name, as its file in site_config/labels/ is named: ``en``, ``es``, ``pt-BR``."""
PageLanguage = Annotated[str, StringConstraints(max_length=35), Field(json_schema_extra={"pattern": r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"})]
"""A page's ``language``: any short text here, checked against the site's label sets once they
are known (``unknown_language``), so that ``spanish`` is told the sets there are, not id rules.
The JSON schema keeps the pattern, so an editor still underlines a value that cannot be one."""

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
    action: Text = Field(description="What the customer does, in a few words.")
    emotion: Emotion | None = Field(default=None, description="Overrides the stage's emotion for this action.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        """An action may be written as plain text; it then takes the stage's emotion."""
        return {"action": value} if isinstance(value, str) else value


class TouchpointInput(StrictModel):
    name: Text = Field(description="What the customer sees or uses, such as \"Rate simulator\" or \"Technician at home\".")
    channel: Slug = Field(description="The id of a channel from `site_config/channels.yml`.")
    kind: TouchpointKind = Field(description="`owned`, `paid` or `earned`.")


class StageInput(StrictModel):
    id: Slug = Field(description="An id unique within this playbook, such as `apply`. KPIs and verification entries refer to it.")
    name: Text = Field(description="A short name, such as \"Submit the full application\".")
    phase: Slug = Field(description="The id of a phase from `site_config/phases.yml` (`before`, `during` or `after` unless the site changed them).")
    owner: Slug | None = Field(default=None, description="The id of the team that owns this stage. Left out: the playbook's `owner`. If neither is set: warning.")
    customer_goal: Text | None = Field(default=None, description="What the customer wants to achieve at this stage, in their words. Left out: not shown.")
    actions: list[ActionInput] = Field(default_factory=list, description="What the customer does, as a list. Left out: not shown.")
    emotion: Emotion = Field(description="How the customer feels, a whole number from 1 (very negative) to 5 (very positive). These scores, stage after stage, draw the emotional curve.")
    feeling: Text | None = Field(default=None, description="A word or two for that feeling, such as \"Anxious\" or \"Relieved\". Shown on the curve. Left out: not shown.")
    touchpoints: list[TouchpointInput] = Field(default_factory=list, description="Where the customer meets us at this stage. Left out: no touchpoints.")
    expectations: TextList = Field(default_factory=list, description="A list of what the customer expects here. Left out: not shown.")
    pain_points: TextList = Field(default_factory=list, description="A list of what goes wrong or annoys them today. Left out: not shown.")
    opportunities: TextList = Field(default_factory=list, description="A list of improvements the company sees. Left out: not shown.")
    moment_of_truth: bool = Field(default=False, description="`true` if this is a contact where a good or bad experience decides whether the customer stays with us. Left out: `false`.")
    systems: TextList = Field(default_factory=list, description="A list of the systems behind the stage (CRM, billing system, scheduling tool...). Left out: not shown.")


class KpiInput(StrictModel):
    id: Slug = Field(description="An id unique within this playbook. Measurement files use it in their `kpi` column.")
    name: Text = Field(description="The name readers see, such as \"Application abandonment rate\".")
    definition: Text | None = Field(default=None, description="One sentence on how the value is computed. Shown beside the name. Left out: not shown.")
    stage: Slug | None = Field(default=None, description="The id of the stage the KPI belongs to. Left out: the KPI applies to the whole journey.")
    category: KpiCategory = Field(description="`leading`, `outcome`, `operational` or `business`.")
    unit: str = Field(default="", max_length=40, description="Text shown beside values: `\"%\"`, `days`, `h`, `min`, `pts`, `EUR`... Put `\"%\"` in quotes. Left out: no unit.")
    direction: Direction = Field(description="`up` if higher is better, `down` if lower is better.")
    target: float = Field(ge=-LARGEST_VALUE, le=LARGEST_VALUE, description="The target, as a plain number (`20`, `2.5`, `1800`), without unit.")
    owner: Slug | None = Field(default=None, description="The id of the team accountable for the number. Left out: the playbook's `owner`.")
    source: Slug = Field(default="files", description="The id of a data source from `site_config/data-sources.yml`. Left out: `files`, the measurement files under `data/kpis/`.")


class VerificationInput(StrictModel):
    method: Slug = Field(description="The id of a method from `site_config/verification-methods.yml`.")
    stages: list[Slug] | None = Field(default=None, min_length=1, description="A list of stage ids the method covers, at least one. Left out: all stages.")
    cadence: Cadence | None = Field(default=None, description="`weekly`, `monthly`, `quarterly`, `semiannual`, `annual` or `continuous`. Left out: the method's default cadence.")
    owner: Slug | None = Field(default=None, description="The id of the team that runs it. Left out: no owner shown.")
    last_run: IsoDate | None = Field(default=None, description="The date it last ran, `YYYY-MM-DD`. Left out: treated as never run.")
    sample: Text | None = Field(default=None, description="Free text on the size or scope: \"24 branch visits\", \"about 600 replies a month\". Left out: not shown.")


class PlaybookInput(PageOptions):
    title: Text = Field(description="The journey's name as readers see it, from the customer's point of view (\"Add a newborn to a family plan\", not \"Dependant enrolment process\").")
    description: Text | None = Field(default=None, description="One line that says where the journey starts and ends. Shown in the catalog and in search results. Left out: the catalog shows no summary.")
    id: Slug | None = Field(default=None, description="The journey's id. Must be unique across the site. Measurement files use it in their `journey` column. Left out: the file name without `.md`.")
    persona: Slug = Field(description="The id of a persona page, that is the file name of `content/personas/<id>.md` without `.md`.")
    owner: Slug | None = Field(default=None, description="The id of the team in `data/owners.yml` that owns the whole playbook. Stages and KPIs without their own owner inherit it. Left out: stages without an owner get a warning.")
    lifecycle: Lifecycle = Field(default="draft", description="`draft` (being written, not agreed yet), `active` (the current, agreed map) or `retired` (kept for history; the journey no longer runs this way). Left out: `draft`.")
    tags: TextList = Field(default_factory=list, description="A list of free words that group journeys across the site, for example `[banking, digital]`. Readers can find every page with the same tag. Left out: no tags.")
    last_reviewed: IsoDate = Field(description="The date the owner last checked the whole playbook against reality, written `YYYY-MM-DD`.")
    review_every: int | None = Field(default=None, ge=1, le=3650, description="How many days may pass between reviews, a whole number from 1 to 3650. Left out: the site setting `review_every` (180 days).")
    language: PageLanguage | None = Field(default=None, description="The label set the page is shown in: a file of `site_config/labels/` (`en`, `es`). Left out: the site's `theme.language`.")
    goals: Goals = Field(description="Two lines: `customer` (what reaching the goal means for the customer) and `business` (what the journey is worth to us). Both are required.")
    stages: list[StageInput] = Field(min_length=1, description="The ordered list of stages, at least one.")
    kpis: list[KpiInput] = Field(default_factory=list, description="The indicators measured for this journey. Left out: no KPI table.")
    verification: list[VerificationInput] = Field(default_factory=list, description="How the map is checked against reality. Left out: every moment of truth is reported as unverified.")


class PersonaInput(PageOptions):
    title: Text = Field(description="The persona's name, such as \"Priya Shah\".")
    description: Text | None = Field(default=None, description="A one-line summary of the persona.")
    segment: Text | None = Field(default=None, description="The customer group the persona stands for: age, situation, product.")
    goals: TextList = Field(default_factory=list, description="A list of what they want to achieve.")
    needs: TextList = Field(default_factory=list, description="A list of what they need from us to get there.")
    motivations: TextList = Field(default_factory=list, description="A list of what drives them.")
    pains: TextList = Field(default_factory=list, description="A list of what frustrates or worries them.")
    quote: Text | None = Field(default=None, description="One sentence in their voice.")
    language: PageLanguage | None = Field(default=None, description="The label set the page is shown in. Left out: the site's `theme.language`.")
    tags: TextList = Field(default_factory=list, description="A list of tags, as for playbooks.")


class TeamInput(StrictModel):
    id: Slug = Field(description="What playbooks, stages, KPIs and verification entries write in `owner`; unique.")
    name: Text = Field(description="The team's name, as readers see it.")
    lead: Text = Field(description="Who leads the team, for readers who want to know whom to ask.")
    contact: Text = Field(description="How to reach the team: a shared mailbox or channel rather than a person's address.")


class OwnersFile(StrictModel):
    teams: list[TeamInput]


class TaxonomyEntryInput(StrictModel):
    id: Slug = Field(description="What front matter writes; keep the shipped ids.")
    name: Text = Field(description="What readers see.")
    description: Text = Field(description="One sentence on what the entry covers.")
    names: dict[Language, Text] = Field(default_factory=dict, description="The name in other languages, by label set: `{es: Antes}`. Left out: `name` everywhere.")


class MethodInput(TaxonomyEntryInput):
    cadence: Cadence = Field(description="How often the method runs unless a verification entry sets its own: weekly, monthly, quarterly, semiannual, annual or continuous.")


class DataSourceInput(TaxonomyEntryInput):
    kind: SourceKind = Field(default="files", description="`files` (the measurement files under `data/kpis/`) or `sql` (a database query).")
    url_env: Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")] | None = Field(
        default=None, description="For `sql`: the environment variable holding the database's SQLAlchemy URL, which is never written in the repository.",
    )
    query: Text | None = Field(default=None, description="For `sql`: the query, run verbatim; it returns the columns journey, kpi, date, value and, optionally, segment.")
    connect_timeout: int = Field(default=10, ge=1, le=600, description="Seconds to wait for a sql source's database to accept the connection.")
    query_timeout: int = Field(default=60, ge=1, le=3600, description="Seconds a sql source's query may run before the build stops with an error.")

    @model_validator(mode="after")
    def _sql_needs_url_and_query(self) -> DataSourceInput:
        """A SQL source without its variable or query could only fail later, at build time."""
        if self.kind == "sql" and (self.url_env is None or self.query is None):
            raise PydanticCustomError("sql_source", "a sql source needs both 'url_env' (an environment variable name) and 'query'")
        return self


class SettingsInput(StrictModel):
    as_of: IsoDate | None = Field(default=None, description="Judge review dates and cadences as of this date instead of today. Only frozen example or archive sites use it.")
    review_every: int = Field(default=180, ge=1, le=3650, description="Days between reviews for playbooks that do not set their own.")
    at_risk_band: float = Field(default=0.10, ge=0, le=1, description="How far a KPI may miss its target, as a share of the target, and still be \"at risk\" rather than \"off track\".")
    stale_measurement_days: int = Field(default=62, ge=1, description="Age in days after which a KPI's newest measurement counts as stale.")
    featured_journeys: list[Slug] = Field(default_factory=list, description="Journey ids shown first on the new-hire start page; empty means chosen automatically.")
    raw_html: Literal["allow", "sanitize", "escape"] = Field(
        default="sanitize",
        description="Raw HTML in page bodies: allow it as written, sanitize it (scripts, event handlers, frames and javascript: URLs removed), or escape it (shown as text).",
    )
    strict: bool = Field(default=False, description="'journeybook check' fails on warnings too, as with --strict (builds never do: warnings are shown on the site).")
