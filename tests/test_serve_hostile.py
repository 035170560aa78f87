"""``mkdocs serve`` with input MkDocs itself cannot read: the page shows its box, the rest works.

A playbook that is not UTF-8 once stopped every rebuild of the preview (MkDocs' own reader
raised), so the author saw a site that never changed, or none at all; so did a tag written as
a mapping (Material's tags plugin raised). Now the page shows its error box over what can be
read of its body, every other page keeps working, and fixing the file brings the page back.
"""

from __future__ import annotations

from pathlib import Path

from test_serve_mode import fetch, mkdocs_serve, text_of, wait_for

PLAYBOOK = "content/journeys/add-newborn-to-plan.md"
PAGE = "journeys/add-newborn-to-plan/"
OTHER = "journeys/mortgage-application/"


def test_a_playbook_that_is_not_utf8_shows_its_box_and_recovers_when_fixed(project: Path) -> None:
    source = project / PLAYBOOK
    good = source.read_bytes()
    source.write_bytes(good + b"\nCaf\xe9 with the team.\n")
    with mkdocs_serve(project) as (base, server, log):
        page = wait_for(base + PAGE, lambda text: "This page has errors" in text, server, log)
        line = good.count(b"\n") + 2
        assert f"{PLAYBOOK}:{line}:4 the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding" in page
        assert "Caf\ufffd with the team." in page
        status, other = fetch(base + OTHER)
        assert status == 200 and "This page has errors" not in text_of(other)
        assert "Mortgage" in text_of(other)

        # A number Python cannot print, in the front matter of the same page: its box, not a stopped preview.
        source.write_bytes(good.replace(b"review_every: 180", b"review_every: " + b"9" * 5000))
        page = wait_for(base + PAGE, lambda text: "is a number 5000 characters long" in text, server, log)
        assert "This page has errors" in page

        # Valid YAML the theme cannot take (a tag that is a mapping) once stopped the preview in Material's tags plugin.
        source.write_bytes(good.replace(b"tags: [health-insurance, family, members]", b"tags: [{a: b}]"))
        page = wait_for(base + PAGE, lambda text: "tags[0] : expected text, found a mapping of fields" in text, server, log)
        status, other = fetch(base + OTHER)
        assert status == 200 and "This page has errors" not in text_of(other)

        source.write_bytes(good)
        page = wait_for(base + PAGE, lambda text: "This page has errors" not in text and "Add a newborn" in text, server, log)
        assert server.poll() is None
