/* base: the few helpers every stage shares — arena, growable buffers,
 * string interning, hashing, UTF-8, files, timing and the thread pool.
 *
 * Ownership: a struct base_arena owns everything allocated from it and frees
 * it all at once in base_arena_free(). A struct base_buf owns its heap block
 * (freed by base_buf_free()). A struct base_pool is owned by whoever created
 * it. Nothing here keeps global mutable state. */
#ifndef WEFT_BASE_H
#define WEFT_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BASE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define BASE_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BASE_MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__GNUC__)
#define BASE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define BASE_LIKELY(x) __builtin_expect(!!(x), 1)
#define BASE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define BASE_PRINTF(f, a)
#define BASE_LIKELY(x) (x)
#define BASE_UNLIKELY(x) (x)
#endif

/* ---- Arena ------------------------------------------------------------ */

struct base_arena_chunk;

/* A bump allocator. Allocation failure aborts the process (see
 * base_oom()): callers never see NULL from the arena, which keeps every
 * parser and layout loop free of error paths for memory exhaustion. */
struct base_arena {
	struct base_arena_chunk *head;
	size_t chunk_size;
	size_t bytes; /* total bytes handed out, for statistics */
	size_t reserved; /* total bytes of all chunks */
};

void base_arena_init(struct base_arena *a, size_t chunk_size);
void base_arena_free(struct base_arena *a);
/* 16-byte aligned, uninitialised. */
void *base_arena_alloc(struct base_arena *a, size_t size);
/* 16-byte aligned, zeroed. */
void *base_arena_calloc(struct base_arena *a, size_t count, size_t size);
/* NUL-terminated copy of s[0..n). */
char *base_arena_strndup(struct base_arena *a, const char *s, size_t n);
char *base_arena_strdup(struct base_arena *a, const char *s);
void *base_arena_memdup(struct base_arena *a, const void *p, size_t n);
char *base_arena_printf(struct base_arena *a, const char *fmt, ...) BASE_PRINTF(2, 3);

/* Reports out-of-memory on stderr and aborts. Used by every allocator
 * wrapper; the library has no other global failure path. */
_Noreturn void base_oom(void);
void *base_xmalloc(size_t n);
void *base_xcalloc(size_t count, size_t n);
void *base_xrealloc(void *p, size_t n);
char *base_xstrdup(const char *s);

/* ---- Growable buffer -------------------------------------------------- */

/* Bytes on the heap, always NUL-terminated after len when data != NULL. */
struct base_buf {
	char *data;
	size_t len;
	size_t cap;
};

void base_buf_reserve(struct base_buf *b, size_t extra);
void base_buf_append(struct base_buf *b, const void *p, size_t n);
void base_buf_puts(struct base_buf *b, const char *s);
void base_buf_putc(struct base_buf *b, char c);
void base_buf_printf(struct base_buf *b, const char *fmt, ...) BASE_PRINTF(2, 3);
void base_buf_vprintf(struct base_buf *b, const char *fmt, va_list ap);
/* Appends the UTF-8 encoding of a code point. */
void base_buf_put_utf8(struct base_buf *b, uint32_t cp);
void base_buf_clear(struct base_buf *b);
void base_buf_free(struct base_buf *b);
/* Hands the block to the caller (who frees it with free()). */
char *base_buf_steal(struct base_buf *b);

/* Pointer vector on the heap. */
struct base_vec {
	void **items;
	size_t len;
	size_t cap;
};

void base_vec_push(struct base_vec *v, void *item);
void base_vec_free(struct base_vec *v);

/* ---- Hashing and maps ------------------------------------------------- */

uint64_t base_hash_bytes(const void *p, size_t n);
/* ASCII case-insensitive variant (hashes the lower-cased bytes). */
uint64_t base_hash_bytes_lower(const void *p, size_t n);

/* Open-addressing map from byte strings to pointers. Keys are copied into
 * the map's own arena; values are not owned. */
struct base_map {
	struct base_map_slot *slots;
	size_t cap; /* power of two */
	size_t len;
	struct base_arena keys;
};

void base_map_init(struct base_map *m);
void base_map_free(struct base_map *m);
void *base_map_get(const struct base_map *m, const char *key, size_t n);
/* Inserts or replaces. Returns the stored key copy. */
const char *base_map_put(struct base_map *m, const char *key, size_t n, void *value);
/* Iteration: returns false when done. *cursor starts at 0. */
bool base_map_next(const struct base_map *m, size_t *cursor, const char **key, size_t *keylen,
		   void **value);

/* String interning: equal strings give the same pointer, so interned names
 * compare with ==. The table owns the strings. */
struct base_atoms {
	struct base_map map;
};

void base_atoms_init(struct base_atoms *t);
void base_atoms_free(struct base_atoms *t);
const char *base_atoms_intern(struct base_atoms *t, const char *s, size_t n);

/* ---- Text ------------------------------------------------------------- */

/* Decodes one code point from UTF-8 at *p (< end) and advances *p. An
 * invalid or truncated sequence yields U+FFFD and consumes the maximal
 * subpart, as the Encoding Standard's UTF-8 decoder does. */
uint32_t base_utf8_decode(const char **p, const char *end);
/* Writes 1-4 bytes; returns the count. Surrogates and values above
 * U+10FFFF are written as U+FFFD. */
size_t base_utf8_encode(uint32_t cp, char out[4]);

static inline char base_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static inline bool base_is_ascii_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool base_ascii_ieq(const char *a, size_t an, const char *b, size_t bn);
/* Case-insensitive compare of a slice with a NUL-terminated lower-case literal. */
bool base_ascii_ieq_lit(const char *a, size_t an, const char *lit);

/* ---- Files ------------------------------------------------------------ */

enum base_status {
	BASE_OK = 0,
	BASE_ERR_NOT_FOUND,
	BASE_ERR_IO,
	BASE_ERR_IS_DIR,
	BASE_ERR_TOO_LARGE,
};

/* Reads a whole file (or standard input for "-") into out. Files larger
 * than 1 GiB are refused. */
enum base_status base_read_file(const char *path, struct base_buf *out);
const char *base_status_str(enum base_status s);
/* Joins a document's base directory and a relative reference into a file
 * path in the arena. Absolute paths are returned unchanged. */
char *base_path_resolve(struct base_arena *a, const char *base_dir, const char *rel, size_t rel_len);
/* Directory part of a path ("." when none), arena-allocated. */
char *base_path_dirname(struct base_arena *a, const char *path);

/* ---- Time and memory -------------------------------------------------- */

uint64_t base_now_ns(void);
/* Peak resident set size of the process in bytes. */
size_t base_peak_rss(void);

/* ---- Thread pool ------------------------------------------------------ */

/* A fixed set of worker threads. base_pool_parallel_for() runs fn for every
 * index in [0, n) spread over the workers and the calling thread, and
 * returns when all are done; indices are handed out dynamically (an atomic
 * counter), so uneven work balances itself. `worker` is in
 * [0, base_pool_threads()) and identifies per-thread caches. A pool of one
 * thread runs everything on the caller. Several threads may share a pool:
 * while one's job runs, another's runs on its caller alone (worker 0). */
struct base_pool;

typedef void (*base_task_fn)(void *ctx, size_t index, int worker);

struct base_pool *base_pool_create(int threads);
void base_pool_destroy(struct base_pool *p);
int base_pool_threads(const struct base_pool *p);
void base_pool_parallel_for(struct base_pool *p, size_t n, base_task_fn fn, void *ctx);
/* Number of online cores, at least 1. */
int base_cpu_count(void);

#endif
