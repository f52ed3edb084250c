/* Timing and summary statistics shared by the benchmark programs:
 * the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID, user + system,
 * which other processes on a shared machine do not distort), the median,
 * and a median / 90th percentile / maximum line. Header-only, included by
 * the programs of bench/. */
#ifndef WEFT_BENCH_STATS_H
#define WEFT_BENCH_STATS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t bench_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorts v (n > 0) and returns its median. */
static inline double bench_median(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof *v, bench_cmp_u64);
	return n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
}

/* Sorts v (n > 0) and prints its median, 90th percentile and maximum,
 * divided by scale, in unit. */
static inline void bench_report(const char *what, uint64_t *v, size_t n, double scale, const char *unit)
{
	double median = bench_median(v, n);
	size_t p90 = (n * 9 + 9) / 10 - 1;
	printf("%-8s median %9.3f %s  p90 %9.3f %s  max %9.3f %s\n", what, median / scale, unit, (double)v[p90] / scale, unit,
	       (double)v[n - 1] / scale, unit);
}

#endif
