"""Turning views into output: Mermaid, templates, placeholders, HTML policy, labels, links."""
