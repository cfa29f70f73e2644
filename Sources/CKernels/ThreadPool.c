// The workers of the GEMV kernels' parallel row loops (`ql_parallel_for`, called by
// `Kernels/GEMV/MatvecKernel.swift`'s `forEachChunk`).
//
// Why not `DispatchQueue.concurrentPerform`: a GEMV at batch 1 takes 50–500 µs, and a GCD
// worker parked between calls took 30–40 µs to join on this machine (measured: chunks of 5 µs
// ×16 took 77 µs instead of 40, two thirds of them run by the caller), so a two-thread GEMV ran
// at close to one thread's speed. These workers spin for `QL_SPIN_NS` after each job before
// they sleep, as llama.cpp's do, so back-to-back products (a decoder's layers, a benchmark's
// rounds, the eviction read between cold rounds) find them awake.
//
// One job at a time: a call made while another runs (another thread, or a chunk body that
// calls back) runs all its chunks on the caller, which is correct and only slower. The caller
// takes chunks too and never waits for a worker that has not joined (a worker descheduled by
// another process would otherwise cost the caller a whole time slice, ~4 ms here): it waits
// only for the chunks handed out. Chunks are claimed by a compare-and-swap on one 64-bit ticket,
// the job's generation (high half) and its next chunk (low half), and a job's fields live in
// one of two slots by the parity of its generation: a worker that read an old job's fields can
// no longer claim a chunk of it, and a slot is rewritten only two generations later.
#include "CKernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

/// How long a worker spins for the next job before it sleeps, in nanoseconds.
#define QL_SPIN_NS 2000000
/// Workers beyond the caller, at most.
#define QL_MAX_WORKERS 63

/// One job's fields, written by its caller before the ticket names its generation.
typedef struct {
    ql_chunk_body body;
    void *context;
    int64_t count, chunks;
    atomic_int_fast64_t done;  // chunks finished
} ql_job;

static struct {
    pthread_once_t once;
    int workers;
    pthread_mutex_t busy;   // held by the caller of the running job
    pthread_mutex_t sleep;  // guards the condition variable
    pthread_cond_t wake;
    atomic_uint_fast64_t ticket;  // generation << 32 | next chunk
    atomic_int sleepers;
    uint64_t generation;  // the caller's copy (under `busy`)
    ql_job jobs[2];
} pool = {.once = PTHREAD_ONCE_INIT, .busy = PTHREAD_MUTEX_INITIALIZER, .sleep = PTHREAD_MUTEX_INITIALIZER,
          .wake = PTHREAD_COND_INITIALIZER};

static uint64_t ql_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static inline void ql_relax(void) {
#if defined(__x86_64__)
    _mm_pause();
#endif
}

/// Claims and runs chunks of generation `generation` until none is left or a newer job began.
static void ql_run_chunks(uint64_t generation) {
    const ql_job *job = &pool.jobs[generation & 1];
    const ql_chunk_body body = job->body;
    void *const context = job->context;
    const int64_t count = job->count, chunks = job->chunks;
    uint64_t ticket = atomic_load(&pool.ticket);
    for (;;) {
        if (ticket >> 32 != generation) return;
        const int64_t c = (int64_t)(ticket & 0xFFFFFFFFu);
        if (c >= chunks) return;
        if (!atomic_compare_exchange_weak(&pool.ticket, &ticket, ticket + 1)) continue;
        body(context, c * count / chunks, (c + 1) * count / chunks);
        atomic_fetch_add(&pool.jobs[generation & 1].done, 1);
        ticket = atomic_load(&pool.ticket);
    }
}

static void *ql_worker(void *unused) {
    (void)unused;
    uint64_t seen = 0;
    for (;;) {
        // Spin, reading the clock every 256 pauses, then sleep.
        uint64_t start = ql_now_ns();
        for (int i = 1; atomic_load(&pool.ticket) >> 32 == seen; i++) {
            ql_relax();
            if (i % 256 == 0 && ql_now_ns() - start > QL_SPIN_NS) {
                pthread_mutex_lock(&pool.sleep);
                atomic_fetch_add(&pool.sleepers, 1);
                while (atomic_load(&pool.ticket) >> 32 == seen) pthread_cond_wait(&pool.wake, &pool.sleep);
                atomic_fetch_sub(&pool.sleepers, 1);
                pthread_mutex_unlock(&pool.sleep);
            }
        }
        seen = atomic_load(&pool.ticket) >> 32;
        ql_run_chunks(seen);
    }
    return 0;
}

static void ql_start_pool(void) {
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    int wanted = processors > 1 ? (int)(processors - 1) : 0;
    if (wanted > QL_MAX_WORKERS) wanted = QL_MAX_WORKERS;
    for (int i = 0; i < wanted; i++) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attributes, ql_worker, 0) == 0) pool.workers++;
        pthread_attr_destroy(&attributes);
    }
}

void ql_parallel_for(int64_t count, int64_t chunks, ql_chunk_body body, void *context) {
    if (chunks < 1) chunks = 1;
    pthread_once(&pool.once, ql_start_pool);
    if (pool.workers == 0 || chunks == 1 || chunks > 0xFFFFFFFF || pthread_mutex_trylock(&pool.busy) != 0) {
        for (int64_t c = 0; c < chunks; c++) body(context, c * count / chunks, (c + 1) * count / chunks);
        return;
    }
    const uint64_t generation = ++pool.generation;
    ql_job *job = &pool.jobs[generation & 1];
    job->body = body;
    job->context = context;
    job->count = count;
    job->chunks = chunks;
    atomic_store(&job->done, 0);
    // Sequentially consistent: a worker about to sleep either sees the new ticket or is
    // counted in `sleepers` here (it increments before it reads the ticket).
    atomic_store(&pool.ticket, generation << 32);
    if (atomic_load(&pool.sleepers) > 0) {
        pthread_mutex_lock(&pool.sleep);
        pthread_cond_broadcast(&pool.wake);
        pthread_mutex_unlock(&pool.sleep);
    }
    ql_run_chunks(generation);
    while (atomic_load(&job->done) < chunks) ql_relax();
    pthread_mutex_unlock(&pool.busy);
}
