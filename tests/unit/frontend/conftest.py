import pytest

import tfc as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    """Every frontend test builds in a graph of its own."""
    graph = tf.Graph()
    with graph.as_default():
        yield graph
