"""Blocks placed on playbook pages; importing this package registers them all."""

from __future__ import annotations
