import pytest

import tfc as tf


@pytest.fixture(autouse=True, params=["cpu", "interpreter"])
def backend(request, monkeypatch):
    """Every frontend test runs on the CPU backend (the default: compiled code, the
    interpreter only for what it cannot compile) and on the reference interpreter."""
    monkeypatch.setenv("TFC_BACKEND", request.param)
    return request.param


@pytest.fixture(autouse=True)
def fresh_graph(backend):
    """Every frontend test builds in a graph of its own."""
    graph = tf.Graph()
    with graph.as_default():
        yield graph
