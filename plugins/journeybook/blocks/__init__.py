"""Blocks placed on playbook pages: one module per family, the registry and default layout in ``registry``."""
