/* audit.c: writes the append-only audit trail (LOG-01, LOG-02): UTC time, event, organisation, subject
 * user, acting user, client address, request id, a short detail, and the support grant the acting user
 * works under, if any. Callers never put a password, code
 * or token in the detail. Inside a transaction the row commits (or rolls back) with the change it records. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ClearSilver.h>

#include "portal.h"

enum portal_err portal_audit(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail)
{
	/* what the support desk does in a customer's data names the grant it works under (ACC-07) */
	int64_t grant = r->sess.acting.allowed && org_id == r->sess.acting.org_id ? r->sess.acting.grant_id : 0;
	return portal_audit_grant(r, event, org_id, user_id, detail, grant);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO audit_log (at, event, org_id, user_id, actor_id, client_addr, request_id, detail, grant_id)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

enum portal_err portal_audit_grant(struct portal_req *r, const char *event, int64_t org_id, int64_t user_id,
	const char *detail, int64_t grant)
{
	char clean[1001];
	portal_clean_text(clean, sizeof clean, detail ? detail : "");
	int64_t actor = r->sess.stage == PORTAL_STAGE_FULL ? r->sess.user_id : 0;
	enum portal_err rc = portal_exec(r, &sql_insert, NULL, "isIIIsssI", r->now, event, org_id, user_id, actor,
		r->remote_addr ? r->remote_addr : "", r->rid, clean, grant);
	if (rc != PORTAL_OK)
		portal_log(r, PORTAL_LOG_ERR, "audit row %s not written", event);
	return rc;
}

const char *portal_event_words(struct portal_req *r, const char *event)
{
	if (!event)
		return "";
	const char *words = portal_text_or(r, portal_printf(r, "Event.%s", event), NULL);
	if (words)
		return words;
	char *s = portal_strdup(r, event);   /* an event without words yet: its name, readable */
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}

/* A detail's forms in a language file: Lang.AuditWords.<event>.<n>.from is the form as the log writes it,
 * with a hole for each text that varies: {} any text, {roles} a list of role keys, {w} one word the language
 * file may give in Lang.AuditWords.word (a status, "none", ...), {date} a time as the log writes it; .to is the same in the language's words,
 * {1}, {2}, ... the holes' texts in order, role keys as the roles' names. The first form that matches
 * wins; a detail no form matches is shown as written. */
#define MAX_HOLES 6
struct hole {
	const char *p;
	size_t n;
	char kind;   /* 't' text, 'r' roles, 'w' word */
};

/* A hole ends where the form's next character follows (a hole at the end takes the rest); a budget of steps
 * bounds the search whatever the detail. */
static bool form_match(const char *f, const char *d, struct hole *h, int nh, int *budget)
{
	if (--*budget < 0)
		return false;
	if (!*f)
		return !*d;
	if (*f != '{')
		return *f == *d && form_match(f + 1, d + 1, h, nh, budget);
	const char *end = strchr(f, '}');
	if (!end || nh == MAX_HOLES || end[1] == '{')
		return false;
	char kind = end == f + 1 ? 't' : f[1];
	size_t len = strlen(d);
	for (size_t n = end[1] ? 1 : len; n <= len; n++) {   /* the shortest text that lets the rest match */
		if (end[1] && d[n] != end[1])
			continue;
		h[nh] = (struct hole){ d, n, kind };
		if (form_match(end + 1, d + n, h, nh + 1, budget))
			return true;
	}
	return false;
}

static int holes_in(const char *f)
{
	int n = 0;
	for (; *f; f++)
		n += *f == '{';
	return n;
}

static void hole_words(struct portal_req *r, struct portal_buf *b, const struct hole *h)
{
	char *t = portal_strndup(r, h->p, h->n);
	int y, mo, d, hh, mi;
	if (h->kind == 'd' && sscanf(t, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &hh, &mi) == 5) {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = hh, .tm_min = mi,
			.tm_isdst = -1 };   /* the log's local time (portal_when_iso) */
		const char *when = portal_when(r, (int64_t)mktime(&tm));
		portal_buf_adds(b, when ? when : t);
		return;
	}
	if (h->kind == 'w') {
		portal_buf_adds(b, portal_text_or(r, portal_printf(r, "AuditWords.word.%s", t), t));
		return;
	}
	if (h->kind != 'r') {
		portal_buf_adds(b, t);
		return;
	}
	const struct portal_catalogue *cat = portal_catalogue();
	char *save = NULL;
	bool first = true;
	for (char *k = strtok_r(t, ", ", &save); k; k = strtok_r(NULL, ", ", &save), first = false) {
		const char *name = k;
		for (size_t i = 0; cat && i < cat->nroles; i++)
			if (!strcmp(cat->roles[i].key, k))
				name = cat->roles[i].name[r->lang];
		if (!strcmp(k, "none"))
			name = portal_text_or(r, "AuditWords.word.none", k);
		portal_buf_addf(b, "%s%s", first ? "" : ", ", name);
	}
}

/* One detail (or one part of it) in the language's words by the event's first matching form; NULL if none. */
static const char *form_words(struct portal_req *r, HDF *forms, const char *detail)
{
	for (HDF *x = forms ? hdf_obj_child(forms) : NULL; x; x = hdf_obj_next(x)) {
		const char *from = hdf_get_value(x, "from", NULL), *to = hdf_get_value(x, "to", NULL);
		struct hole h[MAX_HOLES];
		int budget = 20000;
		if (!from || !to || holes_in(from) > MAX_HOLES || !form_match(from, detail, h, 0, &budget))
			continue;
		struct portal_buf b = { 0 };
		for (const char *p = to; *p; p++) {
			if (p[0] == '{' && p[1] >= '1' && p[1] < '1' + holes_in(from) && p[2] == '}') {
				hole_words(r, &b, &h[p[1] - '1']);
				p += 2;
			} else {
				portal_buf_addf(&b, "%c", *p);
			}
		}
		const char *out = portal_strdup(r, b.len ? portal_buf_str(&b) : "");
		portal_buf_free(&b);
		return out;
	}
	return NULL;
}

/* A detail of parts ("e-mail A -> B; earlier links void") part by part when every part has a form (a form's
 * last hole would otherwise take the parts after it); else the whole detail by a form. */
const char *portal_audit_detail_words(struct portal_req *r, const char *event, const char *detail, bool *words)
{
	*words = false;
	HDF *forms = event && detail && *detail ? portal_text_node(r, portal_printf(r, "AuditWords.%s", event)) : NULL;
	if (!forms)
		return detail;
	if (strstr(detail, "; ")) {
		struct portal_buf b = { 0 };
		const char *p = detail;
		while (p) {
			const char *end = strstr(p, "; ");
			const char *part = form_words(r, forms, end ? portal_strndup(r, p, (size_t)(end - p)) : p);
			if (!part)
				break;
			portal_buf_addf(&b, "%s%s", b.len ? "; " : "", part);
			p = end ? end + 2 : NULL;
		}
		if (!p) {
			const char *out = portal_strdup(r, portal_buf_str(&b));
			portal_buf_free(&b);
			*words = true;
			return out;
		}
		portal_buf_free(&b);
	}
	const char *whole = form_words(r, forms, detail);
	if (whole)
		*words = true;
	return whole ? whole : detail;
}
