"""The one build step pyproject.toml cannot declare: the wheel carries the site defaults.

``build_py`` copies ``templates/``, the packaged part of ``site_config/`` and the pinned npm
files (Mermaid's bundle, the iframe-worker shim) into ``journeybook/_defaults/`` of the build,
so a site built from the wheel needs neither this repository nor npm. An editable install
copies nothing: there the defaults are the repository's own folders (``journeybook.defaults``).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _defaults_module():  # type: ignore[no-untyped-def]
    """``journeybook/defaults.py`` loaded by path: the package itself is not importable yet."""
    spec = importlib.util.spec_from_file_location("journeybook_defaults", HERE / "plugins" / "journeybook" / "defaults.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class BuildWithDefaults(build_py):
    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            _defaults_module().copy_defaults(HERE, Path(self.build_lib) / "journeybook" / "_defaults")


setup(cmdclass={"build_py": BuildWithDefaults})
