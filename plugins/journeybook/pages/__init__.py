"""Cross-journey pages and exports: one module per page family, every producer listed in ``registry``."""
