/*
 * Drives libdense.so (test_aot_glue.py: hand-written kernels + generated glue) through the
 * generated dense.h: two independent instances, outputs and their dims, variables, an atomic
 * checkpoint restored into a new instance, and every error path with its message.
 * Usage: dense_main CHECKPOINT_PATH. Prints "ok" and exits 0 when every check holds.
 */
#include "dense.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/* Expects status != 0 and an error message containing `part`. */
static void expect_error(int status, const char *part)
{
    CHECK(status != 0);
    if (strstr(dense_error(), part) == NULL) {
        fprintf(stderr, "error message '%s' lacks '%s'\n", dense_error(), part);
        failures++;
    }
    printf("error %d: %s\n", status, dense_error());
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CHECKPOINT_PATH\n", argv[0]);
        return 2;
    }
    const char *ckpt = argv[1];
    dense_model *a = NULL, *b = NULL;
    CHECK(dense_create_with_threads(&a, 2) == 0);
    CHECK(dense_create(&b) == 0);
    if (a == NULL || b == NULL)
        return 1;

    float w[6], bias[2];
    CHECK(dense_get_variable(a, "W", w, sizeof w) == 0);
    CHECK(dense_get_variable(a, "b", bias, sizeof bias) == 0);

    float x[5 * 3];
    for (int i = 0; i < 15; i++)
        x[i] = (float)((i * 7) % 11) * 0.25f - 1.0f;
    const float *y = NULL;
    const int32_t *classes = NULL;
    int64_t y_dims[2] = {0, 0}, classes_dims[1] = {0};
    CHECK(dense_predict(a, x, 5, &y, y_dims, &classes, classes_dims) == 0);
    CHECK(y_dims[0] == 5 && y_dims[1] == 2 && classes_dims[0] == 5);
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 2; j++) {
            float expect = bias[j];
            for (int k = 0; k < 3; k++)
                expect += x[i * 3 + k] * w[k * 2 + j];
            CHECK(fabsf(y[i * 2 + j] - expect) <= 1e-5f);
        }
        CHECK(classes[i] == (y[i * 2 + 1] > y[i * 2] ? 1 : 0));
    }
    float y_before[10];
    memcpy(y_before, y, sizeof y_before);

    /* An empty batch still works; outputs may be skipped with NULL. */
    CHECK(dense_predict(a, NULL, 0, &y, y_dims, NULL, NULL) == 0);
    CHECK(y_dims[0] == 0 && y != NULL);

    /* Each instance has its own variables. */
    const int64_t *step = NULL;
    CHECK(dense_step(a, &step) == 0 && *step == 8);
    CHECK(dense_step(a, &step) == 0 && *step == 9);
    CHECK(dense_step(b, &step) == 0 && *step == 8);

    /* Save a, perturb it, restore the checkpoint into a new instance c: c computes what a did. */
    CHECK(dense_save(a, ckpt) == 0);
    float w2[6];
    for (int i = 0; i < 6; i++)
        w2[i] = w[i] + 1.0f;
    CHECK(dense_set_variable(a, "W", w2, sizeof w2) == 0);
    CHECK(dense_predict(a, x, 5, &y, NULL, NULL, NULL) == 0);
    CHECK(fabsf(y[0] - y_before[0]) > 1e-3f);
    dense_model *c = NULL;
    CHECK(dense_create_with_threads(&c, 1) == 0);
    CHECK(dense_set_variable(c, "W", w2, sizeof w2) == 0);
    CHECK(dense_restore(c, ckpt) == 0);
    CHECK(dense_predict(c, x, 5, &y, y_dims, NULL, NULL) == 0);
    CHECK(memcmp(y, y_before, sizeof y_before) == 0);
    int64_t restored_step = 0;
    CHECK(dense_get_variable(c, "global_step", &restored_step, sizeof restored_step) == 0);
    CHECK(restored_step == 9);

    /* Variable info. */
    const char *dtype = NULL;
    int32_t rank = -1;
    const int64_t *dims = NULL;
    CHECK(dense_variable_info("W", &dtype, &rank, &dims) == 0);
    CHECK(strcmp(dtype, "F32") == 0 && rank == 2 && dims[0] == 3 && dims[1] == 2);

    /* Errors: each non-zero status comes with a message. */
    expect_error(dense_get_variable(a, "W", w, 4), "holds 24 bytes");
    expect_error(dense_get_variable(a, "nope", w, sizeof w), "no variable named 'nope'");
    expect_error(dense_variable_info("nope", NULL, NULL, NULL), "no variable named 'nope'");
    expect_error(dense_restore(c, "/nonexistent/dir/ckpt.safetensors"), "/nonexistent/dir/ckpt.safetensors");
    expect_error(dense_predict(a, x, -1, &y, NULL, NULL, NULL), "dimension 0 is -1");
    expect_error(dense_predict(a, NULL, 2, &y, NULL, NULL, NULL), "input 'x' is NULL");
    expect_error(dense_predict(NULL, x, 1, &y, NULL, NULL, NULL), "model is NULL");
    expect_error(dense_fail(a, NULL), "the kernel reports an error");
    expect_error(dense_create_with_threads(NULL, 0), "out is NULL");

    /* A failed restore leaves the instance as it was. */
    float w3[6];
    CHECK(dense_get_variable(c, "W", w3, sizeof w3) == 0);
    CHECK(memcmp(w3, w, sizeof w) == 0);

    CHECK(strstr(dense_metadata(), "\"name\": \"dense\"") != NULL);

    dense_destroy(a);
    dense_destroy(b);
    dense_destroy(c);
    dense_destroy(NULL);
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
