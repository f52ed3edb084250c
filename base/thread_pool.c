/* A fixed-size thread pool with a blocking parallel-for. */
#include "base/base.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct base_pool {
	int threads; /* including the caller */
	pthread_t *workers;
	/* Held by the caller of the job in progress: one job at a time. */
	pthread_mutex_t busy;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_cond_t done;
	/* The current job; generation changes once per parallel_for call. */
	base_task_fn fn;
	void *ctx;
	size_t n;
	atomic_size_t next;
	int active; /* workers still inside the current job */
	unsigned long generation;
	bool quit;
};

struct worker_arg {
	struct base_pool *pool;
	int index;
};

static void run_job(struct base_pool *p, int worker)
{
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed);
		if (i >= p->n)
			break;
		p->fn(p->ctx, i, worker);
	}
}

static void *worker_main(void *arg)
{
	struct worker_arg *wa = arg;
	struct base_pool *p = wa->pool;
	int index = wa->index;
	free(wa);
	unsigned long seen = 0;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->quit && p->generation == seen)
			pthread_cond_wait(&p->wake, &p->lock);
		if (p->quit)
			break;
		seen = p->generation;
		pthread_mutex_unlock(&p->lock);
		run_job(p, index);
		pthread_mutex_lock(&p->lock);
		if (--p->active == 0)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct base_pool *base_pool_create(int threads)
{
	struct base_pool *p = base_xcalloc(1, sizeof *p);
	if (threads < 1)
		threads = 1;
	p->threads = threads;
	pthread_mutex_init(&p->busy, NULL);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	pthread_cond_init(&p->done, NULL);
	if (threads > 1) {
		p->workers = base_xcalloc((size_t)threads - 1, sizeof *p->workers);
		for (int i = 1; i < threads; i++) {
			struct worker_arg *wa = base_xmalloc(sizeof *wa);
			wa->pool = p;
			wa->index = i;
			if (pthread_create(&p->workers[i - 1], NULL, worker_main, wa) != 0) {
				/* Fewer threads than asked still gives correct results. */
				free(wa);
				p->threads = i;
				break;
			}
		}
	}
	return p;
}

void base_pool_destroy(struct base_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = true;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	for (int i = 1; i < p->threads; i++)
		pthread_join(p->workers[i - 1], NULL);
	free(p->workers);
	pthread_mutex_destroy(&p->busy);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->wake);
	pthread_cond_destroy(&p->done);
	free(p);
}

int base_pool_threads(const struct base_pool *p)
{
	return p ? p->threads : 1;
}

void base_pool_parallel_for(struct base_pool *p, size_t n, base_task_fn fn, void *ctx)
{
	/* A pool already running another thread's job (or this one's, from a
	 * task) leaves the caller to run its job alone: never a wait. */
	if (!p || p->threads == 1 || n <= 1 || pthread_mutex_trylock(&p->busy) != 0) {
		for (size_t i = 0; i < n; i++)
			fn(ctx, i, 0);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->fn = fn;
	p->ctx = ctx;
	p->n = n;
	atomic_store(&p->next, 0);
	p->active = p->threads - 1;
	p->generation++;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	run_job(p, 0);
	pthread_mutex_lock(&p->lock);
	while (p->active > 0)
		pthread_cond_wait(&p->done, &p->lock);
	pthread_mutex_unlock(&p->lock);
	pthread_mutex_unlock(&p->busy);
}

int base_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
