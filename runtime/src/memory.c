/* memory.c - buffers for compiled code (tfc_alloc/tfc_free) and its error reporting. */
#define _POSIX_C_SOURCE 200809L

#include "internal.h"

#include <pthread.h>
#include <stdlib.h>

/* Cache-line and AVX-512 alignment: vector loads of a buffer's start never split lines. */
#define TFC_ALIGNMENT 64
/* No machine has 2^56 bytes (64 PiB): larger requests fail here, the same way everywhere
   (and before a sanitizer's allocator would abort on them). */
#define TFC_MAX_ALLOC ((int64_t)1 << 56)

/*
 * Large buffers are kept when freed and handed out again. The C library maps a large block
 * fresh for every request and unmaps it on free, so each use pays a page fault per 4 KiB on
 * first touch: for a 64 MiB result that costs more than computing it. Freed blocks of at
 * least CACHE_MIN bytes wait in a small cache (CACHE_SLOTS blocks, CACHE_MAX bytes in all);
 * a request takes a cached block at least as big and at most twice as big.
 *
 * Every block starts with a header (one alignment unit) that records its usable size.
 */
#define CACHE_MIN ((size_t)1 << 20)
#define CACHE_SLOTS 16
#define CACHE_MAX ((size_t)1 << 30)

typedef struct block_header {
    size_t size;
} block_header;

static struct {
    pthread_mutex_t lock;
    void *blocks[CACHE_SLOTS]; /* the raw blocks (header first), NULL when empty */
    size_t sizes[CACHE_SLOTS];
    size_t total;
} cache = {PTHREAD_MUTEX_INITIALIZER, {0}, {0}, 0};

static void *cache_take(size_t size)
{
    void *found = NULL;
    pthread_mutex_lock(&cache.lock);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (cache.blocks[i] && cache.sizes[i] >= size && cache.sizes[i] / 2 <= size) {
            found = cache.blocks[i];
            cache.total -= cache.sizes[i];
            cache.blocks[i] = NULL;
            break;
        }
    }
    pthread_mutex_unlock(&cache.lock);
    return found;
}

/* Keeps `raw` (size bytes usable) for reuse; returns 0 when the cache has no room. */
static int cache_put(void *raw, size_t size)
{
    int kept = 0;
    pthread_mutex_lock(&cache.lock);
    if (cache.total + size <= CACHE_MAX) {
        for (int i = 0; i < CACHE_SLOTS && !kept; i++) {
            if (!cache.blocks[i]) {
                cache.blocks[i] = raw;
                cache.sizes[i] = size;
                cache.total += size;
                kept = 1;
            }
        }
    }
    pthread_mutex_unlock(&cache.lock);
    return kept;
}

void *tfc_alloc(int64_t nbytes)
{
    if (nbytes < 0) {
        tfc__error(TFC_ERR_NOMEM, "tfc_alloc: invalid size %lld bytes (size overflow)",
                   (long long)nbytes);
        return NULL;
    }
    /* a result with zero elements needs a real pointer */
    size_t size = nbytes == 0 ? TFC_ALIGNMENT : (size_t)nbytes;
    void *raw = size >= CACHE_MIN ? cache_take(size) : NULL;
    if (raw)
        return (char *)raw + TFC_ALIGNMENT;
    if (nbytes > TFC_MAX_ALLOC || posix_memalign(&raw, TFC_ALIGNMENT, size + TFC_ALIGNMENT) != 0) {
        tfc__error(TFC_ERR_NOMEM, "tfc_alloc: out of memory allocating %lld bytes",
                   (long long)nbytes);
        return NULL;
    }
    ((block_header *)raw)->size = size;
    return (char *)raw + TFC_ALIGNMENT;
}

void tfc_free(void *p)
{
    if (!p)
        return;
    void *raw = (char *)p - TFC_ALIGNMENT;
    size_t size = ((block_header *)raw)->size;
    if (size >= CACHE_MIN && cache_put(raw, size))
        return;
    free(raw);
}

void tfc_set_error(int32_t code, const char *message)
{
    const char *text = message ? message : "";
    /* Compiled code forwards the message of a failed callee, which may be this very buffer. */
    if (text == tfc_last_error())
        return;
    tfc__error(code, "%s", text);
}
