"""A 784-256-128-10 multilayer perceptron for MNIST-sized inputs, exported for inference.

    python examples/mlp.py                     # runs a batch of synthetic images
    tfc compile examples/mlp.py --emit=tf      # the tf-dialect module of `predict`

Weights are seeded, so every run (and every compiler) starts from the same numbers.
"""

import numpy as np

import tfc as tf

tf.set_random_seed(1234)

images = tf.placeholder(tf.float32, [None, 784], name="images")


def dense(x, units, activation, name):
    with tf.variable_scope(name):
        w = tf.get_variable("weights", [x.shape[1].value, units],
                            initializer=tf.truncated_normal_initializer(stddev=0.05, seed=1))
        b = tf.get_variable("biases", [units], initializer=tf.zeros_initializer())
        y = tf.nn.bias_add(tf.matmul(x, w), b)
        return activation(y) if activation is not None else y


hidden1 = dense(images, 256, tf.nn.relu, "hidden1")
hidden2 = dense(hidden1, 128, tf.nn.relu, "hidden2")
logits = dense(hidden2, 10, None, "logits")
probabilities = tf.nn.softmax(logits, name="probabilities")
classes = tf.argmax(logits, axis=1, output_type=tf.int32, name="classes")

tf.export("predict", inputs={"images": images}, outputs={"probabilities": probabilities, "classes": classes})

if __name__ == "__main__":
    batch = np.random.default_rng(0).random((8, 784), dtype=np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        p, c = sess.run([probabilities, classes], feed_dict={images: batch})
        print("probabilities sum to one:", np.allclose(p.sum(axis=1), 1.0))
        print("classes:", c)
