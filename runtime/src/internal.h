/* Internal helpers shared by the runtime's source files (not installed). */
#ifndef TFC_INTERNAL_H
#define TFC_INTERNAL_H

#include "tfc_runtime.h"

#include <stdarg.h>

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the tfc runtime assumes a little-endian host (safetensors data is little-endian)"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define TFC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TFC_PRINTF(f, a)
#endif

/* Sets this thread's error message and returns code. */
int tfc__error(int code, const char *fmt, ...) TFC_PRINTF(2, 3);

/* Writes "[2, 3]" into buf (truncated with "..." when it does not fit). */
void tfc__format_shape(char *buf, size_t size, int32_t rank, const int64_t *dims);

/* Checks a shape and computes its element count and byte size. Returns 0 or
   TFC_ERR_INVALID / TFC_ERR_NOMEM with the error set (what names the object). */
int tfc__shape_size(const char *what, tfc_dtype dtype, int32_t rank,
                    const int64_t *dims, int64_t *count, size_t *nbytes);

/* Index of variable name in store, or -1 (sets no error). */
long tfc__store_index(const tfc_store *store, const char *name);

#endif
