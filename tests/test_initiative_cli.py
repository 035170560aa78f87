"""``journeybook new initiative`` and ``check`` of initiative files, as an author runs them."""

from __future__ import annotations

from pathlib import Path

from conftest import journeybook


def test_a_new_initiative_passes_the_strict_check_and_names_what_to_fill_in(project: Path) -> None:
    made = journeybook("new", "initiative", "--title", "Call back before we're asked", "--owner", "contact-centre", "--journey", "internet-outage-restoration", cwd=project)
    assert made.code == 0, made.output
    path = project / "content/initiatives/call-back-before-we-re-asked.md"
    assert made.stdout.startswith("wrote content/initiatives/call-back-before-we-re-asked.md")
    text = path.read_text(encoding="utf-8")
    assert 'title: "Call back before we\'re asked"' in text and "status: idea" in text and "# kpis:" in text
    check = journeybook("check", "--strict", "content/initiatives/call-back-before-we-re-asked.md", cwd=project)
    assert check.code == 0, check.output
    assert "checked 5 playbooks, 1 initiative: no problems" in check.stderr
    again = journeybook("new", "initiative", "--title", "Call back before we're asked", "--owner", "contact-centre", "--journey", "internet-outage-restoration", cwd=project)
    assert again.code == 2 and "already exists" in again.output


def test_a_new_initiative_refuses_an_unknown_journey_with_the_closest_one(project: Path) -> None:
    made = journeybook("new", "initiative", "--title", "X", "--owner", "contact-centre", "--journey", "internet-outage", cwd=project)
    assert made.code == 2
    assert "journey: 'internet-outage' is not allowed" in made.output and "did you mean 'internet-outage-restoration'?" in made.output
    assert not (project / "content/initiatives/x.md").exists()


def test_check_of_one_initiative_reports_its_problems_against_every_playbook(project: Path) -> None:
    path = project / "content/initiatives/visit-window-sms.md"
    path.write_text(path.read_text(encoding="utf-8").replace("stages: [technician-visit]", "stages: [technician-visit, fix]"), encoding="utf-8")
    check = journeybook("check", "content/initiatives/visit-window-sms.md", cwd=project)
    assert check.code == 1
    assert "content/initiatives/visit-window-sms.md:10:32: journeys[0].stages[1]: unknown stage 'fix' of journey 'internet-outage-restoration'" in check.stdout
