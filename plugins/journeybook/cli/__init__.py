"""The ``journeybook`` command: a thin adapter over the core, for people and for CI."""
