/* mem.c: growable buffers and the per-request arena. Everything a request allocates through
 * portal_alloc() is freed in one go when the request ends, so nothing survives into the next one. Also
 * UTF-8 checks of bytes, which the parsers, the fields and the log use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"

void *portal_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("poortwachter: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *portal_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("poortwachter: out of memory\n", stderr);
		abort();
	}
	return q;
}

char *portal_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = portal_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

static void buf_grow(struct portal_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len) {  /* overflow */
		fputs("poortwachter: buffer overflow\n", stderr);
		abort();
	}
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->p = portal_xrealloc(b->p, cap);
	b->cap = cap;
}

void portal_buf_add(struct portal_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void portal_buf_adds(struct portal_buf *b, const char *s)
{
	portal_buf_add(b, s, strlen(s));
}

/* Formats once into the room the buffer has; only when that is too small, again after growing it. */
void portal_buf_addf(struct portal_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room = b->p ? b->cap - b->len : 0;   /* bytes from the end on, the NUL's included */
	va_start(ap, fmt);
	int n = vsnprintf(room ? b->p + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		if (room)
			b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void portal_buf_reset(struct portal_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void portal_buf_free(struct portal_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

const char *portal_buf_str(struct portal_buf *b)
{
	if (!b->p)
		buf_grow(b, 0), b->p[0] = '\0';
	return b->p;
}

/* The arena: a list of blocks; big requests get a block of their own. */
struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct portal_arena {
	struct block *head;
};

#define BLOCK_SIZE 8192

struct portal_arena *portal_arena_new(void)
{
	struct portal_arena *a = portal_xmalloc(sizeof *a);
	a->head = NULL;
	return a;
}

void portal_arena_free(struct portal_arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void portal_arena_reset(struct portal_arena *a)
{
	struct block *keep = NULL, *b = a->head;
	while (b) {
		struct block *next = b->next;
		if (!keep && b->size == BLOCK_SIZE) {
			memset(b->data, 0, b->used);   /* nothing of one request is readable in the next */
			b->used = 0;
			b->next = NULL;
			keep = b;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = keep;
}

static void *arena_alloc(struct portal_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE / 2 ? n : BLOCK_SIZE;
		b = portal_xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		if (n > BLOCK_SIZE / 2 && a->head) {
			/* keep the current block for small allocations */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

void *portal_alloc(struct portal_req *r, size_t n)
{
	return arena_alloc(r->arena, n);
}

char *portal_strndup(struct portal_req *r, const char *s, size_t n)
{
	char *p = portal_alloc(r, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *portal_strdup(struct portal_req *r, const char *s)
{
	return s ? portal_strndup(r, s, strlen(s)) : NULL;
}

/* Formats once into the free part of the arena's current block and claims what it used; only when that is
 * too small, again into an allocation of the right size. */
char *portal_printf(struct portal_req *r, const char *fmt, ...)
{
	va_list ap;
	struct block *b = r->arena->head;
	size_t room = b ? b->size - b->used : 0;   /* a multiple of the alignment, like used */
	char *dst = b ? (char *)b->data + b->used : NULL;
	va_start(ap, fmt);
	int n = vsnprintf(room ? dst : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return portal_strdup(r, "");
	if ((size_t)n < room) {
		const size_t align = sizeof(max_align_t);
		size_t take = ((size_t)n + 1 + align - 1) / align * align;   /* <= room: both multiples of align */
		memset(dst + n + 1, 0, take - (size_t)n - 1);
		b->used += take;
		return dst;
	}
	char *p = portal_alloc(r, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

bool portal_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	while (p < e) {
		unsigned c = *p;
		size_t n;
		unsigned min;
		if (c < 0x80) { p++; continue; }
		else if ((c & 0xe0) == 0xc0) { n = 1; min = 0x80; c &= 0x1f; }
		else if ((c & 0xf0) == 0xe0) { n = 2; min = 0x800; c &= 0x0f; }
		else if ((c & 0xf8) == 0xf0) { n = 3; min = 0x10000; c &= 0x07; }
		else return false;
		if ((size_t)(e - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

size_t portal_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}
