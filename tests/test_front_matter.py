"""The front-matter reader: YAML 1.2 values, positions, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from journeybook.read.front_matter import YamlProblem, load_yaml, split_markdown


def test_values_resolve_by_yaml_1_2_not_1_1() -> None:
    doc = load_yaml("a: no\nb: on\nc: 12:30\nd: true\ne: 3.10\nf: 0755\ng: '0755'\n")
    assert doc.data == {"a": "no", "b": "on", "c": "12:30", "d": True, "e": 3.1, "f": 755, "g": "0755"}


def test_positions_are_file_lines_and_keep_raw_text() -> None:
    doc = split_markdown(Path("x.md"), "---\ntitle: T\nstages:\n  - id: a\n    emotion: 3.10\n---\nBody\n").front_matter
    assert doc is not None
    assert (doc.values[("stages", 0, "emotion")].line, doc.values[("stages", 0, "emotion")].column) == (5, 14)
    assert doc.values[("stages", 0, "emotion")].raw == "3.10"
    assert doc.keys[("title",)].line == 2


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases"),
        ("a: !!python/object:os.system x\n", 1, "YAML tags"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first written on line 1)"),
        ("a:\n\tb: 1\n", 2, "tab character"),
        ('a: "open\n', 1, "never closed"),
        ("a: \"\\u202e\"\n", 1, "U+202E"),
        ("a: \"\\ud800\"\n", 1, "lone surrogate"),
    ],
)
def test_refused_yaml_is_located(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text)
    assert caught.value.line == line
    assert message in caught.value.message


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    with pytest.raises(YamlProblem) as caught:
        load_yaml(bomb)
    assert caught.value.line == 1


def test_unclosed_front_matter_is_an_error() -> None:
    with pytest.raises(YamlProblem) as caught:
        split_markdown(Path("x.md"), "---\ntitle: T\n\nBody without a closing fence\n")
    assert "never closed" in caught.value.message


def test_page_without_front_matter_has_none() -> None:
    assert split_markdown(Path("x.md"), "# Just prose\n").front_matter is None
