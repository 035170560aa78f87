"""Writes a complete synthetic Journeybook project with N realistic playbooks, for benchmarks.

Why synthetic: the example site has five playbooks, and what we must know is how the check,
the build and the published pages behave at a thousand. Every playbook has the shape the
performance targets are stated for (issue 8): 6 stages over the 3 phases, 4 touchpoints and
3 actions a stage, 5 KPIs with 24 monthly measurements each, 3 verification entries and about
300 words of prose. Everything is valid and fresh as of ``TODAY``, so ``--strict`` passes and
the timings measure the normal path, not error reporting.

The shared parts (mkdocs.yml, site_config/, templates/, data/owners.yml and the non-playbook
pages under content/) are copied from the repository, so the benchmark follows whatever the
site does today; node_modules is linked, not copied. Beside ``mkdocs.yml`` goes
``mkdocs-one-process.yml``, the same site built without the plugin's second process
(``parallel: false``), to time against it. The output is deterministic for a given N.

Usage: ``python benchmarks/generate.py N TARGET [--plain PLAIN]`` (folders must not exist yet);
``--plain`` also writes the plain twin the build is compared with (``plain.py``).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from plain import make_plain

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
"""Pin this as JOURNEYBOOK_TODAY when checking or building a generated project."""

COPIED = ("mkdocs.yml", "site_config", "templates", "data/owners.yml")
ONE_PROCESS = "mkdocs-one-process.yml"
PLUGIN_LINE = "\n  - journeybook\n"
EXAMPLE_JOURNEY_LINK = re.compile(r"(?<=journeys/)(?!index\.md)[\w-]+\.md")
"""A link from a copied page (persona, guide, home) to an example playbook the project lacks."""
STAGES_PER_PHASE = 2
TOUCHPOINTS = 4
ACTIONS = 3
KPIS = 5
MONTHS = 24
PROSE_WORDS = 300

TAGS = [
    "banking", "lending", "insurance", "telecom", "utilities", "health", "retail", "travel",
    "digital", "branch", "field", "contact-centre", "onboarding", "billing", "claims", "renewal",
    "complaints", "loyalty", "b2b", "self-service",
]
VERBS = ["Compares", "Reads", "Calls", "Opens", "Checks", "Asks about", "Signs", "Uploads", "Waits for", "Books", "Pays", "Reviews"]
THINGS = [
    "the offer", "the price list", "the contract", "the status page", "the welcome pack", "a reminder",
    "the invoice", "the appointment", "the delivery window", "the help article", "the renewal letter", "the survey",
]
FEELINGS = ["Curious", "Hopeful", "Confused", "Anxious", "Relieved", "Impatient", "Confident", "Frustrated", "Pleased"]
WORDS = (
    "customer journey stage team channel promise wait answer call branch app email survey complaint "
    "renewal invoice contract payment delivery appointment adviser upload document status update reminder "
    "price offer quote trust clarity effort speed friction handover backlog queue target measure insight "
    "feedback research visit shopper panel interview outcome cost value loyalty churn retention growth "
    "first second week month quarter often rarely clearly quickly slowly simply every each most some "
    "improves reduces explains shows needs expects remembers compares chooses leaves stays returns asks"
).split()
KPI_SHAPES = [
    ("satisfaction", "Satisfaction after the stage", "outcome", "pts", "up", 80.0),
    ("abandonment", "Abandonment rate", "leading", "%", "down", 20.0),
    ("handling-days", "Days to complete", "operational", "days", "down", 10.0),
    ("cost-to-serve", "Cost to serve", "business", "EUR", "down", 120.0),
    ("first-time-right", "Done right the first time", "outcome", "%", "up", 90.0),
]
VERIFICATION = [
    # (method, cadence, days before TODAY it last ran, stages: None = every stage)
    ("transactional_survey", "continuous", 2, None),
    ("mystery_shopping", "quarterly", 40, 2),
    ("operational_measures", "weekly", 3, 3),
]


def _ids(path: Path) -> list[str]:
    """Ids of a taxonomy file (a YAML list) or of owners.yml (a mapping with ``teams``)."""
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data["teams"] if isinstance(data, dict) else data
    return [str(entry["id"]) for entry in entries]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _prose(rng: random.Random, persona: str) -> str:
    """About PROSE_WORDS words in three sections, with one link to the persona like real playbooks."""
    sections = []
    words = 0
    for heading in ("Why this journey matters", "What changed recently", "Where to focus"):
        paragraph = []
        while words < PROSE_WORDS * (len(sections) + 1) // 3:
            sentence = _sentence(rng)
            paragraph.append(sentence)
            words += len(sentence.split())
        sections.append(f"## {heading}\n\n" + " ".join(paragraph))
    sections[0] += f" Read the [persona](../personas/{persona}.md) first."
    return "\n\n".join(sections) + "\n"


def _stage(rng: random.Random, index: int, phase: str, channels: list[str], teams: list[str]) -> dict[str, Any]:
    return {
        "id": f"stage-{index + 1}",
        "name": f"Stage {index + 1}: {rng.choice(VERBS).lower()} {rng.choice(THINGS)}",
        "phase": phase,
        "owner": rng.choice(teams),
        "customer_goal": _sentence(rng),
        "actions": [f"{rng.choice(VERBS)} {rng.choice(THINGS)}" for _ in range(ACTIONS - 1)]
        + [{"action": f"{rng.choice(VERBS)} {rng.choice(THINGS)}", "emotion": rng.randint(1, 5)}],
        "emotion": rng.randint(1, 5),
        "feeling": rng.choice(FEELINGS),
        "touchpoints": [
            {"name": f"{rng.choice(THINGS).capitalize()} by {channel}", "channel": channel, "kind": rng.choice(["owned", "paid", "earned"])}
            for channel in rng.sample(channels, TOUCHPOINTS)
        ],
        "expectations": [_sentence(rng) for _ in range(2)],
        "pain_points": [_sentence(rng) for _ in range(2)],
        "opportunities": [_sentence(rng) for _ in range(2)],
        "moment_of_truth": index == 2,
        "systems": ["CRM", "Billing platform"],
    }


def _playbook(number: int, taxonomies: dict[str, list[str]]) -> tuple[str, str, list[str]]:
    """(journey id, file text, CSV rows) of playbook ``number``."""
    rng = random.Random(number)
    journey_id = f"journey-{number:04d}"
    stages = [
        _stage(rng, index, phase, taxonomies["channels"], taxonomies["teams"])
        for index, phase in enumerate(p for p in taxonomies["phases"] for _ in range(STAGES_PER_PHASE))
    ]
    today = date.fromisoformat(TODAY)
    kpis, rows = [], []
    for index, (kpi_id, name, category, unit, direction, target) in enumerate(KPI_SHAPES[:KPIS]):
        kpis.append({
            "id": kpi_id, "name": name, "stage": stages[index]["id"], "category": category,
            "unit": unit, "direction": direction, "target": target, "owner": rng.choice(taxonomies["teams"]),
        })
        value = target * rng.uniform(0.8, 1.2)
        for month in range(MONTHS):
            year, month_index = divmod(today.year * 12 + today.month - 1 - (MONTHS - 1 - month), 12)
            value *= rng.uniform(0.97, 1.03)
            rows.append(f"{journey_id},{kpi_id},{year:04d}-{month_index + 1:02d}-01,{value:.1f},")
    verification = []
    for method, cadence, days_ago, stage_count in VERIFICATION:
        entry: dict[str, Any] = {"method": method}
        if stage_count is not None:
            entry["stages"] = [stage["id"] for stage in stages[:stage_count]]
        entry.update({
            "cadence": cadence, "owner": rng.choice(taxonomies["teams"]),
            "last_run": date.fromordinal(today.toordinal() - days_ago), "sample": f"{rng.randint(20, 600)} replies",
        })
        verification.append(entry)
    persona = rng.choice(taxonomies["personas"])
    front_matter = {
        "title": f"Journey {number}: {rng.choice(VERBS).lower()} {rng.choice(THINGS)}",
        "description": _sentence(rng),
        "id": journey_id,
        "persona": persona,
        "owner": rng.choice(taxonomies["teams"]),
        "lifecycle": "active",
        "tags": rng.sample(TAGS, 3),
        "last_reviewed": date.fromordinal(today.toordinal() - rng.randint(1, 150)),
        "review_every": 180,
        "goals": {"customer": _sentence(rng), "business": _sentence(rng)},
        "stages": stages,
        "kpis": kpis,
        "verification": verification,
    }
    text = "---\n" + yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=100) + "---\n\n" + _prose(rng, persona)
    return journey_id, text, rows


def generate(target: Path, count: int, repo: Path = REPO) -> Path:
    """Write the project for ``count`` playbooks into ``target`` (created; must not exist)."""
    target.mkdir(parents=True)
    for part in COPIED:
        source, destination = repo / part, target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        else:
            shutil.copy2(source, destination)
    # The example's initiatives act on the example's playbooks, which the generated site does not have.
    shutil.copytree(repo / "content", target / "content", ignore=lambda folder, names: ["journeys", "initiatives"] if Path(folder) == repo / "content" else [])
    for page in (target / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(EXAMPLE_JOURNEY_LINK.sub("journey-0001.md", text), encoding="utf-8")
    (target / "node_modules").symlink_to(repo / "node_modules")
    _write_one_process_config(target)
    taxonomies = {
        "phases": _ids(target / "site_config" / "phases.yml"),
        "channels": _ids(target / "site_config" / "channels.yml"),
        "teams": _ids(target / "data" / "owners.yml"),
        "personas": sorted(p.stem for p in (target / "content" / "personas").glob("*.md") if p.name != "index.md"),
    }
    journeys, kpi_dir = target / "content" / "journeys", target / "data" / "kpis"
    journeys.mkdir()
    kpi_dir.mkdir(parents=True)
    for number in range(1, count + 1):
        journey_id, text, rows = _playbook(number, taxonomies)
        (journeys / f"{journey_id}.md").write_text(text, encoding="utf-8")
        (kpi_dir / f"{journey_id}.csv").write_text("journey,kpi,date,value,segment\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return target


def _write_one_process_config(target: Path) -> None:
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN_LINE not in config:
        raise SystemExit("mkdocs.yml no longer lists '  - journeybook' on a line of its own; update benchmarks/generate.py")
    (target / ONE_PROCESS).write_text(config.replace(PLUGIN_LINE, "\n  - journeybook:\n      parallel: false\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of playbooks")
    parser.add_argument("target", type=Path, help="folder to create")
    parser.add_argument("--plain", type=Path, help="also write the plain twin (Material alone) here")
    args = parser.parse_args(argv)
    generate(args.target, args.count)
    if args.plain:
        make_plain(args.target, args.plain)
    print(f"{args.count} playbooks written to {args.target} (check and build with JOURNEYBOOK_TODAY={TODAY})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
