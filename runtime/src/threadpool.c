/* threadpool.c - a fixed-size pool running tfc_parallel_for chunks. */
#define _POSIX_C_SOURCE 200809L

#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct job {
    tfc_range_fn fn;
    void *ctx;
    int64_t begin, end, grain;
    int64_t nchunks;
    atomic_int_fast64_t next; /* next chunk to claim */
} job;

struct tfc_pool {
    int nthreads;        /* parallelism: workers + caller */
    int nworkers;
    pthread_t *workers;
    pthread_mutex_t submit; /* serializes tfc_parallel_for callers */
    pthread_mutex_t mu;     /* guards everything below */
    pthread_cond_t work_cv; /* a new job (or shutdown) */
    pthread_cond_t done_cv; /* active dropped to 0 */
    job *current;
    uint64_t generation; /* bumped per job */
    int active;          /* workers inside the current job */
    int shutdown;
};

/* The pool whose chunks this thread is running (nested calls run inline). */
static _Thread_local const tfc_pool *tls_running;

static void run_chunks(job *j)
{
    for (;;) {
        int64_t c = atomic_fetch_add(&j->next, 1);
        if (c >= j->nchunks)
            return;
        /* begin + c * grain without signed overflow */
        uint64_t b = (uint64_t)j->begin + (uint64_t)c * (uint64_t)j->grain;
        uint64_t left = (uint64_t)j->end - b;
        uint64_t e = b + (left < (uint64_t)j->grain ? left : (uint64_t)j->grain);
        j->fn(j->ctx, (int64_t)b, (int64_t)e);
    }
}

static void *worker_main(void *arg)
{
    tfc_pool *p = arg;
    uint64_t seen = 0;
    tls_running = p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->shutdown && p->generation == seen)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->shutdown)
            break;
        seen = p->generation;
        job *j = p->current;
        if (!j)
            continue; /* woke after that job finished */
        p->active++;
        pthread_mutex_unlock(&p->mu);
        run_chunks(j);
        pthread_mutex_lock(&p->mu);
        if (--p->active == 0)
            pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

int tfc_pool_create(int num_threads, tfc_pool **out)
{
    if (!out || num_threads < 0)
        return tfc__error(TFC_ERR_INVALID, "tfc_pool_create: bad arguments (%d threads)",
                          num_threads);
    if (num_threads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        num_threads = n > 0 ? (n > 1024 ? 1024 : (int)n) : 1;
    }
    tfc_pool *p = calloc(1, sizeof *p);
    if (!p)
        return tfc__error(TFC_ERR_NOMEM, "thread pool: out of memory");
    p->nthreads = num_threads;
    p->workers = calloc((size_t)num_threads, sizeof *p->workers);
    if (!p->workers) {
        free(p);
        return tfc__error(TFC_ERR_NOMEM, "thread pool: out of memory");
    }
    pthread_mutex_init(&p->submit, NULL);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    for (int i = 0; i < num_threads - 1; i++) {
        int err = pthread_create(&p->workers[i], NULL, worker_main, p);
        if (err) {
            tfc_pool_destroy(p);
            return tfc__error(TFC_ERR_SYSTEM,
                              "thread pool: creating worker %d of %d failed: %s", i + 1,
                              num_threads - 1, strerror(err));
        }
        p->nworkers++;
    }
    *out = p;
    return TFC_OK;
}

int tfc_pool_destroy(tfc_pool *p)
{
    if (!p)
        return TFC_OK;
    pthread_mutex_lock(&p->mu);
    p->shutdown = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nworkers; i++)
        pthread_join(p->workers[i], NULL);
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->mu);
    pthread_mutex_destroy(&p->submit);
    free(p->workers);
    free(p);
    return TFC_OK;
}

int tfc_pool_size(const tfc_pool *p, int *num_threads)
{
    if (!p || !num_threads)
        return tfc__error(TFC_ERR_INVALID, "tfc_pool_size: NULL argument");
    *num_threads = p->nthreads;
    return TFC_OK;
}

int tfc_parallel_for(tfc_pool *p, int64_t begin, int64_t end, int64_t grain,
                     tfc_range_fn fn, void *ctx)
{
    if (!fn)
        return tfc__error(TFC_ERR_INVALID, "tfc_parallel_for: fn is NULL");
    if (end <= begin)
        return TFC_OK;
    uint64_t n = (uint64_t)end - (uint64_t)begin;
    int threads = p ? p->nthreads : 1;
    if (grain <= 0) {
        /* about 4 chunks per thread, for load balance */
        uint64_t parts = 4 * (uint64_t)threads;
        grain = (int64_t)((n + parts - 1) / parts);
        if (grain < 1)
            grain = 1;
    }
    uint64_t nchunks = n / (uint64_t)grain + (n % (uint64_t)grain != 0);

    job j;
    j.fn = fn;
    j.ctx = ctx;
    j.begin = begin;
    j.end = end;
    j.grain = grain;
    j.nchunks = (int64_t)nchunks;
    atomic_init(&j.next, 0);

    if (!p || p->nworkers == 0 || nchunks == 1 || tls_running == p) {
        run_chunks(&j);
        return TFC_OK;
    }

    pthread_mutex_lock(&p->submit);
    pthread_mutex_lock(&p->mu);
    p->current = &j;
    p->generation++;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);

    const tfc_pool *outer = tls_running;
    tls_running = p;
    run_chunks(&j);
    tls_running = outer;

    /* Every chunk is claimed; wait for the workers still running theirs. */
    pthread_mutex_lock(&p->mu);
    while (p->active > 0)
        pthread_cond_wait(&p->done_cv, &p->mu);
    p->current = NULL;
    pthread_mutex_unlock(&p->mu);
    pthread_mutex_unlock(&p->submit);
    return TFC_OK;
}
