"""The linear regression of the 2016 TensorFlow talk, in TF1 graph style.

Only the import differs from the TensorFlow program: `import tfc as tf`. The data lie on
y = 0.1 * x + 0.3; the model y = W * x + b starts from a fixed W and b, so TensorFlow and tfc
print the same numbers. The loss is evaluated for the initial values and a few candidate
(W, b) pairs set with tf.assign (training by gradient descent arrives with tf.train).

    python examples/linear_regression.py
    tfc compile examples/linear_regression.py --emit=tf --feed x --feed y --fetch loss
"""

import numpy as np

import tfc as tf

x = tf.placeholder(tf.float32, shape=[None], name="x")
y = tf.placeholder(tf.float32, shape=[None], name="y")

W = tf.get_variable("W", shape=[1], initializer=tf.constant_initializer(0.5))
b = tf.get_variable("b", shape=[1], initializer=tf.zeros_initializer())
prediction = W * x + b

loss = tf.reduce_mean(tf.square(prediction - y), name="loss")

new_W = tf.placeholder(tf.float32, shape=[1], name="new_W")
new_b = tf.placeholder(tf.float32, shape=[1], name="new_b")
set_params = tf.group(tf.assign(W, new_W), tf.assign(b, new_b), name="set_params")

init = tf.global_variables_initializer()

if __name__ == "__main__":
    x_data = np.linspace(0.0, 1.0, 100, dtype=np.float32)
    y_data = (x_data * 0.1 + 0.3).astype(np.float32)
    feed = {x: x_data, y: y_data}
    with tf.Session() as sess:
        sess.run(init)
        print("initial W, b, loss:", sess.run(W), sess.run(b), sess.run(loss, feed_dict=feed))
        for w_value, b_value in [(0.0, 0.0), (0.1, 0.0), (0.1, 0.3), (0.2, 0.25)]:
            sess.run(set_params, feed_dict={new_W: [w_value], new_b: [b_value]})
            print(f"W={w_value:.2f} b={b_value:.2f} loss:", sess.run(loss, feed_dict=feed))
        print("predictions at x=0, 0.5, 1:", sess.run(prediction, feed_dict={x: [0.0, 0.5, 1.0]}))
