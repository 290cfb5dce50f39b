/*
 * mlp_main.c - the MLP of examples/mlp.py (784-256-128-10, export "predict"), compiled ahead
 * of time by `tfc compile examples/mlp.py -o build/libmlp.so`, used from C through mlp.h.
 *
 * Runs inference on a deterministic batch, saves a checkpoint, perturbs a variable (which
 * changes the answer), restores the checkpoint into a NEW instance whose weights were also
 * perturbed, runs it again and checks that the numbers match the first run.
 *
 *   build.sh && build/mlp_main [checkpoint path]     (exit status 0 when everything matches)
 */
#include "mlp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH = 4, PIXELS = 784, CLASSES = 10 };

static int fail(const char *what, int status)
{
    fprintf(stderr, "mlp_main: %s failed (status %d): %s\n", what, status, mlp_error());
    return 1;
}

/* Runs the model on images; copies the probabilities and classes out (they belong to m). */
static int predict(mlp_model *m, const float *images, float *probabilities, int32_t *classes)
{
    const float *p = NULL;
    const int32_t *c = NULL;
    int64_t p_dims[2], c_dims[1];
    int status = mlp_predict(m, images, BATCH, &p, p_dims, &c, c_dims);
    if (status != 0)
        return fail("mlp_predict", status);
    if (p_dims[0] != BATCH || p_dims[1] != CLASSES || c_dims[0] != BATCH) {
        fprintf(stderr, "mlp_main: unexpected output shapes\n");
        return 1;
    }
    memcpy(probabilities, p, sizeof(float) * BATCH * CLASSES);
    memcpy(classes, c, sizeof(int32_t) * BATCH);
    return 0;
}

/* Adds delta * (i % 3) to element i of variable name (not the same to every element: softmax
   would not see a constant added to all logits). */
static int perturb(mlp_model *m, const char *name, size_t count, float delta)
{
    float *values = malloc(count * sizeof(float));
    if (values == NULL)
        return 1;
    int status = mlp_get_variable(m, name, values, count * sizeof(float));
    for (size_t i = 0; status == 0 && i < count; i++)
        values[i] += delta * (float)(i % 3);
    if (status == 0)
        status = mlp_set_variable(m, name, values, count * sizeof(float));
    free(values);
    return status == 0 ? 0 : fail("perturbing a variable", status);
}

static float max_difference(const float *a, const float *b, size_t n)
{
    float worst = 0.0f;
    for (size_t i = 0; i < n; i++)
        worst = fmaxf(worst, fabsf(a[i] - b[i]));
    return worst;
}

int main(int argc, char **argv)
{
    const char *checkpoint = argc > 1 ? argv[1] : "mlp.safetensors";
    static float images[BATCH * PIXELS];
    for (int i = 0; i < BATCH * PIXELS; i++)
        images[i] = (float)((i * 37) % 101) / 100.0f;

    mlp_model *first = NULL, *second = NULL;
    int status = mlp_create(&first);
    if (status != 0)
        return fail("mlp_create", status);

    float probabilities[BATCH * CLASSES], again[BATCH * CLASSES];
    int32_t classes[BATCH], classes_again[BATCH];
    if (predict(first, images, probabilities, classes) != 0)
        return 1;
    for (int b = 0; b < BATCH; b++) {
        float sum = 0.0f;
        for (int k = 0; k < CLASSES; k++)
            sum += probabilities[b * CLASSES + k];
        printf("image %d: class %d, p = %.6f, probabilities sum to %.6f\n", b, (int)classes[b],
               (double)probabilities[b * CLASSES + classes[b]], (double)sum);
        if (fabsf(sum - 1.0f) > 1e-4f) {
            fprintf(stderr, "mlp_main: probabilities of image %d sum to %f\n", b, (double)sum);
            return 1;
        }
    }

    status = mlp_save(first, checkpoint);
    if (status != 0)
        return fail("mlp_save", status);
    printf("saved %s\n", checkpoint);

    /* Perturbing the output layer's biases changes the answer... */
    if (perturb(first, "logits/biases", CLASSES, 0.5f) != 0 || predict(first, images, again, classes_again) != 0)
        return 1;
    printf("after perturbing logits/biases: max difference %.6f\n",
           (double)max_difference(probabilities, again, BATCH * CLASSES));
    if (max_difference(probabilities, again, BATCH * CLASSES) == 0.0f) {
        fprintf(stderr, "mlp_main: perturbing a variable changed nothing\n");
        return 1;
    }

    /* ...and restoring the checkpoint into a new (also perturbed) instance brings it back. */
    status = mlp_create_with_threads(&second, 1);
    if (status != 0)
        return fail("mlp_create_with_threads", status);
    if (perturb(second, "hidden1/weights", (size_t)PIXELS * 256, -0.25f) != 0)
        return 1;
    status = mlp_restore(second, checkpoint);
    if (status != 0)
        return fail("mlp_restore", status);
    if (predict(second, images, again, classes_again) != 0)
        return 1;
    float difference = max_difference(probabilities, again, BATCH * CLASSES);
    printf("restored into a new instance: max difference %g\n", (double)difference);
    if (difference > 1e-6f || memcmp(classes, classes_again, sizeof classes) != 0) {
        fprintf(stderr, "mlp_main: the restored instance computes different numbers\n");
        return 1;
    }

    /* Errors come with a message. */
    status = mlp_restore(second, "/nonexistent/mlp.safetensors");
    printf("restoring a missing file: status %d: %s\n", status, mlp_error());
    if (status == 0)
        return 1;

    mlp_destroy(first);
    mlp_destroy(second);
    printf("ok\n");
    return 0;
}
