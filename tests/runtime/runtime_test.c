/*
 * runtime_test.c - assertions over the tfc C runtime (driven by test_runtime.py).
 *
 *   runtime_test unit                          store, dtype and thread-pool checks
 *   runtime_test save <path> [seed]            save the standard store (filled from seed)
 *   runtime_test check <path> [seed]           restore into a fresh store, compare bitwise
 *   runtime_test restore-fail <path> <text>    restore must fail with <text> in the message
 *                                              and leave the store unchanged
 *   runtime_test save-fail <path> <text> [max_file_size]
 *                                              save must fail with <text> in the message
 *   runtime_test fuzz <path> <iterations> <seed>
 *                                              restore mutated copies of <path>: errors are
 *                                              fine, crashes and silent store changes are not
 *
 * Exits 0 when every check passes, 1 (after printing the failed check) otherwise.
 */
#define _POSIX_C_SOURCE 200809L

#include "tfc_runtime.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n", __FILE__,    \
                    __LINE__, #cond, tfc_last_error());                                \
            failures++;                                                                \
        }                                                                              \
    } while (0)

#define CHECK_OK(expr) CHECK((expr) == TFC_OK)

/* rc must equal code and the last error must contain text. */
#define CHECK_ERR(expr, code, text)                                                    \
    do {                                                                               \
        int rc_ = (expr);                                                              \
        if (rc_ != (code) || !strstr(tfc_last_error(), (text))) {                      \
            fprintf(stderr, "%s:%d: expected error %d containing \"%s\" from %s, got %d: %s\n", \
                    __FILE__, __LINE__, (code), (text), #expr, rc_, tfc_last_error()); \
            failures++;                                                                \
        }                                                                              \
    } while (0)

/* ------------------------------------------------------------ the standard store */

typedef struct {
    const char *name;
    tfc_dtype dtype;
    int32_t rank;
    int64_t dims[4];
} var_spec;

static const var_spec SPECS[] = {
    {"dense/kernel", TFC_F32, 2, {3, 4}},
    {"dense/bias", TFC_F64, 1, {4}},
    {"global_step", TFC_I64, 0, {0}},
    {"half", TFC_F16, 2, {2, 3}},
    {"brain", TFC_BF16, 1, {5}},
    {"i8", TFC_I8, 1, {7}},
    {"i16", TFC_I16, 2, {3, 1}},
    {"i32", TFC_I32, 1, {3}},
    {"u8", TFC_U8, 3, {2, 2, 2}},
    {"u16", TFC_U16, 1, {1}},
    {"u32", TFC_U32, 1, {2}},
    {"u64", TFC_U64, 1, {2}},
    {"mask", TFC_BOOL, 1, {5}},
    {"empty", TFC_F32, 2, {0, 3}},
    {"we\"ird\\name\n\xc3\xa9", TFC_I32, 1, {2}},
};
#define NSPECS (sizeof SPECS / sizeof SPECS[0])

/* Deterministic contents: dense/kernel = i * 0.5 + seed, bool = 0/1, else bytes. */
static void fill(const var_spec *s, size_t v, unsigned seed, const tfc_tensor *t)
{
    size_t nbytes;
    tfc_tensor_size(t, NULL, &nbytes);
    unsigned char *b = t->data;
    if (strcmp(s->name, "dense/kernel") == 0) {
        float *f = t->data;
        for (size_t i = 0; i < nbytes / 4; i++)
            f[i] = (float)i * 0.5f + (float)seed;
        return;
    }
    for (size_t k = 0; k < nbytes; k++)
        b[k] = s->dtype == TFC_BOOL ? (unsigned char)((k + seed) & 1)
                                    : (unsigned char)((k * 7 + v * 13 + seed) & 0xff);
}

static tfc_store *standard_store(unsigned seed)
{
    tfc_store *st = NULL;
    if (tfc_store_create(&st) != TFC_OK) {
        fprintf(stderr, "store create failed: %s\n", tfc_last_error());
        exit(1);
    }
    for (size_t v = 0; v < NSPECS; v++) {
        tfc_tensor t;
        if (tfc_store_add(st, SPECS[v].name, SPECS[v].dtype, SPECS[v].rank, SPECS[v].dims,
                          &t) != TFC_OK) {
            fprintf(stderr, "store add failed: %s\n", tfc_last_error());
            exit(1);
        }
        fill(&SPECS[v], v, seed, &t);
    }
    return st;
}

/* A malloc'd copy of all the store's bytes (for "unchanged" checks). */
static unsigned char *snapshot(const tfc_store *st, size_t *len)
{
    size_t count, total = 0;
    tfc_store_count(st, &count);
    for (size_t i = 0; i < count; i++) {
        tfc_tensor t;
        size_t n;
        tfc_store_at(st, i, NULL, &t);
        tfc_tensor_size(&t, NULL, &n);
        total += n;
    }
    unsigned char *buf = malloc(total + 1), *p = buf;
    for (size_t i = 0; i < count; i++) {
        tfc_tensor t;
        size_t n;
        tfc_store_at(st, i, NULL, &t);
        tfc_tensor_size(&t, NULL, &n);
        memcpy(p, t.data, n);
        p += n;
    }
    *len = total;
    return buf;
}

/* ------------------------------------------------------------ unit: dtypes and store */

static void test_dtypes(void)
{
    size_t size;
    const char *name;
    tfc_dtype dt;
    static const struct { tfc_dtype dt; size_t size; const char *name; } want[] = {
        {TFC_F16, 2, "F16"}, {TFC_BF16, 2, "BF16"}, {TFC_F32, 4, "F32"}, {TFC_F64, 8, "F64"},
        {TFC_I8, 1, "I8"},   {TFC_I16, 2, "I16"},   {TFC_I32, 4, "I32"}, {TFC_I64, 8, "I64"},
        {TFC_U8, 1, "U8"},   {TFC_U16, 2, "U16"},   {TFC_U32, 4, "U32"}, {TFC_U64, 8, "U64"},
        {TFC_BOOL, 1, "BOOL"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        CHECK_OK(tfc_dtype_size(want[i].dt, &size));
        CHECK(size == want[i].size);
        CHECK_OK(tfc_dtype_name(want[i].dt, &name));
        CHECK(strcmp(name, want[i].name) == 0);
        CHECK_OK(tfc_dtype_from_name(want[i].name, &dt));
        CHECK(dt == want[i].dt);
    }
    CHECK_ERR(tfc_dtype_size((tfc_dtype)99, &size), TFC_ERR_INVALID, "unknown dtype 99");
    CHECK_ERR(tfc_dtype_from_name("F8", &dt), TFC_ERR_INVALID, "\"F8\"");
}

static void test_store(void)
{
    tfc_store *st;
    tfc_tensor view, t;
    CHECK_OK(tfc_store_create(&st));

    int64_t dims[2] = {2, 3};
    CHECK_OK(tfc_store_add(st, "w", TFC_F32, 2, dims, &view));
    CHECK(view.dtype == TFC_F32 && view.rank == 2 && view.dims[0] == 2 && view.dims[1] == 3);
    CHECK(((uintptr_t)view.data % 64) == 0);
    for (int i = 0; i < 6; i++)
        CHECK(((float *)view.data)[i] == 0.0f);

    /* duplicates, bad names, bad shapes */
    CHECK_ERR(tfc_store_add(st, "w", TFC_F32, 2, dims, NULL), TFC_ERR_EXISTS,
              "\"w\" already exists");
    CHECK_ERR(tfc_store_add(st, "", TFC_F32, 2, dims, NULL), TFC_ERR_INVALID, "name");
    CHECK_ERR(tfc_store_add(st, "__metadata__", TFC_F32, 2, dims, NULL), TFC_ERR_INVALID,
              "reserved");
    int64_t neg[2] = {2, -1};
    CHECK_ERR(tfc_store_add(st, "neg", TFC_F32, 2, neg, NULL), TFC_ERR_INVALID,
              "variable \"neg\": negative dimension in shape [2, -1]");
    int64_t huge[3] = {INT64_MAX, INT64_MAX, 4};
    CHECK_ERR(tfc_store_add(st, "huge", TFC_F32, 3, huge, NULL), TFC_ERR_NOMEM, "too large");
    CHECK_ERR(tfc_store_add(st, "bad", (tfc_dtype)0, 0, NULL, NULL), TFC_ERR_INVALID,
              "unknown dtype");
    CHECK_ERR(tfc_store_add(st, "r", TFC_F32, TFC_MAX_RANK + 1, dims, NULL), TFC_ERR_INVALID,
              "rank");
    size_t count;
    CHECK_OK(tfc_store_count(st, &count));
    CHECK(count == 1); /* failed adds added nothing */

    /* scalar and empty variables */
    CHECK_OK(tfc_store_add(st, "s", TFC_I64, 0, NULL, &view));
    CHECK(view.rank == 0 && view.data != NULL && *(int64_t *)view.data == 0);
    int64_t zero[2] = {0, 5};
    CHECK_OK(tfc_store_add(st, "z", TFC_F32, 2, zero, &view));
    CHECK(view.data != NULL);

    /* set / get */
    float src[6] = {1, 2, 3, 4, 5, 6}, dst[6] = {0};
    t = (tfc_tensor){TFC_F32, 2, dims, src};
    CHECK_OK(tfc_store_set(st, "w", &t));
    t.data = dst;
    CHECK_OK(tfc_store_get(st, "w", &t));
    CHECK(memcmp(src, dst, sizeof src) == 0);
    CHECK_OK(tfc_store_find(st, "w", &view));
    CHECK(((float *)view.data)[5] == 6.0f);

    int64_t wrong[2] = {3, 2};
    t = (tfc_tensor){TFC_F32, 2, wrong, src};
    CHECK_ERR(tfc_store_set(st, "w", &t), TFC_ERR_MISMATCH,
              "set variable \"w\": shape mismatch: expected [2, 3], got [3, 2]");
    CHECK_ERR(tfc_store_get(st, "w", &t), TFC_ERR_MISMATCH,
              "get variable \"w\": shape mismatch: expected [2, 3], got [3, 2]");
    int64_t one[1] = {6};
    t = (tfc_tensor){TFC_F32, 1, one, src};
    CHECK_ERR(tfc_store_set(st, "w", &t), TFC_ERR_MISMATCH, "expected [2, 3], got [6]");
    t = (tfc_tensor){TFC_I32, 2, dims, src};
    CHECK_ERR(tfc_store_set(st, "w", &t), TFC_ERR_MISMATCH,
              "dtype mismatch: expected F32, got I32");
    t = (tfc_tensor){TFC_F32, 2, dims, src};
    CHECK_ERR(tfc_store_set(st, "nope", &t), TFC_ERR_NOT_FOUND, "no variable named \"nope\"");
    CHECK_ERR(tfc_store_find(st, "nope", &view), TFC_ERR_NOT_FOUND, "\"nope\"");
    /* the failed sets changed nothing */
    CHECK_OK(tfc_store_get(st, "w", &(tfc_tensor){TFC_F32, 2, dims, dst}));
    CHECK(memcmp(src, dst, sizeof src) == 0);

    /* iteration in insertion order */
    const char *name;
    CHECK_OK(tfc_store_count(st, &count));
    CHECK(count == 3);
    CHECK_OK(tfc_store_at(st, 0, &name, &view));
    CHECK(strcmp(name, "w") == 0);
    CHECK_OK(tfc_store_at(st, 2, &name, NULL));
    CHECK(strcmp(name, "z") == 0);
    CHECK_ERR(tfc_store_at(st, 3, &name, NULL), TFC_ERR_NOT_FOUND, "out of range");
    CHECK_OK(tfc_store_destroy(st));
    CHECK_OK(tfc_store_destroy(NULL));

    /* many variables: hash growth keeps lookups right */
    CHECK_OK(tfc_store_create(&st));
    for (int i = 0; i < 2000; i++) {
        char nm[32];
        int64_t d[1] = {i % 5};
        snprintf(nm, sizeof nm, "v%d", i);
        CHECK_OK(tfc_store_add(st, nm, TFC_I32, 1, d, NULL));
    }
    for (int i = 0; i < 2000; i++) {
        char nm[32];
        snprintf(nm, sizeof nm, "v%d", i);
        CHECK_OK(tfc_store_find(st, nm, &view));
        CHECK(view.dims[0] == i % 5);
    }
    tfc_store_destroy(st);
}

/* ------------------------------------------------------------ unit: thread pool */

typedef struct {
    int64_t base;
    atomic_int *hits;
    atomic_int calls;
    int64_t grain;
    atomic_int bad_chunk;
} cover_ctx;

static void cover_fn(void *p, int64_t b, int64_t e)
{
    cover_ctx *c = p;
    atomic_fetch_add(&c->calls, 1);
    if (e <= b || (c->grain > 0 && e - b > c->grain))
        atomic_store(&c->bad_chunk, 1);
    for (int64_t i = b; i < e; i++)
        atomic_fetch_add(&c->hits[i - c->base], 1);
}

static void check_cover(tfc_pool *pool, int64_t begin, int64_t end, int64_t grain)
{
    int64_t n = end > begin ? end - begin : 0;
    cover_ctx c = {.base = begin, .grain = grain};
    c.hits = calloc((size_t)n + 1, sizeof *c.hits);
    atomic_init(&c.calls, 0);
    atomic_init(&c.bad_chunk, 0);
    CHECK_OK(tfc_parallel_for(pool, begin, end, grain, cover_fn, &c));
    int ok = 1;
    for (int64_t i = 0; i < n; i++)
        ok &= atomic_load(&c.hits[i]) == 1;
    if (!ok || atomic_load(&c.bad_chunk) || (n == 0 && atomic_load(&c.calls) != 0)) {
        fprintf(stderr, "parallel_for coverage wrong: [%lld, %lld) grain %lld\n",
                (long long)begin, (long long)end, (long long)grain);
        failures++;
    }
    if (grain > 0 && n > 0)
        CHECK(atomic_load(&c.calls) == (n + grain - 1) / grain);
    free(c.hits);
}

typedef struct {
    atomic_int inside;
    atomic_int max_inside;
    int want;
} conc_ctx;

/* Each chunk waits (up to 10 s) until `want` chunks are running at once. */
static void conc_fn(void *p, int64_t b, int64_t e)
{
    (void)b, (void)e;
    conc_ctx *c = p;
    int now = atomic_fetch_add(&c->inside, 1) + 1;
    int m = atomic_load(&c->max_inside);
    while (now > m && !atomic_compare_exchange_weak(&c->max_inside, &m, now))
        ;
    struct timespec start, t;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (atomic_load(&c->max_inside) >= c->want)
            break;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_sec - start.tv_sec > 10)
            break;
        sched_yield();
    }
}

typedef struct {
    tfc_pool *pool;
    atomic_int total;
} nest_ctx;

static void nest_inner(void *p, int64_t b, int64_t e)
{
    atomic_fetch_add(&((nest_ctx *)p)->total, (int)(e - b));
}

static void nest_outer(void *p, int64_t b, int64_t e)
{
    nest_ctx *c = p;
    for (int64_t i = b; i < e; i++)
        tfc_parallel_for(c->pool, 0, 10, 3, nest_inner, c);
}

static void *submit_thread(void *p)
{
    tfc_pool *pool = p;
    for (int r = 0; r < 50; r++)
        check_cover(pool, 0, 1000, 7);
    return NULL;
}

static void test_pool(void)
{
    static const int threads[] = {1, 2, 3, 4, 8};
    static const int64_t ranges[][2] = {{0, 0},     {5, 5},        {10, 3},  {0, 1},
                                        {0, 7},     {-50, 50},     {3, 1000}, {0, 100003},
                                        {INT64_MAX - 20, INT64_MAX}, {INT64_MIN, INT64_MIN + 33}};
    static const int64_t grains[] = {0, -3, 1, 2, 7, 64, 1000000};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        tfc_pool *pool;
        int size;
        CHECK_OK(tfc_pool_create(threads[t], &pool));
        CHECK_OK(tfc_pool_size(pool, &size));
        CHECK(size == threads[t]);
        for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
            for (size_t g = 0; g < sizeof grains / sizeof grains[0]; g++)
                check_cover(pool, ranges[r][0], ranges[r][1], grains[g]);
        for (int rep = 0; rep < 200; rep++) /* many small jobs: wake-up races */
            check_cover(pool, 0, 17, 1);
        CHECK_OK(tfc_pool_destroy(pool));
    }
    check_cover(NULL, 0, 100, 3); /* no pool: serial */

    /* Chunks really run at the same time: 4 chunks on 4 threads all meet. */
    tfc_pool *pool;
    CHECK_OK(tfc_pool_create(4, &pool));
    conc_ctx c = {.want = 4};
    atomic_init(&c.inside, 0);
    atomic_init(&c.max_inside, 0);
    CHECK_OK(tfc_parallel_for(pool, 0, 4, 1, conc_fn, &c));
    CHECK(atomic_load(&c.max_inside) == 4);

    /* Nested calls run inline; concurrent submitters are serialized. */
    nest_ctx n = {.pool = pool};
    atomic_init(&n.total, 0);
    CHECK_OK(tfc_parallel_for(pool, 0, 20, 1, nest_outer, &n));
    CHECK(atomic_load(&n.total) == 200);
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&th[i], NULL, submit_thread, pool);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    CHECK_ERR(tfc_parallel_for(pool, 0, 1, 1, NULL, NULL), TFC_ERR_INVALID, "fn is NULL");
    CHECK_OK(tfc_pool_destroy(pool));

    CHECK_OK(tfc_pool_create(0, &pool)); /* 0 = online CPUs */
    int size;
    CHECK_OK(tfc_pool_size(pool, &size));
    CHECK(size >= 1);
    check_cover(pool, 0, 12345, 0);
    CHECK_OK(tfc_pool_destroy(pool));
    CHECK_ERR(tfc_pool_create(-1, &pool), TFC_ERR_INVALID, "-1 threads");
}

/* ------------------------------------------------------------ memory for compiled code */

static void test_memory(void)
{
    CHECK(sizeof(tfc_buffer) == 72);
    static const int64_t sizes[] = {0, 1, 3, 64, 65, 4096, 1 << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = tfc_alloc(sizes[i]);
        CHECK(p != NULL);
        CHECK(((uintptr_t)p & 63) == 0);
        if (p && sizes[i] > 0) {
            memset(p, 0xAB, (size_t)sizes[i]); /* the whole buffer is usable (ASan checks) */
            CHECK(p[sizes[i] - 1] == 0xAB);
        }
        tfc_free(p);
    }
    tfc_free(NULL);

    CHECK(tfc_alloc(-1) == NULL);
    CHECK(strstr(tfc_last_error(), "size overflow") != NULL);
    /* far beyond any address space: fails cleanly instead of crashing */
    CHECK(tfc_alloc(INT64_MAX) == NULL);
    CHECK(strstr(tfc_last_error(), "out of memory") != NULL);

    tfc_set_error(TFC_ERR_NOMEM, "compiled: allocating memref<?xf32> failed");
    CHECK(strcmp(tfc_last_error(), "compiled: allocating memref<?xf32> failed") == 0);
    tfc_set_error(TFC_ERR_INVALID, tfc_last_error()); /* forwarding its own message keeps it */
    CHECK(strcmp(tfc_last_error(), "compiled: allocating memref<?xf32> failed") == 0);
    tfc_set_error(TFC_ERR_INVALID, NULL);
    CHECK(strcmp(tfc_last_error(), "") == 0);
    char longer[2000];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    tfc_set_error(TFC_ERR_INVALID, longer); /* truncated, still terminated */
    CHECK(strlen(tfc_last_error()) > 0 && strlen(tfc_last_error()) < sizeof longer);
}

/* ------------------------------------------------------------ checkpoint modes */

static int mode_save(const char *path, unsigned seed)
{
    tfc_store *st = standard_store(seed);
    CHECK_OK(tfc_checkpoint_save(st, path));
    tfc_store_destroy(st);
    return failures != 0;
}

static int mode_check(const char *path, unsigned seed)
{
    tfc_store *want = standard_store(seed);
    tfc_store *got = standard_store(seed + 1000); /* different contents */
    CHECK_OK(tfc_checkpoint_restore(got, path));
    size_t n1, n2;
    unsigned char *a = snapshot(want, &n1), *b = snapshot(got, &n2);
    CHECK(n1 == n2 && memcmp(a, b, n1) == 0);
    free(a), free(b);
    tfc_store_destroy(want);
    tfc_store_destroy(got);
    return failures != 0;
}

static int mode_restore_fail(const char *path, const char *text)
{
    tfc_store *st = standard_store(77);
    size_t n1, n2;
    unsigned char *before = snapshot(st, &n1);
    int rc = tfc_checkpoint_restore(st, path);
    CHECK(rc != TFC_OK);
    printf("%s\n", tfc_last_error());
    if (!strstr(tfc_last_error(), text)) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", tfc_last_error(), text);
        failures++;
    }
    unsigned char *after = snapshot(st, &n2);
    CHECK(n1 == n2 && memcmp(before, after, n1) == 0);
    free(before), free(after);
    tfc_store_destroy(st);
    return failures != 0;
}

static int mode_save_fail(const char *path, const char *text, long long max_size)
{
    tfc_store *st = standard_store(5);
    if (max_size > 0) {
        signal(SIGXFSZ, SIG_IGN); /* writes past the limit fail with EFBIG instead */
        struct rlimit rl = {(rlim_t)max_size, (rlim_t)max_size};
        CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0);
    }
    int rc = tfc_checkpoint_save(st, path);
    CHECK(rc != TFC_OK);
    printf("%s\n", tfc_last_error());
    if (!strstr(tfc_last_error(), text)) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", tfc_last_error(), text);
        failures++;
    }
    tfc_store_destroy(st);
    return failures != 0;
}

static int mode_fuzz(const char *path, long iters, unsigned seed)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *orig = malloc((size_t)size), *buf = malloc((size_t)size + 64);
    if (fread(orig, 1, (size_t)size, f) != (size_t)size) {
        perror("fread");
        return 1;
    }
    fclose(f);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.fuzz", path);
    srand(seed);
    int ok_count = 0, err_count = 0;
    for (long it = 0; it < iters; it++) {
        size_t len = (size_t)size;
        memcpy(buf, orig, len);
        int kind = rand() % 5;
        int edits = 1 + rand() % 4;
        for (int k = 0; k < edits; k++) {
            size_t hdr_end = 8 + (size_t)(orig[0] | (orig[1] << 8));
            size_t at = (size_t)rand() % (kind == 1 && hdr_end < len ? hdr_end : len);
            switch (kind) {
            case 0: buf[at] = (unsigned char)rand(); break;           /* random byte */
            case 1: buf[at] ^= (unsigned char)(1u << (rand() % 8)); break; /* bit flip */
            case 2: len = (size_t)rand() % (len + 1); break;            /* truncate */
            case 3: buf[rand() % 8] = (unsigned char)rand(); break;     /* header length */
            case 4: {                                                   /* JSON punctuation */
                static const char punct[] = "{}[]\",:\\0123456789-eE.u \x01\xff";
                buf[at] = (unsigned char)punct[rand() % (int)(sizeof punct - 1)];
                break;
            }
            }
            if (len == 0)
                break;
        }
        FILE *o = fopen(tmp, "wb");
        if (!o || fwrite(buf, 1, len, o) != len || fclose(o)) {
            perror(tmp);
            return 1;
        }
        tfc_store *st = standard_store(9);
        size_t n1, n2;
        unsigned char *before = snapshot(st, &n1);
        int rc = tfc_checkpoint_restore(st, tmp);
        if (rc == TFC_OK) {
            ok_count++;
        } else {
            err_count++;
            CHECK(tfc_last_error()[0] != '\0');
            unsigned char *after = snapshot(st, &n2);
            CHECK(n1 == n2 && memcmp(before, after, n1) == 0);
            free(after);
        }
        free(before);
        tfc_store_destroy(st);
    }
    unlink(tmp);
    printf("fuzz: %d restored, %d rejected\n", ok_count, err_count);
    free(orig), free(buf);
    return failures != 0;
}

/* ------------------------------------------------------------ print */

/* tfc_print_text of one tensor must equal want (the interpreter's tf.Print text). */
static void check_print(const char *want, const char *message, tfc_print_arg arg, int64_t summarize)
{
    char *got = tfc_print_text(message, 1, &arg, summarize);
    if (!got || strcmp(got, want) != 0) {
        fprintf(stderr, "%s:%d: tfc_print_text: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__, want,
                got ? got : "(null)");
        failures++;
    }
    free(got);
}

static void test_print(void)
{
    CHECK(sizeof(tfc_print_arg) == 32);
    int64_t m[12];
    for (int i = 0; i < 12; i++)
        m[i] = i;
    const int64_t dims34[] = {3, 4}, strides34[] = {4, 1};
    tfc_print_arg grid = {TFC_I64, 2, dims34, strides34, m};
    check_print("m=[[0 1 2 3][4...]...]", "m=", grid, 5);
    check_print("[[0 1 2 3][4 5 6 7][8 9 10 11]]", NULL, grid, -1);
    check_print("[[0 1 2 3][4 5 6 7][8 9 10 11]]", "", grid, 12);
    check_print("[...]", "", grid, 0);
    /* a strided view: the transpose, column by column */
    const int64_t dims43[] = {4, 3}, strides43[] = {1, 4};
    tfc_print_arg transposed = {TFC_I64, 2, dims43, strides43, m};
    check_print("[[0 4 8][1 5 9][2...]...]", "", transposed, 7);
    /* rows end exactly where the budget does: no "..." inside, one after */
    const int64_t dims23[] = {2, 3}, strides23[] = {3, 1};
    tfc_print_arg two_rows = {TFC_I64, 2, dims23, strides23, m};
    check_print("[[0 1 2]...]", "", two_rows, 3);
    check_print("[[0 1 2][3...]]", "", two_rows, 4);
    check_print("[[0 1 2][3 4 5]]", "", two_rows, 6);

    float f[] = {2.5f, -0.0f, 1e-5f, 123456789.0f, 0.0f, 0.0f, 0.1f};
    f[4] = strtof("inf", NULL);
    f[5] = strtof("-inf", NULL);
    const int64_t dims7[] = {7}, unit[] = {1};
    tfc_print_arg floats = {TFC_F32, 1, dims7, unit, f};
    check_print("[2.5 -0 1e-05 1.23457e+08 inf -inf 0.1]", "", floats, -1);
    double nan = strtod("-nan", NULL); /* negative: C's %g would say "-nan" */
    tfc_print_arg scalar = {TFC_F64, 0, NULL, NULL, &nan};
    check_print("[nan]", "", scalar, 3);
    uint16_t half[] = {0x3c00, 0xc000, 0x0001, 0x7c00, 0x3555}; /* 1 -2 2^-24 inf 0.333252 */
    const int64_t dims5[] = {5};
    tfc_print_arg halves = {TFC_F16, 1, dims5, unit, half};
    check_print("[1 -2 5.96046e-08 inf 0.333252]", "", halves, -1);
    uint8_t flags[] = {1, 0, 1};
    const int64_t dims3[] = {3};
    tfc_print_arg bools = {TFC_BOOL, 1, dims3, unit, flags};
    check_print("[1 0...]", "", bools, 2);
    int8_t small[] = {-128, 127, -1};
    tfc_print_arg int8s = {TFC_I8, 1, dims3, unit, small};
    check_print("[-128 127 -1]", "", int8s, 3);
    uint64_t big[] = {UINT64_MAX, 0, 7};
    tfc_print_arg uint64s = {TFC_U64, 1, dims3, unit, big};
    check_print("[18446744073709551615 0 7]", "", uint64s, 3);
    const int64_t empty_dims[] = {2, 0}, empty_strides[] = {0, 1};
    tfc_print_arg empty = {TFC_F32, 2, empty_dims, empty_strides, f};
    check_print("[[][]]", "", empty, 3);

    /* several tensors after the message; a scalar in brackets */
    int32_t seven = 7;
    tfc_print_arg pair[] = {{TFC_I32, 0, NULL, NULL, &seven}, floats};
    char *line = tfc_print_text("x is ", 2, pair, 2);
    CHECK(line && strcmp(line, "x is [7][2.5 -0...]") == 0);
    free(line);

    tfc_print_arg bad = {99, 1, dims3, unit, flags};
    CHECK(tfc_print_text("", 1, &bad, 3) == NULL);
    CHECK(strstr(tfc_last_error(), "bad descriptor") != NULL);
    CHECK_ERR(tfc_print("", 1, &bad, 3, -1, NULL), TFC_ERR_INVALID, "bad descriptor");
    CHECK_ERR(tfc_print("", -1, NULL, 3, -1, NULL), TFC_ERR_INVALID, "bad tensor list");

    /* first_n: counted on every call, printed (here nothing, n = 0 writes just "\n") while below it */
    int64_t count = 0;
    CHECK_OK(tfc_print("", 1, &bad, 3, 0, &count)); /* past first_n: not even formatted */
    CHECK(count == 1);
    CHECK_OK(tfc_print("", 1, &bad, 3, 1, &count));
    CHECK(count == 2);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s unit|save|check|restore-fail|save-fail|fuzz ...\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    if (strcmp(mode, "unit") == 0) {
        test_dtypes();
        test_store();
        test_pool();
        test_memory();
        test_print();
        if (!failures)
            printf("unit: ok\n");
        return failures != 0;
    }
    if (strcmp(mode, "save") == 0 && argc >= 3)
        return mode_save(argv[2], argc > 3 ? (unsigned)atoi(argv[3]) : 1);
    if (strcmp(mode, "check") == 0 && argc >= 3)
        return mode_check(argv[2], argc > 3 ? (unsigned)atoi(argv[3]) : 1);
    if (strcmp(mode, "restore-fail") == 0 && argc == 4)
        return mode_restore_fail(argv[2], argv[3]);
    if (strcmp(mode, "save-fail") == 0 && argc >= 4)
        return mode_save_fail(argv[2], argv[3], argc > 4 ? atoll(argv[4]) : 0);
    if (strcmp(mode, "fuzz") == 0 && argc == 5)
        return mode_fuzz(argv[2], atol(argv[3]), (unsigned)atoi(argv[4]));
    fprintf(stderr, "bad arguments\n");
    return 2;
}
