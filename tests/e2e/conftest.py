import pytest

from tfc.backends.cpu import aot


@pytest.fixture(scope="module")
def cc():
    """The system C compiler; tests that build libraries skip cleanly without one."""
    compiler = aot.find_cc()
    if compiler is None:
        pytest.skip("no C compiler found (cc, gcc or clang); AOT libraries need one")
    return compiler
