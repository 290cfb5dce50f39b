/*
 * tfc_runtime.h - the C runtime that compiled tfc models link in.
 *
 * Plain C11; depends on libc, libm and libpthread only.
 *
 * Conventions
 * -----------
 *  - Every function returns an int status: 0 = ok, non-zero = error (TFC_ERR_*).
 *    The one exception is tfc_last_error(), which returns the message.
 *  - On error, tfc_last_error() returns a thread-local, NUL-terminated message
 *    naming what failed (file, variable name, expected vs got shapes, ...).
 *    Successful calls do not clear it (like errno): read it only after a
 *    non-zero return. The pointer stays valid until the next failing call on
 *    the same thread.
 *  - A function that fails leaves its outputs and the objects it was given
 *    unchanged unless documented otherwise.
 *  - Pointer arguments must not be NULL unless documented as optional; a NULL
 *    where one is required gives TFC_ERR_INVALID.
 *  - Data is stored in host byte order; the runtime only builds on
 *    little-endian hosts, so checkpoints are little-endian as safetensors
 *    requires.
 */
#ifndef TFC_RUNTIME_H
#define TFC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- status */

enum {
    TFC_OK = 0,
    TFC_ERR_INVALID = 1,   /* bad argument (NULL, unknown dtype, bad name) */
    TFC_ERR_NOMEM = 2,     /* allocation failed or size overflow */
    TFC_ERR_NOT_FOUND = 3, /* no variable of that name */
    TFC_ERR_EXISTS = 4,    /* a variable of that name already exists */
    TFC_ERR_MISMATCH = 5,  /* dtype or shape differs from the variable's */
    TFC_ERR_IO = 6,        /* open/read/write/fsync/rename failed */
    TFC_ERR_FORMAT = 7,    /* malformed checkpoint file */
    TFC_ERR_SYSTEM = 8     /* thread creation or other OS failure */
};

/* The message of the last failing call on this thread ("" if none yet). */
const char *tfc_last_error(void);

/* ---------------------------------------------------------------- dtypes */

typedef enum tfc_dtype {
    TFC_F16 = 1,
    TFC_BF16 = 2,
    TFC_F32 = 3,
    TFC_F64 = 4,
    TFC_I8 = 5,
    TFC_I16 = 6,
    TFC_I32 = 7,
    TFC_I64 = 8,
    TFC_U8 = 9,
    TFC_U16 = 10,
    TFC_U32 = 11,
    TFC_U64 = 12,
    TFC_BOOL = 13 /* one byte per element, 0 or 1 */
} tfc_dtype;

/* *size = bytes per element of dtype. */
int tfc_dtype_size(tfc_dtype dtype, size_t *size);
/* *name = the safetensors spelling ("F32", "BF16", "BOOL", ...); static. */
int tfc_dtype_name(tfc_dtype dtype, const char **name);
/* *dtype = the dtype whose safetensors spelling is name (exact match). */
int tfc_dtype_from_name(const char *name, tfc_dtype *dtype);

/* ---------------------------------------------------------------- tensors */

/* Most dimensions a tensor may have. */
#define TFC_MAX_RANK 32

/*
 * A tensor descriptor: a dense, row-major (C order) array. It does not own
 * anything. dims has rank entries (may be NULL when rank == 0); every dim is
 * >= 0. data holds product(dims) * element size bytes (may be NULL when that
 * is 0).
 */
typedef struct tfc_tensor {
    tfc_dtype dtype;
    int32_t rank;
    const int64_t *dims;
    void *data;
} tfc_tensor;

/* *count = product(dims), *nbytes = count * element size (either optional). */
int tfc_tensor_size(const tfc_tensor *t, int64_t *count, size_t *nbytes);

/* ---------------------------------------------------------------- variables */

/*
 * A variable store: named, typed, fixed-shape tensors (a model's variables).
 * Variables keep their insertion order; they are never removed, and their
 * storage never moves, so views stay valid until tfc_store_destroy.
 * Not thread-safe: synchronize concurrent use externally.
 */
typedef struct tfc_store tfc_store;

int tfc_store_create(tfc_store **out);
/* Frees the store and every variable in it. NULL is allowed. */
int tfc_store_destroy(tfc_store *store);

/*
 * Adds variable `name` (non-empty, at most 1023 bytes, not "__metadata__")
 * of dtype and shape dims[0..rank). Its storage is zeroed and 64-byte
 * aligned (non-NULL even when empty). If view is not NULL it receives a
 * descriptor of the variable (dims and data point into the store).
 */
int tfc_store_add(tfc_store *store, const char *name, tfc_dtype dtype,
                  int32_t rank, const int64_t *dims, tfc_tensor *view);

/* *view = descriptor of variable `name` (pointing into the store). */
int tfc_store_find(const tfc_store *store, const char *name, tfc_tensor *view);

/*
 * Copies variable `name` into dst->data. dst's dtype and shape must equal the
 * variable's (TFC_ERR_MISMATCH otherwise, message gives both shapes).
 */
int tfc_store_get(const tfc_store *store, const char *name, const tfc_tensor *dst);

/* Copies src->data into variable `name`; same checks as tfc_store_get. */
int tfc_store_set(tfc_store *store, const char *name, const tfc_tensor *src);

/* Iteration in insertion order: *count variables, index 0..count-1. */
int tfc_store_count(const tfc_store *store, size_t *count);
/* *name (optional) and *view (optional) of the variable at index. */
int tfc_store_at(const tfc_store *store, size_t index, const char **name,
                 tfc_tensor *view);

/* ---------------------------------------------------------------- checkpoints */

/*
 * Writes every variable of store to path in the safetensors layout:
 *   8-byte little-endian header length N,
 *   N bytes of JSON {"<name>": {"dtype": "F32", "shape": [..],
 *                   "data_offsets": [begin, end]}, ...,
 *                   "__metadata__": {"format": "tfc"}}
 *   padded with spaces to a multiple of 8,
 *   then the raw data (offsets relative to the end of the header; tensors
 *   are laid out contiguously, largest element size first, so each starts
 *   aligned to its element size).
 * Atomic: writes path.tmp.<pid>.<n>, flushes and fsyncs it, renames it over
 * path and fsyncs the directory. On failure the temporary file is removed
 * and an existing file at path is left as it was.
 */
int tfc_checkpoint_save(const tfc_store *store, const char *path);

/*
 * Reads a safetensors file written by tfc_checkpoint_save (or any valid
 * safetensors file) into store. Every variable of the store must be present
 * in the file with the same dtype and shape; tensors in the file that the
 * store lacks are ignored. The whole file is validated (header length,
 * JSON, dtype names, offsets in bounds and not overlapping, sizes) before
 * anything is copied: on any failure the store is unchanged.
 */
int tfc_checkpoint_restore(tfc_store *store, const char *path);

/* ---------------------------------------------------------------- compiled code */

/*
 * What compiled functions exchange with their caller (docs/cpu_backend.md):
 *
 *   int32_t f(tfc_buffer *args, tfc_buffer *results, tfc_pool *pool);
 *
 * data is row-major and contiguous; dims[0..rank) are the sizes (rank is the
 * function's, known to both sides). Result buffers come from tfc_alloc and
 * belong to the caller, who frees them with tfc_free.
 */
#define TFC_BUFFER_MAX_RANK 8

typedef struct tfc_buffer {
    void *data;
    int64_t dims[TFC_BUFFER_MAX_RANK];
} tfc_buffer;

/*
 * A 64-byte aligned buffer of nbytes bytes (non-NULL for 0 bytes), or NULL
 * with the error set (TFC_ERR_NOMEM) when nbytes is negative or the memory is
 * not available.
 */
void *tfc_alloc(int64_t nbytes);
/* Frees a buffer from tfc_alloc (only such buffers). NULL is allowed. Large buffers
   (1 MiB and up, 1 GiB in all) are kept for the next tfc_alloc of a similar size. */
void tfc_free(void *p);
/*
 * Sets this thread's error message (what tfc_last_error() returns) to message
 * (NULL reads as ""); compiled code calls it before returning code. code is
 * not stored: it is the caller's return value.
 */
void tfc_set_error(int32_t code, const char *message);

/* ---------------------------------------------------------------- threads */

/* A fixed-size thread pool. */
typedef struct tfc_pool tfc_pool;

/*
 * Creates a pool with parallelism num_threads (0 = number of online CPUs):
 * num_threads - 1 worker threads plus the thread calling tfc_parallel_for.
 */
int tfc_pool_create(int num_threads, tfc_pool **out);
/* Stops and joins the workers. Must not race with tfc_parallel_for. NULL ok. */
int tfc_pool_destroy(tfc_pool *pool);
/* *num_threads = the pool's parallelism (workers + caller). */
int tfc_pool_size(const tfc_pool *pool, int *num_threads);

/* Runs the half-open index range [begin, end). */
typedef void (*tfc_range_fn)(void *ctx, int64_t begin, int64_t end);

/*
 * Splits [begin, end) into chunks of `grain` indices (the last may be
 * shorter; grain <= 0 picks one) and runs fn(ctx, chunk_begin, chunk_end)
 * for each chunk on the workers and the calling thread; returns when all
 * chunks are done. Every index is covered exactly once. An empty range
 * (end <= begin) calls nothing. pool may be NULL (runs serially).
 * Calls from several threads are serialized; a call made from inside fn
 * (nested parallelism) runs serially on the calling thread.
 */
int tfc_parallel_for(tfc_pool *pool, int64_t begin, int64_t end, int64_t grain,
                     tfc_range_fn fn, void *ctx);

/* ---------------------------------------------------------------- print */

/*
 * One tensor for tfc_print (compiled code fills it from a memref): element
 * (i, j, ...) is at data + (i*strides[0] + j*strides[1] + ...) * element size,
 * so views print without a copy. sizes and strides have rank entries (may be
 * NULL when rank == 0). dtype is a tfc_dtype; TFC_BOOL is one byte per element.
 */
typedef struct tfc_print_arg {
    int32_t dtype;
    int32_t rank;
    const int64_t *sizes;
    const int64_t *strides; /* in elements */
    const void *data;
} tfc_print_arg;

/*
 * The line tf.Print writes, without its newline: message, then each tensor in
 * TensorFlow's format ("[1 2 3...]", nested "[[1 2][3 4]]", a scalar "[7]"),
 * at most summarize elements per tensor (all when negative). Floats print as
 * "%g" ("nan" whatever its sign), bools as 1/0. message may be NULL (""). A
 * malloc'd string the caller frees with free(), or NULL with the error set.
 */
char *tfc_print_text(const char *message, int32_t n, const tfc_print_arg *args,
                     int64_t summarize);

/*
 * tf.Print: writes tfc_print_text(...) and "\n" to stderr in one write (and
 * flushes it) when first_n < 0 or *count < first_n; then *count += 1
 * (atomically; count may be NULL, which reads as 0 and is not updated).
 * Returns 0, or TFC_ERR_INVALID / TFC_ERR_NOMEM (nothing written).
 */
int32_t tfc_print(const char *message, int32_t n, const tfc_print_arg *args,
                  int64_t summarize, int64_t first_n, int64_t *count);

#ifdef __cplusplus
}
#endif

#endif /* TFC_RUNTIME_H */
