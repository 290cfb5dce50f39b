"""Runs the lit + FileCheck suite (tests/lit) as part of pytest, so one command runs all."""

import os
import subprocess
import sys
from pathlib import Path

LIT_DIR = Path(__file__).parent / "lit"


def test_lit_suite():
    lit = Path(sys.executable).parent / "lit"
    command = [str(lit)] if lit.exists() else [sys.executable, "-m", "lit"]
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    result = subprocess.run([*command, "-q", "-j", "2", str(LIT_DIR)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"lit failures:\n{result.stdout}\n{result.stderr}"
    listed = subprocess.run([*command, "--show-tests", str(LIT_DIR)], capture_output=True, text=True, env=env)
    assert "tfc ::" in listed.stdout, "lit found no tests"
