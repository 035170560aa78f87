"""Tools for CX owners: starting files, JSON Schemas and the semantic diff of a change."""
