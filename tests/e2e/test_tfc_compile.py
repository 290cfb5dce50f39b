"""`tfc compile`: signatures from tfc.export or flags, and clear errors with exit status 1."""

import textwrap

import pytest

from tfc.cli.tfc_main import main


def _model(tmp_path, body: str, name="model.py"):
    path = tmp_path / name
    path.write_text("import tfc as tf\n" + textwrap.dedent(body))
    return str(path)


def test_exports_become_functions_and_main_blocks_do_not_run(tmp_path, capsys):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        v = tf.Variable([1.0, 2.0], name="v")
        y = tf.Print(x, [x], message="never printed at compile time")
        tf.export("echo", inputs={"x": x}, outputs={"y": y})
        tf.export("init", targets=[tf.global_variables_initializer()])
        if __name__ == "__main__":
            raise SystemExit("the training loop must not run")
    """)
    assert main(["compile", path, "--emit=tf"]) == 0
    out = capsys.readouterr().out
    assert 'func.func @echo(%arg0: tensor<?x2xf32> {tf.name = "x"}) -> (tensor<?x2xf32> {tf.name = "y"})' in out
    assert "func.func @init()" in out and "tf.AssignVariableOp" in out
    assert 'message = "never printed at compile time"' in out


def test_flags_name_a_signature_by_tf_names(tmp_path, capsys):
    path = _model(tmp_path, """
        with tf.name_scope("net"):
            x = tf.placeholder(tf.float32, [3], name="x")
            y = tf.Print(x, [x], name="out")
    """)
    assert main(["compile", path, "--feed", "net/x", "--fetch", "net/out:0"]) == 0
    out = capsys.readouterr().out
    assert 'func.func @main(%arg0: tensor<3xf32> {tf.name = "net_x"}) -> (tensor<3xf32> {tf.name = "net_out"})' in out


def test_debuginfo_prints_node_names_and_model_lines(tmp_path, capsys):
    path = _model(tmp_path, """
        x = tf.placeholder(tf.float32, [3], name="x")
        y = tf.Print(x, [x], name="shown")
    """)
    assert main(["compile", path, "--feed", "x", "--fetch", "shown", "--mlir-print-debuginfo"]) == 0
    out = capsys.readouterr().out
    assert 'loc("shown"(' in out and 'model.py":4:' in out and 'loc("x"(' in out


@pytest.mark.parametrize("body, flags, message", [
    ("x = 1\n", [], "declares no tfc.export"),
    ("x = tf.placeholder(tf.float32, [1], name='x')\n", ["--fetch", "nope"], "no tensor named 'nope'"),
    ("x = tf.placeholder(tf.float32, [1], name='x')\n", ["--target", "nope"], "no op named 'nope'"),
    ("x = tf.placeholder(tf.float32, [1], name='x')\ny = tf.Print(x, [x], name='y')\n", ["--fetch", "y"],
     "You must feed a value for placeholder tensor 'x'"),
    ("\n\nraise RuntimeError('broken model')\n", [], "model.py:4: RuntimeError: broken model"),
])
def test_errors_are_one_clear_line_with_status_1(tmp_path, capsys, body, flags, message):
    path = _model(tmp_path, body)
    assert main(["compile", path, *flags]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_model_file(capsys):
    assert main(["compile", "/nonexistent/model.py"]) == 1
    assert "/nonexistent/model.py: no such file" in capsys.readouterr().err


def test_unknown_emit_stage_is_a_usage_error(tmp_path, capsys):
    path = _model(tmp_path, "")
    assert_exit = pytest.raises(SystemExit)
    with assert_exit as info:
        main(["compile", path, "--emit=bogus"])
    assert info.value.code == 1
    assert "invalid choice" in capsys.readouterr().err
