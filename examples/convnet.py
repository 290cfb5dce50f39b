"""A small convolutional network for 28x28 grayscale images, exported for inference.

    python examples/convnet.py
    tfc compile examples/convnet.py --emit=tf

conv 5x5x32 (SAME) -> relu -> max pool 2x2 -> conv 5x5x64 -> relu -> max pool 2x2
-> dense 1024 -> relu -> dense 10, with seeded weights.
"""

import numpy as np

import tfc as tf

tf.set_random_seed(42)

images = tf.placeholder(tf.float32, [None, 28, 28, 1], name="images")


def conv_block(x, filters, name):
    with tf.variable_scope(name):
        channels = x.shape[3].value
        kernel = tf.get_variable("kernel", [5, 5, channels, filters],
                                 initializer=tf.truncated_normal_initializer(stddev=0.1, seed=2))
        bias = tf.get_variable("bias", [filters], initializer=tf.constant_initializer(0.1))
        y = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, kernel, strides=[1, 1, 1, 1], padding="SAME"), bias))
        return tf.nn.max_pool(y, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


def dense(x, units, name):
    with tf.variable_scope(name):
        w = tf.get_variable("weights", [x.shape[1].value, units],
                            initializer=tf.truncated_normal_initializer(stddev=0.1, seed=3))
        b = tf.get_variable("biases", [units], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


features = conv_block(conv_block(images, 32, "conv1"), 64, "conv2")
flat = tf.reshape(features, [-1, 7 * 7 * 64])
logits = dense(tf.nn.relu(dense(flat, 1024, "fc1")), 10, "fc2")
classes = tf.argmax(logits, axis=1, output_type=tf.int32, name="classes")

tf.export("predict", inputs={"images": images}, outputs={"logits": logits, "classes": classes})

if __name__ == "__main__":
    batch = np.random.default_rng(0).random((2, 28, 28, 1), dtype=np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out_logits, out_classes = sess.run([logits, classes], feed_dict={images: batch})
        print("logits shape:", out_logits.shape)
        print("classes:", out_classes)
