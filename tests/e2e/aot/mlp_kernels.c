/*
 * A hand-written kernel for examples/mlp.py's "predict" export that implements the
 * compiled-function ABI (docs/cpu_backend.md), so that the example C program, the embedded
 * initial values and tfc.load are tested apart from code generation (test_aot_glue.py).
 *
 *   args: images [?, 784] f32, then the variables hidden1/weights [784, 256],
 *         hidden1/biases [256], hidden2/weights [256, 128], hidden2/biases [128],
 *         logits/weights [128, 10], logits/biases [10]
 *   results: probabilities = softmax(logits) [?, 10] f32, classes = argmax(logits) [?] i32
 */
#include "tfc_runtime.h"

#include <math.h>

int32_t tfc_kernel_predict(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool);

typedef struct {
    const float *images;
    const float *w[3], *b[3];
    float *probabilities;
    int32_t *classes;
} mlp_ctx;

static void dense(const float *x, int in, const float *w, const float *b, int out, int relu, float *y)
{
    for (int j = 0; j < out; j++) {
        float acc = 0.0f;
        for (int k = 0; k < in; k++)
            acc += x[k] * w[k * out + j];
        acc += b[j];
        y[j] = relu && acc < 0.0f ? 0.0f : acc;
    }
}

static void mlp_rows(void *ctx, int64_t begin, int64_t end)
{
    const mlp_ctx *c = ctx;
    float h1[256], h2[128], logits[10];
    for (int64_t i = begin; i < end; i++) {
        dense(c->images + i * 784, 784, c->w[0], c->b[0], 256, 1, h1);
        dense(h1, 256, c->w[1], c->b[1], 128, 1, h2);
        dense(h2, 128, c->w[2], c->b[2], 10, 0, logits);
        int best = 0;
        for (int k = 1; k < 10; k++)
            if (logits[k] > logits[best])
                best = k;
        float sum = 0.0f;
        for (int k = 0; k < 10; k++)
            sum += c->probabilities[i * 10 + k] = expf(logits[k] - logits[best]);
        for (int k = 0; k < 10; k++)
            c->probabilities[i * 10 + k] /= sum;
        c->classes[i] = best;
    }
}

int32_t tfc_kernel_predict(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool)
{
    int64_t n = args[0].dims[0];
    mlp_ctx c;
    c.images = args[0].data;
    for (int layer = 0; layer < 3; layer++) {
        c.w[layer] = args[1 + 2 * layer].data;
        c.b[layer] = args[2 + 2 * layer].data;
    }
    c.probabilities = tfc_alloc(n * 10 * (int64_t)sizeof(float));
    c.classes = tfc_alloc(n * (int64_t)sizeof(int32_t));
    if (c.probabilities == NULL || c.classes == NULL) {
        tfc_free(c.probabilities);
        tfc_free(c.classes);
        tfc_set_error(TFC_ERR_NOMEM, "predict: out of memory");
        return TFC_ERR_NOMEM;
    }
    int rc = tfc_parallel_for(pool, 0, n, 1, mlp_rows, &c);
    if (rc != 0) {
        tfc_free(c.probabilities);
        tfc_free(c.classes);
        return rc;
    }
    results[0].data = c.probabilities;
    results[0].dims[0] = n;
    results[0].dims[1] = 10;
    results[1].data = c.classes;
    results[1].dims[0] = n;
    return 0;
}
