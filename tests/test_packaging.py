"""What `pip install .` (a wheel, not the editable install) puts on a user's machine."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_subpackage_of_translit_is_in_the_wheel():
    # a package missing from [tool.setuptools] packages installs fine in editable mode
    # (the tests' and CI's) and fails with ImportError for everyone who builds a wheel
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "translit").rglob("__init__.py")
    }
    assert found - listed == set()
