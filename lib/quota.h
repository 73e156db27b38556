/* quota.h: the incident-submitter quota (quota.c, documents 001 and 004). */
#ifndef PORTAL_QUOTA_H
#define PORTAL_QUOTA_H

#include "base.h"
#include "authz.h"

struct portal_quota {
	int64_t used;        /* counted holders, the colleague being changed left out */
	int64_t max;         /* the size class's maximum, or the vendor's override */
	bool override_set;
	int64_t size_class;
};
/* In the granting transaction: locks the organisation's row and counts its holders, leaving except_user out.
 * Concurrent grants queue on the lock, so the count they see is final (ACC-05). */
enum portal_err portal_quota_lock(struct portal_req *r, int64_t org_id, int64_t except_user, struct portal_quota *q);
/* Flags the organisation over its maximum since now (kept while it stays over), or clears the flag. */
enum portal_err portal_quota_flag(struct portal_req *r, int64_t org_id, bool over);
/* The size classes in order, their labels in the request's language; over (when not NULL) gets how many
 * customers are flagged over their maximum, in the same round trip. */
#define PORTAL_SIZE_CLASSES_MAX 32
struct portal_size_class {
	int64_t id, max;
	const char *label;
};
struct portal_size_classes {
	size_t n;
	struct portal_size_class c[PORTAL_SIZE_CLASSES_MAX];
};
enum portal_err portal_size_classes(struct portal_req *r, struct portal_size_classes *out, int64_t *over);
const struct portal_size_class *portal_size_class(const struct portal_size_classes *all, int64_t id);
/* "quota reached (3 of 3): revoke someone first or ask support", in the user's language. */
const char *portal_quota_message(struct portal_req *r, const struct portal_quota *q);
/* The vendor's lists of customers (sql/020): the admins and submitters a list counted itself, because org_counts
 * held none for the organisation's and the catalogue's current versions, noted while its rows are read (the
 * statement's columns: admins, submitters, and from `fresh` on: fresh, users_version, catalogue version) and
 * stored after them for the next view, in one statement. A store that fails is logged and otherwise ignored:
 * the list is complete, and the next view counts again. */
#define PORTAL_ORG_COUNTS_MAX 64
struct portal_org_counts {
	size_t n;
	struct { int64_t org_id, admins, submitters, users_version, cat_version; } row[PORTAL_ORG_COUNTS_MAX];
};
/* where the statement has them */
struct portal_org_count_cols {
	unsigned id, admins, submitters, fresh, users_version, cat_version;
};
/* A page of organisations read like portal_page_next, each row's counts noted in c (also the row after the page:
 * its counts were made all the same). */
int portal_org_page_next(struct portal_rows *rs, struct portal_page *pg, struct portal_org_counts *c,
	const struct portal_org_count_cols *cols);
void portal_org_counts_store(struct portal_req *r, const struct portal_org_counts *c);

#endif
