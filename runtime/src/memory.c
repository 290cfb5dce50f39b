/* memory.c - buffers for compiled code (tfc_alloc/tfc_free) and its error reporting. */
#define _POSIX_C_SOURCE 200809L

#include "internal.h"

#include <stdlib.h>

/* Cache-line and AVX-512 alignment: vector loads of a buffer's start never split lines. */
#define TFC_ALIGNMENT 64
/* No machine has 2^56 bytes (64 PiB): larger requests fail here, the same way everywhere
   (and before a sanitizer's allocator would abort on them). */
#define TFC_MAX_ALLOC ((int64_t)1 << 56)

void *tfc_alloc(int64_t nbytes)
{
    if (nbytes < 0) {
        tfc__error(TFC_ERR_NOMEM, "tfc_alloc: invalid size %lld bytes (size overflow)",
                   (long long)nbytes);
        return NULL;
    }
    /* posix_memalign(0) may return NULL; a result with zero elements needs a real pointer */
    size_t size = nbytes == 0 ? TFC_ALIGNMENT : (size_t)nbytes;
    void *p = NULL;
    if (nbytes > TFC_MAX_ALLOC || posix_memalign(&p, TFC_ALIGNMENT, size) != 0) {
        tfc__error(TFC_ERR_NOMEM, "tfc_alloc: out of memory allocating %lld bytes",
                   (long long)nbytes);
        return NULL;
    }
    return p;
}

void tfc_free(void *p) { free(p); }

void tfc_set_error(int32_t code, const char *message)
{
    const char *text = message ? message : "";
    /* Compiled code forwards the message of a failed callee, which may be this very buffer. */
    if (text == tfc_last_error())
        return;
    tfc__error(code, "%s", text);
}
