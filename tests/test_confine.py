"""Links out of the project are refused, located, and never read: a pull request can add a link."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import journeybook, mkdocs_build

SECRET = "JOURNEYBOOK_TEST_SECRET"
REMEDY = "it was not read; commit the file itself instead of a link"


def test_links_out_of_the_project_are_located_errors_that_quote_nothing(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "owners.yml").write_text((project / "data/owners.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (outside / "page.md").write_text("# Secret page\n", encoding="utf-8")
    (project / "data/kpis/x.csv").symlink_to("/proc/self/environ")
    (project / "data/owners.yml").unlink()
    (project / "data/owners.yml").symlink_to(outside / "owners.yml")
    (project / "content/journeys/linked.md").symlink_to("/etc/passwd")
    (project / "content/personas/linked.md").symlink_to(outside / "page.md")
    (project / "content/guides/secret.md").symlink_to(outside / "page.md")
    (project / "content/linked-folder").symlink_to(outside)
    result = journeybook("check", "--format", "github", cwd=project, env={SECRET: "do-not-print-me"})
    assert result.code == 1
    assert "do-not-print-me" not in result.output and "root:" not in result.output
    assert f"::error file=data/kpis/x.csv,title=Journeybook measurements::the file is a link to /proc/self/environ, outside the project; {REMEDY}" in result.stdout.splitlines()
    text = journeybook("check", cwd=project).stdout
    for line in (
        f"error: content/guides/secret.md: the file is a link to {outside}/page.md, outside the project; {REMEDY}",
        f"error: content/linked-folder: the folder is a link to {outside}, outside the project; {REMEDY}",
        f"error: content/journeys/linked.md:1:1: the file is a link to /etc/passwd, outside the project; {REMEDY}",
        f"error: content/personas/linked.md:1:1: the file is a link to {outside}/page.md, outside the project; {REMEDY}",
        f"error: data/kpis/x.csv: the file is a link to /proc/self/environ, outside the project; {REMEDY}",
        f"error: data/owners.yml:1:1: the file is a link to {outside}/owners.yml, outside the project; {REMEDY}",
    ):
        assert line in text, text
    build = mkdocs_build(project)
    assert build.code == 1 and "Traceback" not in build.output
    assert f"data/kpis/x.csv: the file is a link to /proc/self/environ, outside the project; {REMEDY}" in build.output
    assert not (project / "site").exists()


def test_a_site_template_linked_out_of_its_folder_stops_the_build(project: Path, tmp_path: Path) -> None:
    template = project / "templates/blocks/catalog.md"
    copy = tmp_path / "catalog.md"
    copy.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    template.unlink()
    template.symlink_to(copy)
    build = mkdocs_build(project)
    assert build.code == 1 and "Traceback" not in build.output
    assert f"templates/blocks/catalog.md: the file is a link to {copy}, outside templates/blocks/; {REMEDY}" in build.output


def test_links_inside_the_project_are_followed(project: Path) -> None:
    target = project / "content/journeys/mortgage-application.md"
    moved = project / "content/journeys-source.md"
    os.rename(target, moved)
    target.symlink_to(Path("..") / moved.name)
    result = journeybook("check", cwd=project)
    assert result.code == 0, result.output
