/* store.c - the variable store: named, typed, fixed-shape tensors. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TFC_ALIGN 64
#define TFC_MAX_NAME 1023

typedef struct tfc_var {
    char *name;
    tfc_dtype dtype;
    int32_t rank;
    int64_t dims[TFC_MAX_RANK];
    size_t nbytes;
    void *data; /* 64-byte aligned, never NULL */
} tfc_var;

struct tfc_store {
    tfc_var **vars; /* insertion order; each var allocated separately */
    size_t count, capacity;
    long *slots;    /* open-addressing hash: index into vars or -1 */
    size_t nslots;  /* power of two, > 2 * count */
};

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* Slot holding name, or the empty slot where it would go. */
static size_t find_slot(const tfc_store *st, const char *name)
{
    size_t mask = st->nslots - 1;
    size_t i = (size_t)hash_name(name) & mask;
    while (st->slots[i] >= 0 && strcmp(st->vars[st->slots[i]]->name, name) != 0)
        i = (i + 1) & mask;
    return i;
}

static int rehash(tfc_store *st, size_t nslots)
{
    long *slots = malloc(nslots * sizeof *slots);
    if (!slots)
        return tfc__error(TFC_ERR_NOMEM, "variable store: out of memory");
    for (size_t i = 0; i < nslots; i++)
        slots[i] = -1;
    free(st->slots);
    st->slots = slots;
    st->nslots = nslots;
    for (size_t v = 0; v < st->count; v++)
        st->slots[find_slot(st, st->vars[v]->name)] = (long)v;
    return TFC_OK;
}

long tfc__store_index(const tfc_store *st, const char *name)
{
    if (!st || !name || st->nslots == 0)
        return -1;
    return st->slots[find_slot(st, name)];
}

static void fill_view(const tfc_var *v, tfc_tensor *view)
{
    view->dtype = v->dtype;
    view->rank = v->rank;
    view->dims = v->rank ? v->dims : NULL;
    view->data = v->data;
}

int tfc_store_create(tfc_store **out)
{
    if (!out)
        return tfc__error(TFC_ERR_INVALID, "tfc_store_create: out is NULL");
    tfc_store *st = calloc(1, sizeof *st);
    if (!st)
        return tfc__error(TFC_ERR_NOMEM, "variable store: out of memory");
    if (rehash(st, 16) != TFC_OK) {
        free(st);
        return TFC_ERR_NOMEM;
    }
    *out = st;
    return TFC_OK;
}

int tfc_store_destroy(tfc_store *st)
{
    if (!st)
        return TFC_OK;
    for (size_t i = 0; i < st->count; i++) {
        free(st->vars[i]->name);
        free(st->vars[i]->data);
        free(st->vars[i]);
    }
    free(st->vars);
    free(st->slots);
    free(st);
    return TFC_OK;
}

int tfc_store_add(tfc_store *st, const char *name, tfc_dtype dtype, int32_t rank,
                  const int64_t *dims, tfc_tensor *view)
{
    if (!st || !name)
        return tfc__error(TFC_ERR_INVALID, "tfc_store_add: NULL store or name");
    size_t len = strlen(name);
    if (len == 0 || len > TFC_MAX_NAME)
        return tfc__error(TFC_ERR_INVALID,
                          "variable name must be 1..%d bytes (got %zu)", TFC_MAX_NAME, len);
    if (strcmp(name, "__metadata__") == 0)
        return tfc__error(TFC_ERR_INVALID,
                          "variable name \"__metadata__\" is reserved by safetensors");
    char what[64 + 16];
    snprintf(what, sizeof what, "variable \"%.64s\"", name);
    size_t nbytes;
    int rc = tfc__shape_size(what, dtype, rank, dims, NULL, &nbytes);
    if (rc)
        return rc;
    if (tfc__store_index(st, name) >= 0)
        return tfc__error(TFC_ERR_EXISTS, "variable \"%s\" already exists", name);

    /* Grow the tables first so that nothing can fail after the var exists. */
    if (st->count == st->capacity) {
        size_t cap = st->capacity ? 2 * st->capacity : 16;
        tfc_var **vars = realloc(st->vars, cap * sizeof *vars);
        if (!vars)
            return tfc__error(TFC_ERR_NOMEM, "variable store: out of memory");
        st->vars = vars;
        st->capacity = cap;
    }
    if (2 * (st->count + 1) >= st->nslots && rehash(st, 2 * st->nslots) != TFC_OK)
        return TFC_ERR_NOMEM;

    size_t alloc = nbytes ? nbytes : 1;
    if (alloc > SIZE_MAX - (TFC_ALIGN - 1))
        return tfc__error(TFC_ERR_NOMEM, "variable \"%s\": too large", name);
    alloc = (alloc + TFC_ALIGN - 1) / TFC_ALIGN * TFC_ALIGN;
    tfc_var *v = calloc(1, sizeof *v);
    char *copy = malloc(len + 1);
    void *data = aligned_alloc(TFC_ALIGN, alloc);
    if (!v || !copy || !data) {
        free(v), free(copy), free(data);
        return tfc__error(TFC_ERR_NOMEM,
                          "variable \"%s\": cannot allocate %zu bytes", name, alloc);
    }
    memcpy(copy, name, len + 1);
    memset(data, 0, alloc);
    v->name = copy;
    v->dtype = dtype;
    v->rank = rank;
    for (int32_t i = 0; i < rank; i++)
        v->dims[i] = dims[i];
    v->nbytes = nbytes;
    v->data = data;
    st->vars[st->count] = v;
    st->slots[find_slot(st, name)] = (long)st->count;
    st->count++;
    if (view)
        fill_view(v, view);
    return TFC_OK;
}

static int lookup(const tfc_store *st, const char *name, const char *fn, tfc_var **out)
{
    if (!st || !name)
        return tfc__error(TFC_ERR_INVALID, "%s: NULL store or name", fn);
    long i = tfc__store_index(st, name);
    if (i < 0)
        return tfc__error(TFC_ERR_NOT_FOUND, "no variable named \"%s\"", name);
    *out = st->vars[i];
    return TFC_OK;
}

int tfc_store_find(const tfc_store *st, const char *name, tfc_tensor *view)
{
    tfc_var *v = NULL;
    int rc = lookup(st, name, "tfc_store_find", &v);
    if (rc)
        return rc;
    if (!view)
        return tfc__error(TFC_ERR_INVALID, "tfc_store_find: view is NULL");
    fill_view(v, view);
    return TFC_OK;
}

/* Checks that t has v's dtype and shape; verb is "get" or "set". */
static int check_match(const tfc_var *v, const tfc_tensor *t, const char *verb)
{
    if (!t)
        return tfc__error(TFC_ERR_INVALID, "%s variable \"%s\": tensor is NULL", verb,
                          v->name);
    if (t->dtype != v->dtype) {
        const char *want = "?", *got = "?";
        tfc_dtype_name(v->dtype, &want);
        if (tfc_dtype_name(t->dtype, &got) != TFC_OK)
            got = "unknown";
        return tfc__error(TFC_ERR_MISMATCH,
                          "%s variable \"%s\": dtype mismatch: expected %s, got %s", verb,
                          v->name, want, got);
    }
    int same = t->rank == v->rank && (t->rank == 0 || t->dims);
    for (int32_t i = 0; same && i < v->rank; i++)
        same = t->dims[i] == v->dims[i];
    if (!same) {
        char want[256], got[256];
        tfc__format_shape(want, sizeof want, v->rank, v->dims);
        if (t->rank < 0 || t->rank > TFC_MAX_RANK || (t->rank > 0 && !t->dims))
            snprintf(got, sizeof got, "<invalid rank %d>", (int)t->rank);
        else
            tfc__format_shape(got, sizeof got, t->rank, t->dims);
        return tfc__error(TFC_ERR_MISMATCH,
                          "%s variable \"%s\": shape mismatch: expected %s, got %s", verb,
                          v->name, want, got);
    }
    if (v->nbytes && !t->data)
        return tfc__error(TFC_ERR_INVALID, "%s variable \"%s\": data is NULL", verb,
                          v->name);
    return TFC_OK;
}

int tfc_store_get(const tfc_store *st, const char *name, const tfc_tensor *dst)
{
    tfc_var *v = NULL;
    int rc = lookup(st, name, "tfc_store_get", &v);
    if (rc || (rc = check_match(v, dst, "get")))
        return rc;
    if (v->nbytes)
        memcpy(dst->data, v->data, v->nbytes);
    return TFC_OK;
}

int tfc_store_set(tfc_store *st, const char *name, const tfc_tensor *src)
{
    tfc_var *v = NULL;
    int rc = lookup(st, name, "tfc_store_set", &v);
    if (rc || (rc = check_match(v, src, "set")))
        return rc;
    if (v->nbytes)
        memmove(v->data, src->data, v->nbytes);
    return TFC_OK;
}

int tfc_store_count(const tfc_store *st, size_t *count)
{
    if (!st || !count)
        return tfc__error(TFC_ERR_INVALID, "tfc_store_count: NULL argument");
    *count = st->count;
    return TFC_OK;
}

int tfc_store_at(const tfc_store *st, size_t index, const char **name, tfc_tensor *view)
{
    if (!st)
        return tfc__error(TFC_ERR_INVALID, "tfc_store_at: store is NULL");
    if (index >= st->count)
        return tfc__error(TFC_ERR_NOT_FOUND,
                          "tfc_store_at: index %zu out of range (%zu variables)", index,
                          st->count);
    if (name)
        *name = st->vars[index]->name;
    if (view)
        fill_view(st->vars[index], view);
    return TFC_OK;
}
