"""Every maintenance script still imports what it uses (they are run by hand, not by the build)."""

from __future__ import annotations

import runpy

import pytest

from conftest import REPO

SCRIPTS = sorted((REPO / "scripts").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_script_loads(script):
    namespace = runpy.run_path(str(script), run_name="loaded_by_test")  # everything but the __main__ block
    assert namespace["__doc__"], f"{script.name}: say what the script is for in its docstring"
