/* checkpoint.c - atomic safetensors save and validated restore. */
#define _POSIX_C_SOURCE 200809L

#include "internal.h"
#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* safetensors refuses headers larger than this; so do we. */
#define TFC_MAX_HEADER ((uint64_t)100 * 1000 * 1000)

/* ------------------------------------------------------------ string buffer */

typedef struct {
    char *data;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n > SIZE_MAX / 2 - b->len) {
        b->oom = 1;
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->oom = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_u64(sbuf *b, uint64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
    sb_put(b, tmp, (size_t)n);
}

/* A JSON string literal for s (UTF-8 passes through; controls are escaped). */
static void sb_json_string(sbuf *b, const char *s)
{
    sb_put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            sb_put(b, esc, 2);
        } else if (c < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", c);
            sb_put(b, esc, 6);
        } else {
            sb_put(b, (const char *)&c, 1);
        }
    }
    sb_put(b, "\"", 1);
}

/* ------------------------------------------------------------ file helpers */

static int write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        size_t chunk = n > ((size_t)1 << 30) ? ((size_t)1 << 30) : n;
        ssize_t w = write(fd, p, chunk);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads exactly n bytes at offset; -1 with errno, or -2 on end of file. */
static int pread_all(int fd, void *data, size_t n, uint64_t offset)
{
    char *p = data;
    while (n > 0) {
        size_t chunk = n > ((size_t)1 << 30) ? ((size_t)1 << 30) : n;
        ssize_t r = pread(fd, p, chunk, (off_t)offset);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0)
            return -2;
        p += r;
        n -= (size_t)r;
        offset += (uint64_t)r;
    }
    return 0;
}

/* fsync the directory holding path (makes the rename durable). */
static int fsync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    if (!slash) {
        dir = malloc(2);
        if (dir)
            memcpy(dir, ".", 2);
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        dir = malloc(n + 1);
        if (dir) {
            memcpy(dir, path, n);
            dir[n] = '\0';
        }
    }
    if (!dir) {
        errno = ENOMEM;
        return -1;
    }
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    /* Some file systems cannot fsync directories; that is not a failure. */
    if (rc != 0 && (errno == EINVAL || errno == EBADF || errno == ENOTSUP))
        rc = 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* ------------------------------------------------------------ save */

typedef struct {
    size_t index, esize;
} save_order;

static int by_size_then_index(const void *a, const void *b)
{
    const save_order *x = a, *y = b;
    if (x->esize != y->esize)
        return x->esize > y->esize ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

int tfc_checkpoint_save(const tfc_store *store, const char *path)
{
    if (!store || !path || !*path)
        return tfc__error(TFC_ERR_INVALID, "tfc_checkpoint_save: NULL store or empty path");
    size_t count;
    tfc_store_count(store, &count);
    save_order *order = calloc(count ? count : 1, sizeof *order);
    if (!order)
        return tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": out of memory", path);
    for (size_t i = 0; i < count; i++) {
        tfc_tensor t;
        tfc_store_at(store, i, NULL, &t);
        order[i].index = i;
        tfc_dtype_size(t.dtype, &order[i].esize);
    }
    qsort(order, count, sizeof *order, by_size_then_index);

    /* The header. */
    sbuf h = {0};
    uint64_t offset = 0;
    sb_str(&h, "{");
    for (size_t k = 0; k < count; k++) {
        const char *name, *dname;
        tfc_tensor t;
        size_t nbytes;
        tfc_store_at(store, order[k].index, &name, &t);
        tfc_dtype_name(t.dtype, &dname);
        tfc_tensor_size(&t, NULL, &nbytes);
        sb_json_string(&h, name);
        sb_str(&h, ":{\"dtype\":\"");
        sb_str(&h, dname);
        sb_str(&h, "\",\"shape\":[");
        for (int32_t d = 0; d < t.rank; d++) {
            if (d)
                sb_str(&h, ",");
            sb_u64(&h, (uint64_t)t.dims[d]);
        }
        sb_str(&h, "],\"data_offsets\":[");
        sb_u64(&h, offset);
        sb_str(&h, ",");
        offset += nbytes;
        sb_u64(&h, offset);
        sb_str(&h, "]},");
    }
    sb_str(&h, "\"__metadata__\":{\"format\":\"tfc\"}}");
    while (!h.oom && h.len % 8 != 0)
        sb_str(&h, " ");
    if (h.oom) {
        free(h.data);
        free(order);
        return tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": out of memory", path);
    }

    /* path.tmp.<pid>.<n>: unique per save, so concurrent saves in one process never share a file */
    static atomic_ulong save_counter;
    unsigned long serial = atomic_fetch_add(&save_counter, 1);
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 48);
    if (!tmp) {
        free(h.data);
        free(order);
        return tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": out of memory", path);
    }
    snprintf(tmp, plen + 48, "%s.tmp.%ld.%lu", path, (long)getpid(), serial);

    int rc = TFC_ERR_IO;
    const char *step = "open";
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        goto fail_no_file;

    unsigned char len8[8];
    for (int i = 0; i < 8; i++)
        len8[i] = (unsigned char)((uint64_t)h.len >> (8 * i));
    step = "write";
    if (write_all(fd, len8, 8) || write_all(fd, h.data, h.len))
        goto fail;
    for (size_t k = 0; k < count; k++) {
        tfc_tensor t;
        size_t nbytes;
        tfc_store_at(store, order[k].index, NULL, &t);
        tfc_tensor_size(&t, NULL, &nbytes);
        if (write_all(fd, t.data, nbytes))
            goto fail;
    }
    step = "fsync";
    if (fsync(fd))
        goto fail;
    step = "close";
    {
        int c = close(fd);
        fd = -1;
        if (c)
            goto fail;
    }
    step = "rename";
    if (rename(tmp, path))
        goto fail;
    if (fsync_parent(path)) {
        /* The new checkpoint is in place; only its durability is uncertain. */
        rc = tfc__error(TFC_ERR_IO, "checkpoint \"%s\": fsync of its directory failed: %s",
                        path, strerror(errno));
        goto done;
    }
    rc = TFC_OK;
    goto done;

fail : {
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = saved;
}
fail_no_file:
    rc = tfc__error(TFC_ERR_IO, "checkpoint \"%s\": %s of \"%s\" failed: %s", path, step,
                    tmp, strerror(errno));
done:
    free(tmp);
    free(h.data);
    free(order);
    return rc;
}

/* ------------------------------------------------------------ restore */

typedef struct {
    const char *name;
    tfc_dtype dtype;
    int32_t rank;
    int64_t dims[TFC_MAX_RANK];
    uint64_t begin, end;
} entry;

static int by_begin(const void *a, const void *b)
{
    const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Reads one tensor's header entry into e; data_size bounds the offsets. */
static int parse_entry(const char *path, const tfc_json *m, uint64_t data_size, entry *e)
{
    const char *name = m->key;
    if (m->kind != TFC_JSON_OBJECT)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": header entry \"%.200s\" is not an object",
                          path, name);
    const tfc_json *dt = tfc_json_get(m, "dtype");
    const tfc_json *sh = tfc_json_get(m, "shape");
    const tfc_json *of = tfc_json_get(m, "data_offsets");
    if (!dt || !sh || !of)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\" lacks \"%s\"", path, name,
                          !dt ? "dtype" : !sh ? "shape" : "data_offsets");
    if (dt->kind != TFC_JSON_STRING || strlen(dt->str) != dt->str_len ||
        tfc_dtype_from_name(dt->str, &e->dtype) != TFC_OK)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\" has an unknown dtype%s%.32s%s",
                          path, name, dt->kind == TFC_JSON_STRING ? " \"" : "",
                          dt->kind == TFC_JSON_STRING ? dt->str : "",
                          dt->kind == TFC_JSON_STRING ? "\"" : "");
    if (sh->kind != TFC_JSON_ARRAY)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\": shape is not an array", path,
                          name);
    if (sh->count > TFC_MAX_RANK)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\": rank %zu exceeds %d", path,
                          name, sh->count, TFC_MAX_RANK);
    e->rank = (int32_t)sh->count;
    for (size_t i = 0; i < sh->count; i++) {
        const tfc_json *d = &sh->items[i];
        if (d->kind != TFC_JSON_NUMBER || !d->is_uint || d->uint > (uint64_t)INT64_MAX)
            return tfc__error(TFC_ERR_FORMAT,
                              "checkpoint \"%s\": tensor \"%.200s\": shape[%zu] is not a "
                              "non-negative integer",
                              path, name, i);
        e->dims[i] = (int64_t)d->uint;
    }
    if (of->kind != TFC_JSON_ARRAY || of->count != 2 ||
        of->items[0].kind != TFC_JSON_NUMBER || !of->items[0].is_uint ||
        of->items[1].kind != TFC_JSON_NUMBER || !of->items[1].is_uint)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\": data_offsets is not "
                          "[begin, end] with non-negative integers",
                          path, name);
    e->begin = of->items[0].uint;
    e->end = of->items[1].uint;
    if (e->begin > e->end || e->end > data_size)
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\": data_offsets [%llu, %llu] "
                          "outside the data section of %llu bytes",
                          path, name, (unsigned long long)e->begin,
                          (unsigned long long)e->end, (unsigned long long)data_size);
    char what[256];
    snprintf(what, sizeof what, "checkpoint \"%.100s\": tensor \"%.100s\"", path, name);
    size_t nbytes;
    if (tfc__shape_size(what, e->dtype, e->rank, e->dims, NULL, &nbytes) != TFC_OK)
        return TFC_ERR_FORMAT;
    if ((uint64_t)nbytes != e->end - e->begin) {
        char shape[256];
        tfc__format_shape(shape, sizeof shape, e->rank, e->dims);
        return tfc__error(TFC_ERR_FORMAT,
                          "checkpoint \"%s\": tensor \"%.200s\": data_offsets span %llu "
                          "bytes but %s %s needs %zu",
                          path, name, (unsigned long long)(e->end - e->begin), dt->str,
                          shape, nbytes);
    }
    e->name = name;
    return TFC_OK;
}

/* Parses and validates the header; fills entries (names point into root). */
static int parse_header(const char *path, const tfc_json *root, uint64_t data_size,
                        entry *entries, size_t *n_entries)
{
    if (root->kind != TFC_JSON_OBJECT)
        return tfc__error(TFC_ERR_FORMAT, "checkpoint \"%s\": header is not a JSON object",
                          path);
    size_t n = 0;
    for (size_t i = 0; i < root->count; i++) {
        const tfc_json *m = &root->items[i];
        if (strlen(m->key) != m->key_len)
            return tfc__error(TFC_ERR_FORMAT,
                              "checkpoint \"%s\": tensor name contains a NUL byte", path);
        if (strcmp(m->key, "__metadata__") == 0) {
            int ok = m->kind == TFC_JSON_OBJECT;
            for (size_t j = 0; ok && j < m->count; j++)
                ok = m->items[j].kind == TFC_JSON_STRING;
            if (!ok)
                return tfc__error(TFC_ERR_FORMAT,
                                  "checkpoint \"%s\": __metadata__ is not an object of "
                                  "strings",
                                  path);
            continue;
        }
        int rc = parse_entry(path, m, data_size, &entries[n]);
        if (rc)
            return rc;
        n++;
    }
    /* Non-empty tensors must not overlap. */
    entry **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": out of memory", path);
    for (size_t i = 0; i < n; i++)
        sorted[i] = &entries[i];
    qsort(sorted, n, sizeof *sorted, by_begin);
    const entry *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const entry *e = sorted[i];
        if (e->begin == e->end)
            continue;
        if (prev && e->begin < prev->end) {
            int rc = tfc__error(TFC_ERR_FORMAT,
                                "checkpoint \"%s\": tensors \"%.200s\" and \"%.200s\" "
                                "overlap in the data section",
                                path, prev->name, e->name);
            free(sorted);
            return rc;
        }
        prev = e;
    }
    free(sorted);
    *n_entries = n;
    return TFC_OK;
}

int tfc_checkpoint_restore(tfc_store *store, const char *path)
{
    if (!store || !path)
        return tfc__error(TFC_ERR_INVALID, "tfc_checkpoint_restore: NULL store or path");
    int rc;
    char *header = NULL, *staging = NULL;
    tfc_json *root = NULL;
    entry *entries = NULL;
    const entry **match = NULL; /* per store variable: its entry */
    size_t count = 0;
    tfc_store_count(store, &count);

    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tfc__error(TFC_ERR_IO, "checkpoint \"%s\": cannot open: %s", path,
                          strerror(errno));
    struct stat st;
    if (fstat(fd, &st)) {
        rc = tfc__error(TFC_ERR_IO, "checkpoint \"%s\": fstat failed: %s", path,
                        strerror(errno));
        goto out;
    }
    uint64_t file_size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
    unsigned char len8[8];
    if (file_size < 8 || pread_all(fd, len8, 8, 0)) {
        rc = tfc__error(TFC_ERR_FORMAT,
                        "checkpoint \"%s\": truncated: %llu bytes is too short for the "
                        "8-byte header length",
                        path, (unsigned long long)file_size);
        goto out;
    }
    uint64_t hlen = 0;
    for (int i = 7; i >= 0; i--)
        hlen = (hlen << 8) | len8[i];
    if (hlen > file_size - 8) {
        rc = tfc__error(TFC_ERR_FORMAT,
                        "checkpoint \"%s\": header length %llu exceeds the file size "
                        "(%llu bytes)",
                        path, (unsigned long long)hlen, (unsigned long long)file_size);
        goto out;
    }
    if (hlen > TFC_MAX_HEADER) {
        rc = tfc__error(TFC_ERR_FORMAT,
                        "checkpoint \"%s\": header length %llu exceeds the limit of %llu",
                        path, (unsigned long long)hlen, (unsigned long long)TFC_MAX_HEADER);
        goto out;
    }
    uint64_t data_size = file_size - 8 - hlen;
    header = malloc(hlen ? (size_t)hlen : 1);
    if (!header) {
        rc = tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": out of memory", path);
        goto out;
    }
    int r = pread_all(fd, header, (size_t)hlen, 8);
    if (r) {
        rc = tfc__error(TFC_ERR_IO, "checkpoint \"%s\": reading the header failed: %s",
                        path, r == -2 ? "unexpected end of file" : strerror(errno));
        goto out;
    }
    char jerr[128];
    if (tfc_json_parse(header, (size_t)hlen, &root, jerr, sizeof jerr)) {
        rc = tfc__error(TFC_ERR_FORMAT, "checkpoint \"%s\": corrupt header: %s", path, jerr);
        goto out;
    }
    entries = calloc(root->count ? root->count : 1, sizeof *entries);
    match = calloc(count ? count : 1, sizeof *match);
    if (!entries || !match) {
        rc = tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": out of memory", path);
        goto out;
    }
    size_t n_entries = 0;
    rc = parse_header(path, root, data_size, entries, &n_entries);
    if (rc)
        goto out;

    /* Match the file's tensors to the store's variables. */
    for (size_t i = 0; i < n_entries; i++) {
        const entry *e = &entries[i];
        long v = tfc__store_index(store, e->name);
        if (v < 0)
            continue; /* not ours: ignored */
        tfc_tensor t;
        tfc_store_at(store, (size_t)v, NULL, &t);
        if (t.dtype != e->dtype) {
            const char *want = "?", *got = "?";
            tfc_dtype_name(t.dtype, &want);
            tfc_dtype_name(e->dtype, &got);
            rc = tfc__error(TFC_ERR_MISMATCH,
                            "checkpoint \"%s\": variable \"%s\": dtype mismatch: expected "
                            "%s, got %s in the checkpoint",
                            path, e->name, want, got);
            goto out;
        }
        int same = t.rank == e->rank;
        for (int32_t d = 0; same && d < t.rank; d++)
            same = t.dims[d] == e->dims[d];
        if (!same) {
            char want[256], got[256];
            tfc__format_shape(want, sizeof want, t.rank, t.dims);
            tfc__format_shape(got, sizeof got, e->rank, e->dims);
            rc = tfc__error(TFC_ERR_MISMATCH,
                            "checkpoint \"%s\": variable \"%s\": shape mismatch: expected "
                            "%s, got %s in the checkpoint",
                            path, e->name, want, got);
            goto out;
        }
        match[v] = e;
    }
    uint64_t total = 0;
    for (size_t v = 0; v < count; v++) {
        if (!match[v]) {
            const char *name;
            tfc_store_at(store, v, &name, NULL);
            rc = tfc__error(TFC_ERR_NOT_FOUND,
                            "checkpoint \"%s\": variable \"%s\" is missing from the "
                            "checkpoint",
                            path, name);
            goto out;
        }
        total += match[v]->end - match[v]->begin;
    }

    /* Read everything into a staging buffer, then copy: the store changes only
       once nothing can fail any more. */
    staging = malloc(total ? (size_t)total : 1);
    if (!staging || total > SIZE_MAX) {
        rc = tfc__error(TFC_ERR_NOMEM, "checkpoint \"%s\": cannot allocate %llu bytes",
                        path, (unsigned long long)total);
        goto out;
    }
    uint64_t pos = 0;
    for (size_t v = 0; v < count; v++) {
        const entry *e = match[v];
        r = pread_all(fd, staging + pos, (size_t)(e->end - e->begin), 8 + hlen + e->begin);
        if (r) {
            rc = tfc__error(TFC_ERR_IO,
                            "checkpoint \"%s\": reading variable \"%s\" failed: %s", path,
                            e->name, r == -2 ? "unexpected end of file" : strerror(errno));
            goto out;
        }
        pos += e->end - e->begin;
    }
    pos = 0;
    for (size_t v = 0; v < count; v++) {
        tfc_tensor t;
        size_t nbytes = (size_t)(match[v]->end - match[v]->begin);
        tfc_store_at(store, v, NULL, &t);
        if (nbytes)
            memcpy(t.data, staging + pos, nbytes);
        pos += nbytes;
    }
    rc = TFC_OK;

out:
    close(fd);
    free(staging);
    free(match);
    free(entries);
    tfc_json_free(root);
    free(header);
    return rc;
}
