"""Random files in every input folder: ``journeybook check`` only ever prints located findings.

Hypothesis writes random bytes, random YAML shapes, CSV with random quoting and delimiters and
random front matter over the files of a project (playbooks, personas, owners, measurements,
every site_config file), or beside them as new files, and runs the CLI's ``main`` in-process.
Whatever it writes, the output is findings in the one shape (``file[:line[:col]]: ...``) and
the count line, the exit code 0 or 1, and the run ends (a thread that has not ended after a
generous bound is a hang, not a slow machine).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from conftest import TODAY, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journeybook.cli.main import main

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # examples quote 5,000-digit numbers

HANG = 60
"""Seconds after which a run counts as hung; a check of this project takes well under one."""

TARGETS = [
    "content/journeys/mortgage-application.md", "content/journeys/new-playbook.md", "content/journeys/sub/deep.md",
    "content/personas/first-time-buyer.md", "content/personas/new-persona.md",
    "data/owners.yml", "data/kpis/mortgage-application.csv", "data/kpis/new.csv", "data/kpis/new.xlsx", "data/kpis/new.parquet",
    "site_config/phases.yml", "site_config/channels.yml", "site_config/verification-methods.yml",
    "site_config/data-sources.yml", "site_config/settings.yml",
]
FIELDS = ["id", "title", "name", "persona", "owner", "stages", "phase", "emotion", "kpis", "target", "direction",
          "category", "teams", "lead", "contact", "kind", "url_env", "query", "cadence", "last_run", "last_reviewed",
          "review_every", "as_of", "at_risk_band", "featured_journeys", "raw_html", "verification", "method", "source",
          "connect_timeout", "query_timeout", "goals", "customer", "business", "touchpoints", "channel"]
WORDS = ["mortgage-application", "first-time-buyer", "retail-lending", "before", "web", "owned", "up", "outcome", "sql",
         "files", "mystery_shopping", "quarterly", "2026-02-30", "9999-12-31", "0001-01-01", "1e308", "-1e308", ".nan",
         "9" * 5000, "0x" + "f" * 4000, "", "~", "no", "\u0430", "\u200b", "\u202e", "<script>", "%", ";", "\t", '"']
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.sampled_from(WORDS), st.text(max_size=12))
SHAPES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner, max_size=5),
    max_leaves=20,
)
CELLS = st.one_of(st.sampled_from(["journey", "kpi", "date", "value", "segment", "mortgage-application", "nps-after-completion",
                                   "2026-01-01", "9999-12-31", "12.5", "1" + "0" * 400, "-inf", "NaN", "=1+1", '"', "\n", ""]),
                  st.text(max_size=8))


def _yaml_text(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, width=60)
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):
        return "key: value\n"


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    """Rows of random cells, written with a random delimiter and quoting, or broken quoting by hand."""
    rows = draw(st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=6))
    if draw(st.booleans()):
        rows.insert(0, ["journey", "kpi", "date", "value", "segment"])
    out = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    csv.writer(out, delimiter=delimiter, quoting=quoting).writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(['"', '""', "\r", "\n", "\x00", ","])) + text[cut:]
    return text


def front_matter(data: Any, body: str) -> str:
    return f"---\n{_yaml_text(data)}---\n{body}\n"


CONTENT = st.one_of(
    st.binary(max_size=300),
    SHAPES.map(_yaml_text).map(str.encode),
    csv_text().map(str.encode),
    st.tuples(SHAPES, st.text(max_size=40)).map(lambda pair: front_matter(*pair).encode()),
    st.sampled_from(["---\n", "---\n---\n", "---\na: [\n---\n", "\ufeff---\ntitle: x\n---\n", "teams: []\n", "[]\n", "- 1\n"]).map(str.encode),
)
WRITES = st.lists(st.tuples(st.sampled_from(TARGETS), CONTENT), min_size=1, max_size=3)

FINDING = re.compile(r"^(error|warning): [^\s:][^:]*(:\d+(:\d+)?)?: \S")
COUNT = re.compile(r"^\d+ errors?, \d+ warnings?$")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("property") / "project")


@contextlib.contextmanager
def written(project: Path, writes: list[tuple[str, bytes]]) -> Iterator[None]:
    """The files written over the project for one example, and the project as it was afterwards."""
    saved: dict[Path, bytes | None] = {}
    try:
        for relative, content in writes:
            path = project / relative
            if path not in saved:
                saved[path] = path.read_bytes() if path.is_file() else None
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        yield
    finally:
        for path, content in saved.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)


def check(project: Path) -> tuple[int, str, str]:
    """``journeybook check`` through the CLI's own ``main``, its output captured, in a thread that must end."""
    out, err = io.StringIO(), io.StringIO()
    result: list[int] = []

    def work() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result.append(main(["--root", str(project), "check"]))

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(HANG)
    assert not worker.is_alive(), "check did not end"
    assert result, err.getvalue()
    return result[0], out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYBOOK_TODAY", TODAY)
    monkeypatch.delenv("JOURNEYBOOK_DEBUG", raising=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(writes=WRITES)
def test_random_files_in_every_input_folder_give_only_located_findings(base: Path, writes: list[tuple[str, bytes]]) -> None:
    with written(base, writes):
        code, stdout, stderr = check(base)
    assert code in (0, 1), (code, stdout, stderr)
    assert "Traceback" not in stdout + stderr and "internal error" not in stdout + stderr, stderr
    lines = stdout.splitlines()
    assert lines and COUNT.match(lines[-1]), stdout[-2000:]
    strays = [line for line in lines[:-1] if not FINDING.match(line)]
    assert strays == [], strays
    assert stderr == "" or re.fullmatch(r"checked \d+ playbooks?(, \d+ initiatives?)?: no problems\n", stderr), stderr
    assert (code == 1) == any(line.startswith("error: ") for line in lines), stdout[-2000:]


def test_the_project_is_restored_between_examples(base: Path) -> None:
    """The examples share one project; each leaves it clean for the next (this is what makes them independent)."""
    code, stdout, _ = check(base)
    assert code == 0, stdout
    assert sorted(os.listdir(base / "data/kpis")) == sorted(os.listdir(Path(__file__).resolve().parent.parent / "data/kpis"))
