/* print.c - tf.Print for compiled code: TensorFlow's text of tensors, written to stderr. */
#include "internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing NUL-terminated string; `failed` sticks once an allocation fails. */
typedef struct text {
    char *data;
    size_t length;
    size_t capacity;
    int failed;
} text;

static void text_append(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->length + n + 1 > t->capacity) {
        size_t capacity = t->capacity ? t->capacity : 64;
        while (capacity < t->length + n + 1) {
            if (capacity > SIZE_MAX / 2) {
                t->failed = 1;
                return;
            }
            capacity *= 2;
        }
        char *grown = realloc(t->data, capacity);
        if (!grown) {
            t->failed = 1;
            return;
        }
        t->data = grown;
        t->capacity = capacity;
    }
    memcpy(t->data + t->length, s, n);
    t->length += n;
    t->data[t->length] = '\0';
}

static void text_puts(text *t, const char *s) { text_append(t, s, strlen(s)); }

static float half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31;
    uint32_t exponent = (h >> 10) & 0x1f;
    uint32_t mantissa = h & 0x3ff;
    uint32_t bits;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13); /* inf or nan */
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else {
        /* zero or subnormal: mantissa * 2^-24, exact in a float */
        float magnitude = ldexpf((float)mantissa, -24);
        return sign ? -magnitude : magnitude;
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static float bf16_to_float(uint16_t h)
{
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

/* Python's format(x, "g") (what the interpreter prints): C's %g, but NaN is "nan" whatever its sign. */
static void float_text(text *t, double x)
{
    char buf[64];
    if (isnan(x)) {
        text_puts(t, "nan");
        return;
    }
    snprintf(buf, sizeof buf, "%g", x);
    text_puts(t, buf);
}

/* Appends the element at `p`; returns 0, or -1 for a dtype it does not know. */
static int scalar_text(text *t, int32_t dtype, const void *p)
{
    char buf[32];
    switch (dtype) {
    case TFC_BOOL: text_puts(t, *(const uint8_t *)p ? "1" : "0"); return 0;
    case TFC_F16: { uint16_t h; memcpy(&h, p, 2); float_text(t, half_to_float(h)); return 0; }
    case TFC_BF16: { uint16_t h; memcpy(&h, p, 2); float_text(t, bf16_to_float(h)); return 0; }
    case TFC_F32: float_text(t, *(const float *)p); return 0;
    case TFC_F64: float_text(t, *(const double *)p); return 0;
    case TFC_I8: snprintf(buf, sizeof buf, "%d", (int)*(const int8_t *)p); break;
    case TFC_I16: snprintf(buf, sizeof buf, "%d", (int)*(const int16_t *)p); break;
    case TFC_I32: snprintf(buf, sizeof buf, "%" PRId32, *(const int32_t *)p); break;
    case TFC_I64: snprintf(buf, sizeof buf, "%" PRId64, *(const int64_t *)p); break;
    case TFC_U8: snprintf(buf, sizeof buf, "%u", (unsigned)*(const uint8_t *)p); break;
    case TFC_U16: snprintf(buf, sizeof buf, "%u", (unsigned)*(const uint16_t *)p); break;
    case TFC_U32: snprintf(buf, sizeof buf, "%" PRIu32, *(const uint32_t *)p); break;
    case TFC_U64: snprintf(buf, sizeof buf, "%" PRIu64, *(const uint64_t *)p); break;
    default: return -1;
    }
    text_puts(t, buf);
    return 0;
}

/*
 * TensorFlow's SummarizeValue of dimension `dim` onward at element `p`: "[1 2 3]", nested
 * "[[1 2][3 4]]", "..." right after the last element shown once `budget` elements are out.
 */
static void nested_text(text *t, const tfc_print_arg *arg, size_t element, int32_t dim,
                        const char *p, int64_t *budget)
{
    int cut = 0;
    text_puts(t, "[");
    for (int64_t i = 0; i < arg->sizes[dim]; i++) {
        if (*budget <= 0) {
            cut = 1;
            break;
        }
        const char *at = p + i * arg->strides[dim] * (int64_t)element;
        if (dim == arg->rank - 1) {
            if (i > 0)
                text_puts(t, " ");
            --*budget;
            scalar_text(t, arg->dtype, at);
        } else {
            nested_text(t, arg, element, dim + 1, at, budget);
        }
    }
    text_puts(t, cut ? "...]" : "]");
}

/* The line into *out (malloc'd); returns 0 or an error code with the error set. */
static int line_text(const char *message, int32_t n, const tfc_print_arg *args, int64_t summarize, char **out)
{
    *out = NULL;
    if (n < 0 || (n > 0 && !args))
        return tfc__error(TFC_ERR_INVALID, "tfc_print: bad tensor list (n = %" PRId32 ")", n);
    text t = {0};
    text_puts(&t, message ? message : "");
    for (int32_t k = 0; k < n; k++) {
        const tfc_print_arg *arg = &args[k];
        size_t element;
        if (tfc_dtype_size((tfc_dtype)arg->dtype, &element) != 0 || arg->rank < 0 ||
            (arg->rank > 0 && (!arg->sizes || !arg->strides))) {
            free(t.data);
            return tfc__error(TFC_ERR_INVALID, "tfc_print: tensor #%" PRId32 " has a bad descriptor (dtype %"
                              PRId32 ", rank %" PRId32 ")", k, arg->dtype, arg->rank);
        }
        if (arg->rank == 0) {
            text_puts(&t, "[");
            scalar_text(&t, arg->dtype, arg->data);
            text_puts(&t, "]");
            continue;
        }
        int64_t budget = summarize < 0 ? INT64_MAX : summarize;
        nested_text(&t, arg, element, 0, arg->data, &budget);
    }
    if (t.failed || !t.data) {
        free(t.data);
        return tfc__error(TFC_ERR_NOMEM, "tfc_print: out of memory formatting the text of \"%s\"",
                          message ? message : "");
    }
    *out = t.data;
    return TFC_OK;
}

char *tfc_print_text(const char *message, int32_t n, const tfc_print_arg *args, int64_t summarize)
{
    char *line;
    line_text(message, n, args, summarize, &line);
    return line;
}

int32_t tfc_print(const char *message, int32_t n, const tfc_print_arg *args, int64_t summarize,
                  int64_t first_n, int64_t *count)
{
    int64_t before = count ? __atomic_fetch_add(count, 1, __ATOMIC_RELAXED) : 0;
    if (first_n >= 0 && before >= first_n)
        return TFC_OK;
    char *line;
    int status = line_text(message, n, args, summarize, &line);
    if (status != TFC_OK)
        return status;
    size_t length = strlen(line);
    line[length] = '\n'; /* one write per line, so lines from several threads do not mix */
    fwrite(line, 1, length + 1, stderr);
    fflush(stderr);
    free(line);
    return TFC_OK;
}
