/* mem.h: memory (mem.c): growable buffers, the per-request arena, and UTF-8 checks of bytes. */
#ifndef PORTAL_MEM_H
#define PORTAL_MEM_H

#include "base.h"

struct portal_buf {
	char *p;
	size_t len, cap;
};
void *portal_xmalloc(size_t n);                 /* aborts the process when memory is exhausted */
void *portal_xrealloc(void *p, size_t n);
char *portal_xstrdup(const char *s);
void portal_buf_add(struct portal_buf *b, const void *p, size_t n);
void portal_buf_adds(struct portal_buf *b, const char *s);
void portal_buf_addf(struct portal_buf *b, const char *fmt, ...) PORTAL_PRINTF(2, 3);
void portal_buf_reset(struct portal_buf *b);     /* keeps the allocation */
void portal_buf_free(struct portal_buf *b);
const char *portal_buf_str(struct portal_buf *b); /* NUL-terminated view */

struct portal_arena;
struct portal_arena *portal_arena_new(void);
void portal_arena_free(struct portal_arena *a);
void portal_arena_reset(struct portal_arena *a);   /* frees all but one block, zeroed, for reuse */
void *portal_alloc(struct portal_req *r, size_t n);             /* zeroed, freed with the request */
char *portal_strdup(struct portal_req *r, const char *s);
char *portal_strndup(struct portal_req *r, const char *s, size_t n);
char *portal_printf(struct portal_req *r, const char *fmt, ...) PORTAL_PRINTF(2, 3);
/* Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF); its characters. */
bool portal_utf8_valid(const char *s, size_t len);
size_t portal_utf8_chars(const char *s, size_t len);

#endif
