/* upload.c: uploaded files (dossier documents, incident attachments): accepted only as PDF, PNG or JPEG by
 * their first bytes with a matching extension, a plain file name (no path, no control characters, no leading
 * dot), within limits.max_upload less 64 KiB; stored in documents.dir (outside the web root) under a random
 * name, mode 0600, synced before the caller commits its row; sent back as an attachment in a sandbox. The
 * database keeps the user's name for display, the type, the size and the SHA-256. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "portal.h"

/* The type by the file's first bytes, and the extensions allowed for it; NULL if not PDF, PNG or JPEG. */
static const char *sniff(const unsigned char *p, size_t n, const char *const **exts)
{
	static const char *const pdf[] = { ".pdf", NULL }, *const png[] = { ".png", NULL },
		*const jpg[] = { ".jpg", ".jpeg", NULL };
	if (n >= 5 && !memcmp(p, "%PDF-", 5))
		return *exts = pdf, "application/pdf";
	if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return *exts = png, "image/png";
	if (n >= 3 && !memcmp(p, "\xff\xd8\xff", 3))
		return *exts = jpg, "image/jpeg";
	return NULL;
}

/* 1..200 characters, no path (/ or \ or ..), no control characters or quotes, no leading dot, one of exts. */
static const char *filename_check(const char *name, const char *const *exts)
{
	size_t n = strlen(name);
	if (n == 0)
		return "Upload.name";
	if (portal_utf8_chars(name, n) > 200)
		return "Err.too_long";
	if (name[0] == '.' || strstr(name, ".."))
		return "Upload.path";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p == '/' || *p == '\\')
			return "Upload.path";
		if (*p < 0x20 || *p == 0x7f || *p == '"')
			return "Upload.name";
	}
	for (size_t i = 0; exts[i]; i++) {
		size_t el = strlen(exts[i]);
		if (n > el && !strcasecmp(name + n - el, exts[i]))
			return NULL;
	}
	return "Upload.ext";
}

static bool path_of(char *out, size_t n, const char *name)
{
	const char *dir = portal_cf->documents_dir;
	return dir && *dir && snprintf(out, n, "%s/%s", dir, name) < (int)n;
}

int portal_upload_store(struct portal_req *r, const struct portal_file *f, struct portal_stored *out, const char **why)
{
	memset(out, 0, sizeof *out);
	if (f->len > (size_t)(portal_cf->max_upload - 65536))
		return *why = "Upload.large", 413;
	const char *const *exts = NULL;
	out->type = sniff(f->data, f->len, &exts);
	if (!out->type)
		return *why = "Upload.type", 415;
	if ((*why = filename_check(f->filename, exts)) != NULL)
		return 422;
	unsigned char rnd[16];
	portal_random(rnd, sizeof rnd);
	portal_hex(rnd, sizeof rnd, out->name);
	portal_sha256(f->data, f->len, out->sha256);
	char path[4096];
	*why = "Upload.storage";   /* the folder missing, read-only or full: the user is told, nothing is kept */
	if (!path_of(path, sizeof path, out->name)) {
		portal_log(r, PORTAL_LOG_ERR, "documents.dir is not configured: upload refused");
		return 503;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		portal_log(r, PORTAL_LOG_ERR, "cannot store an upload in documents.dir: %s", strerror(errno));
		return 503;
	}
	size_t done = 0;
	while (done < f->len) {
		ssize_t w = write(fd, f->data + done, f->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	bool ok = done == f->len && fsync(fd) == 0;
	int saved = errno;
	close(fd);
	if (!ok) {
		unlink(path);
		portal_log(r, PORTAL_LOG_ERR, "cannot store an upload in documents.dir: %s", strerror(saved));
		return 503;
	}
	*why = NULL;
	return 0;
}

/* Only while the row naming the file is certainly not committed: after a failed COMMIT the outcome is unknown
 * (the connection may have been lost after the server committed), so the file stays, and portalctl
 * sweep-uploads removes it later if no row names it. Discarding then left rows without their file. */
void portal_upload_discard(const char *stored_name)
{
	char path[4096];
	if (stored_name && *stored_name && path_of(path, sizeof path, stored_name))
		unlink(path);
}

int portal_upload_commit(struct portal_req *r, enum portal_err rc, const char *stored, const char *once, const char *done)
{
	if (rc == PORTAL_OK && (rc = portal_once_done(r, once, done)) == PORTAL_ERR_DUP) {
		portal_upload_discard(stored);   /* a copy of this form committed first: its result */
		return portal_once_lost_race(r, once);
	}
	if (rc != PORTAL_OK) {
		portal_upload_discard(stored);
		return portal_failed(r, rc);
	}
	return portal_done(r, PORTAL_OK, done);   /* a failed COMMIT may have committed after all: the file stays */
}

int portal_upload_open(struct portal_req *r, const char *once, const struct portal_file *f, struct portal_stored *out,
	const char **why)
{
	memset(out, 0, sizeof *out);
	*why = NULL;
	int code = portal_once_seen(r, once);
	if (code || !f)
		return code;
	if ((code = portal_upload_store(r, f, out, why)) == 503) {
		code = portal_error(r, 503, *why);
		*why = NULL;
	}
	return code;
}

/* RFC 6266: an ASCII fallback and the UTF-8 name percent-encoded. */
static const char *disposition(struct portal_req *r, const char *name)
{
	struct portal_buf a = { 0 }, u = { 0 };
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		portal_buf_addf(&a, "%c", *p < 0x80 && *p != '"' && *p != '\\' && *p != '%' && *p != ';' ? *p : '_');
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(".-_", *p))
			portal_buf_addf(&u, "%c", *p);
		else
			portal_buf_addf(&u, "%%%02X", *p);
	}
	const char *s = portal_printf(r, "attachment; filename=\"%s\"; filename*=UTF-8''%s", portal_buf_str(&a),
		portal_buf_str(&u));
	portal_buf_free(&a);
	portal_buf_free(&u);
	return s;
}

int portal_upload_send(struct portal_req *r, const char *stored_name, int64_t size, const char *type,
	const char *filename)
{
	char path[4096];
	int fd = path_of(path, sizeof path, stored_name) ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != size) {
		portal_log(r, PORTAL_LOG_ERR, "stored file %s missing or changed", stored_name);
		if (fd >= 0)
			close(fd);
		return portal_error(r, 500, "Err.server");
	}
	portal_buf_reset(&r->body);
	char buf[65536];
	ssize_t k;
	while ((k = read(fd, buf, sizeof buf)) > 0)
		portal_buf_add(&r->body, buf, (size_t)k);
	close(fd);
	if (k < 0 || (int64_t)r->body.len != size) {
		portal_buf_reset(&r->body);
		return portal_error(r, 500, "Err.server");
	}
	r->content_type = portal_strdup(r, type);
	portal_header(r, "Content-Disposition", disposition(r, filename));
	portal_header(r, "Content-Security-Policy", "sandbox");
	r->status = 200;
	r->body_set = true;
	return 200;
}
