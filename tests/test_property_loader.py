"""Generated front matter through the whole loader: only located problems ever come out.

Whatever an author types, reading, validating and resolving a playbook either succeeds or
reports ``YamlProblem``/findings; any other exception would be a traceback in a pull request.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeybook.findings import Findings
from journeybook.model.inputs import PlaybookInput
from journeybook.model.resolve import JourneyResolver
from journeybook.model.resolved import Persona, TaxonomyEntry, Team
from journeybook.model.site_data import SiteData
from journeybook.model.validation import validate
from journeybook.read.front_matter import YamlProblem, decode, split_markdown

SITE = SiteData(
    phases={i: TaxonomyEntry(i, i.title(), "") for i in ("before", "during", "after")},
    channels={i: TaxonomyEntry(i, i.title(), "") for i in ("web", "app", "phone")},
    methods={"mystery_shopping": TaxonomyEntry("mystery_shopping", "Mystery shopping", "", cadence="quarterly")},
    sources={"files": TaxonomyEntry("files", "Files", "", kind="files")},
    teams={"cx": Team("cx", "CX", "Lead", "cx@example.com")},
    personas={"buyer": Persona("buyer", "Buyer", "personas/buyer.md")},
)

FIELDS = ["title", "description", "id", "persona", "owner", "lifecycle", "tags", "last_reviewed", "review_every",
          "goals", "customer", "business", "stages", "name", "phase", "emotion", "feeling", "actions", "action",
          "touchpoints", "channel", "kind", "moment_of_truth", "kpis", "target", "direction", "category", "stage",
          "verification", "method", "cadence", "last_run", "sample", "hide", "search", "unknown"]
VALUES = ["buyer", "cx", "web", "before", "owned", "up", "leading", "active", "mystery_shopping", "quarterly",
          "2026-02-30", "2026-09-01", "12:30", "0755", "3.10", "no", "on", "~", ".nan", "-.inf", "1e400", "",
          "\u202e", '"\\ud800"', '"\\u202e"', "😀", "שלום", "&a", "*a", "!!python/object:os.system", "<script>", "%%{init}%%"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.sampled_from(VALUES), st.text(max_size=20))
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=6),
    max_leaves=30,
)
YAMLISH = st.lists(st.sampled_from(list(":-[]{}'\"#&*!|>?,@`%\t\n ") + FIELDS + VALUES + ["\n  ", "\n    - ", ": ", "\n- "]), max_size=40).map("".join)


def load(raw: bytes) -> None:
    """Read, validate and resolve one playbook file, as ``load_project`` does."""
    try:
        source = split_markdown(Path("content/journeys/x.md"), decode(raw))
    except YamlProblem:
        return
    if source.front_matter is None:
        return
    playbook, problems = validate(PlaybookInput, source.front_matter, "content/journeys/x.md")
    assert all(str(p) for p in problems)
    if playbook is not None:
        JourneyResolver(source.front_matter, "content/journeys/x.md", SITE, date(2026, 11, 22), Findings()).resolve(playbook, "x", "journeys/x.md")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yaml_like_text_only_gives_located_problems(text: str) -> None:
    load(f"---\n{text}\n---\nBody\n".encode())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STRUCTURES)
def test_generated_structures_only_give_located_problems(data: object) -> None:
    try:
        dumped = yaml.safe_dump(data, allow_unicode=True)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    load(f"---\n{dumped}---\nBody\n".encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_only_give_located_problems(raw: bytes) -> None:
    load(b"---\ntitle: T\n" + raw + b"\n---\n")


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({
    "title": SCALARS, "persona": st.sampled_from(["buyer", "nobody", 1]), "last_reviewed": st.sampled_from(["2026-09-01", "2026-02-30", 5]),
    "goals": st.fixed_dictionaries({"customer": SCALARS, "business": st.just("Grow")}),
    "stages": st.lists(st.fixed_dictionaries({
        "id": st.sampled_from(["a", "b", "A b", 7]), "name": SCALARS, "phase": st.sampled_from(["before", "x"]),
        "emotion": st.integers(-2, 8), "touchpoints": st.lists(st.fixed_dictionaries({"name": st.just("T"), "channel": st.sampled_from(["web", "fax"]), "kind": st.sampled_from(["owned", "own"])}), max_size=2),
    }), max_size=3),
    "verification": st.lists(st.fixed_dictionaries({"method": st.sampled_from(["mystery_shopping", "x"]), "stages": st.lists(st.sampled_from(["a", "b", "z"]), max_size=2)}), max_size=2),
}))
def test_nearly_valid_playbooks_only_give_located_problems(data: dict[str, object]) -> None:
    load(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\nBody\n".encode())
