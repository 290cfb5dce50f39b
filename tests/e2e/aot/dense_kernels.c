/*
 * Hand-written kernels that implement the compiled-function ABI (docs/cpu_backend.md) for
 * the model "dense" of test_aot_glue.py, so that the glue, header, link step and loader are
 * tested apart from code generation.
 *
 *   predict(x [?, 3] f32; W [3, 2] f32, b [2] f32) -> (y = x @ W + b [?, 2] f32,
 *                                                      classes = argmax(y, 1) [?] i32)
 *   step(global_step i64) -> (global_step after += 1)
 *   fail() -> an error through tfc_set_error
 */
#include "tfc_runtime.h"

int32_t tfc_kernel_predict(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool);
int32_t tfc_kernel_step(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool);
int32_t tfc_kernel_fail(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool);

typedef struct {
    const float *x, *w, *b;
    float *y;
    int32_t *classes;
} predict_ctx;

static void predict_rows(void *ctx, int64_t begin, int64_t end)
{
    const predict_ctx *c = ctx;
    for (int64_t i = begin; i < end; i++) {
        for (int j = 0; j < 2; j++) {
            float acc = c->b[j];
            for (int k = 0; k < 3; k++)
                acc += c->x[i * 3 + k] * c->w[k * 2 + j];
            c->y[i * 2 + j] = acc;
        }
        c->classes[i] = c->y[i * 2 + 1] > c->y[i * 2] ? 1 : 0;
    }
}

int32_t tfc_kernel_predict(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool)
{
    int64_t n = args[0].dims[0];
    predict_ctx c = {args[0].data, args[1].data, args[2].data, NULL, NULL};
    c.y = tfc_alloc(n * 2 * (int64_t)sizeof(float));
    c.classes = tfc_alloc(n * (int64_t)sizeof(int32_t));
    if (c.y == NULL || c.classes == NULL) {
        tfc_free(c.y);
        tfc_free(c.classes);
        tfc_set_error(TFC_ERR_NOMEM, "predict: out of memory");
        return TFC_ERR_NOMEM;
    }
    int rc = tfc_parallel_for(pool, 0, n, 1, predict_rows, &c);
    if (rc != 0) {
        tfc_free(c.y);
        tfc_free(c.classes);
        return rc;
    }
    results[0].data = c.y;
    results[0].dims[0] = n;
    results[0].dims[1] = 2;
    results[1].data = c.classes;
    results[1].dims[0] = n;
    return 0;
}

int32_t tfc_kernel_step(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool)
{
    (void)pool;
    int64_t *step = args[0].data;
    int64_t *out = tfc_alloc((int64_t)sizeof(int64_t));
    if (out == NULL) {
        tfc_set_error(TFC_ERR_NOMEM, "step: out of memory");
        return TFC_ERR_NOMEM;
    }
    *step += 1;
    *out = *step;
    results[0].data = out;
    return 0;
}

int32_t tfc_kernel_fail(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool)
{
    (void)args;
    (void)pool;
    results[0].data = tfc_alloc(4); /* a partial result the glue must free */
    tfc_set_error(TFC_ERR_INVALID, "fail: the kernel reports an error");
    return TFC_ERR_INVALID;
}
