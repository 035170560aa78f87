"""``journeybook new playbook|persona|team|initiative``: a valid, commented starting file.

In a terminal it asks for what is missing (offering the project's teams and personas); in a
script every value comes from flags and a missing one is a usage error, never a hang.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

from journeybook.authoring.scaffold import (
    KINDS,
    Vocabulary,
    append_team,
    check_id,
    check_reference,
    create,
    initiative_text,
    persona_text,
    playbook_text,
)
from journeybook.cli.site import site_layout
from journeybook.errors import UsageError
from journeybook.model.initiatives import INITIATIVES_DIR
from journeybook.model.inputs import slugify
from journeybook.model.project import reference_date
from journeybook.read.layout import Layout

ADD_TEAM = "add one with 'journeybook new team'"
ADD_PERSONA = "add one with 'journeybook new persona'"
ADD_PLAYBOOK = "add one with 'journeybook new playbook'"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "new", help="write a commented starting file: a playbook, a persona, a team or an initiative",
        description="Write a valid, commented starting file. In a terminal, asks for what the flags do not give; never overwrites.",
    )
    parser.add_argument("kind", choices=KINDS, help="what to create")
    parser.add_argument("--id", help="the id (file name of a playbook or persona); default: made from the title or name")
    parser.add_argument("--title", help="playbook, persona or initiative: the title readers see")
    parser.add_argument("--owner", help="playbook or initiative: the owning team's id (from data/owners.yml)")
    parser.add_argument("--journey", help="initiative: the id of a playbook it acts on")
    parser.add_argument("--persona", help="playbook: the persona's id (a page in content/personas/)")
    parser.add_argument("--name", help="team: its name")
    parser.add_argument("--lead", help="team: who leads it")
    parser.add_argument("--contact", help="team: how to reach it (an address or a channel)")
    parser.set_defaults(handler=run)


class Asker:
    """Takes a value from its flag, else asks in a terminal, else fails with the flag to pass."""

    def __init__(self, args: argparse.Namespace, interactive: bool) -> None:
        self.args = args
        self.interactive = interactive

    def ask(self, flag: str, question: str, check: Callable[[str], str], default: str | None = None, choices: Sequence[str] = ()) -> str:
        given = getattr(self.args, flag)
        if given is not None:
            return check(given.strip())
        if not self.interactive:
            if default:
                return check(default)
            raise UsageError(f"--{flag} is required when not run in a terminal ({question.lower()})")
        offered = f" ({', '.join(choices)})" if choices else ""
        suggested = f" [{default}]" if default else ""
        while True:
            answer = input(f"{question}{offered}{suggested}: ").strip() or (default or "")
            try:
                return check(answer)
            except UsageError as error:
                print(f"  {error}", file=sys.stderr)


def _text(what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value:
            raise UsageError(f"the {what} must not be empty")
        return value

    return check


def _playbook(asker: Asker, layout: Layout, vocabulary: Vocabulary, today: date) -> Path:
    title = asker.ask("title", "Title of the journey", _text("title"))
    journey_id = asker.ask("id", "Id (the file name)", lambda v: check_id(v, "playbook"), default=slugify(title))
    owner = asker.ask(
        "owner", "Owning team", lambda v: check_reference(v, vocabulary.teams, "team", ADD_TEAM),
        default=vocabulary.teams[0] if len(vocabulary.teams) == 1 else None, choices=vocabulary.teams,
    )
    persona = asker.ask(
        "persona", "Persona", lambda v: check_reference(v, vocabulary.personas, "persona", ADD_PERSONA),
        default=vocabulary.personas[0] if len(vocabulary.personas) == 1 else None, choices=vocabulary.personas,
    )
    text = playbook_text(title=title, owner=owner, persona=persona, vocabulary=vocabulary, today=today)
    return create(layout.journeys_dir / f"{journey_id}.md", text, layout)


def _initiative(asker: Asker, layout: Layout, vocabulary: Vocabulary) -> Path:
    title = asker.ask("title", "Title of the initiative", _text("title"))
    initiative_id = asker.ask("id", "Id (the file name)", lambda v: check_id(v, "initiative"), default=slugify(title))
    owner = asker.ask(
        "owner", "Team running it", lambda v: check_reference(v, vocabulary.teams, "team", ADD_TEAM),
        default=vocabulary.teams[0] if len(vocabulary.teams) == 1 else None, choices=vocabulary.teams,
    )
    journey = asker.ask(
        "journey", "Journey it acts on", lambda v: check_reference(v, vocabulary.journeys, "journey", ADD_PLAYBOOK),
        default=vocabulary.journeys[0] if len(vocabulary.journeys) == 1 else None, choices=vocabulary.journeys,
    )
    text = initiative_text(title=title, owner=owner, journey=journey)
    return create(layout.docs_dir / INITIATIVES_DIR / f"{initiative_id}.md", text, layout)


def _persona(asker: Asker, layout: Layout) -> Path:
    title = asker.ask("title", "Name of the persona", _text("name"))
    persona_id = asker.ask("id", "Id (the file name)", lambda v: check_id(v, "persona"), default=slugify(title))
    return create(layout.personas_dir / f"{persona_id}.md", persona_text(title=title), layout)


def _team(asker: Asker, layout: Layout, vocabulary: Vocabulary) -> Path:
    name = asker.ask("name", "Name of the team", _text("name"))

    def new_id(value: str) -> str:
        if check_id(value, "team") in vocabulary.teams:
            raise UsageError(f"team '{value}' already exists in {layout.rel(layout.owners_file)}; choose another id")
        return value

    team_id = asker.ask("id", "Id (what playbooks write in 'owner')", new_id, default=slugify(name))
    lead = asker.ask("lead", "Who leads it", _text("lead"))
    contact = asker.ask("contact", "How to reach it", _text("contact"))
    return append_team(layout, team_id=team_id, name=name, lead=lead, contact=contact)


def run(args: argparse.Namespace, root: Path) -> int:
    layout = site_layout(root)
    asker = Asker(args, interactive=sys.stdin.isatty())
    vocabulary = Vocabulary.of(layout)
    if args.kind == "playbook":
        path = _playbook(asker, layout, vocabulary, reference_date(None))
        print(f"wrote {layout.rel(path)}: fill it in, then run 'journeybook check {layout.rel(path)}'")
    elif args.kind == "initiative":
        path = _initiative(asker, layout, vocabulary)
        print(f"wrote {layout.rel(path)}: fill it in, then run 'journeybook check {layout.rel(path)}'")
    elif args.kind == "persona":
        path = _persona(asker, layout)
        print(f"wrote {layout.rel(path)}: fill it in, then run 'journeybook check'")
    else:
        path = _team(asker, layout, vocabulary)
        print(f"added team to {layout.rel(path)}: playbooks can now name it in 'owner'")
    return 0
