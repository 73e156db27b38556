/* quota.c: the incident-submitter quota (documents 001, 004; ACC-05). A role that gives incidents.submit
 * (Incidentenbeheer) may be held by at most max colleagues of an organisation: its size class's number, or
 * the vendor's override. Certified experts and disabled or removed colleagues do not count. Every path that
 * can make someone a counted holder (granting the role, adding or importing colleagues with it, enabling a
 * holder, clearing the expert flag) calls portal_quota_lock() inside its transaction: the organisation's row
 * is locked, so twenty parallel grants with one free slot give exactly one success. Lowering the quota strips
 * nobody; new grants are refused until the organisation is under it again. The vendor's lists of customers
 * show the counts kept in org_counts (sql/020) while they are current, and store those they had to count. */
#include <string.h>

#include "portal.h"
#include "holders.h"

/* counted holders: active or invited, not certified experts, holding a role that gives incidents.submit;
 * one colleague (the one being changed) left out */
enum { QC_COUNT, QC__N };
PORTAL_SQL(sql_count, QC__N,
	"SELECT COUNT(DISTINCT u.id) FROM" SQL_SUBMITTERS("?") " AND u.id <> ?");

/* the quota of an organisation, its row locked for the granting transaction (ACC-05) */
enum { QL_ID, QL_MAX, QL_OVERRIDE, QL_SIZE_CLASS, QL__N };
PORTAL_SQL(sql_lock, QL__N,
	"SELECT o.id, COALESCE(o.quota_override, qc.max_submitters, 0), o.quota_override IS NOT NULL, o.size_class"
	" FROM organisations o LEFT JOIN quota_classes qc ON qc.size_class = o.size_class WHERE o.id = ? FOR UPDATE");

enum portal_err portal_quota_lock(struct portal_req *r, int64_t org_id, int64_t except_user, struct portal_quota *q)
{
	memset(q, 0, sizeof *q);
	struct portal_rows *row;
	enum portal_err rc = portal_query_row(r, &row, &sql_lock, "i", org_id);
	if (rc != PORTAL_OK)
		return rc;
	q->max = portal_col_int(row, QL_MAX);
	q->override_set = portal_col_int(row, QL_OVERRIDE) != 0;
	q->size_class = portal_col_int(row, QL_SIZE_CLASS);
	if ((rc = portal_query_row(r, &row, &sql_count, "iii", org_id, org_id, except_user)) != PORTAL_OK)
		return rc;
	q->used = portal_col_int(row, QC_COUNT);
	return PORTAL_OK;
}

const char *portal_quota_message(struct portal_req *r, const struct portal_quota *q)
{
	return portal_fill(r, portal_text(r, "Quota.reached"), "used", portal_printf(r, "%lld", (long long)q->used), "max",
		portal_printf(r, "%lld", (long long)q->max), NULL);
}

int portal_org_page_next(struct portal_rows *rs, struct portal_page *pg, struct portal_org_counts *c,
	const struct portal_org_count_cols *cols)
{
	int f;
	while ((f = portal_next(rs)) == 1) {
		if (!portal_col_int(rs, cols->fresh) && c->n < PORTAL_ORG_COUNTS_MAX) {
			c->row[c->n].org_id = portal_col_int(rs, cols->id);
			c->row[c->n].admins = portal_col_int(rs, cols->admins);
			c->row[c->n].submitters = portal_col_int(rs, cols->submitters);
			c->row[c->n].users_version = portal_col_int(rs, cols->users_version);
			c->row[c->n].cat_version = portal_col_int(rs, cols->cat_version);
			c->n++;
		}
		if (pg->n < pg->size) {
			pg->i = pg->n++;
			return 1;
		}
		pg->more = true;
	}
	return f;
}

/* the counts a list counted itself, stored with the versions they were counted at (sql/020): one statement
 * for the page, its rows a JSON array of [org, users_version, catalogue version, admins, submitters] */
PORTAL_SQL(sql_org_counts_put, 0,
	"INSERT INTO org_counts (org_id, users_version, cat_version, admins, submitters)"
	" SELECT j.org_id, j.uv, j.cv, j.admins, j.submitters FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	" org_id BIGINT UNSIGNED PATH '$[0]', uv BIGINT UNSIGNED PATH '$[1]', cv BIGINT UNSIGNED PATH '$[2]',"
	" admins INT UNSIGNED PATH '$[3]', submitters INT UNSIGNED PATH '$[4]')) j"
	" ON DUPLICATE KEY UPDATE users_version = VALUES(users_version), cat_version = VALUES(cat_version),"
	" admins = VALUES(admins), submitters = VALUES(submitters)");

void portal_org_counts_store(struct portal_req *r, const struct portal_org_counts *c)
{
	if (c->n == 0)
		return;
	struct portal_buf b = { 0 };   /* numbers only: [[org, users_version, catalogue version, admins, submitters], ...] */
	for (size_t i = 0; i < c->n; i++)
		portal_buf_addf(&b, "%s[%lld,%lld,%lld,%lld,%lld]", i ? "," : "[", (long long)c->row[i].org_id,
			(long long)c->row[i].users_version, (long long)c->row[i].cat_version, (long long)c->row[i].admins,
			(long long)c->row[i].submitters);
	portal_buf_adds(&b, "]");
	if (portal_exec(r, &sql_org_counts_put, NULL, "s", portal_buf_str(&b)) != PORTAL_OK) {
		portal_log(r, PORTAL_LOG_WARN, "org_counts: could not keep the counts of %zu organisation(s)", c->n);
		r->db_failed = r->deadlocked = false;   /* the list is complete: not the page's failure */
	}
	portal_buf_free(&b);
}

/* over quota since when (kept while it stays over), or not (NULL) */
PORTAL_SQL(sql_flag, 0,
	"UPDATE organisations SET over_quota_since = IF(? IS NULL, NULL, COALESCE(over_quota_since, ?)) WHERE id = ?");

enum portal_err portal_quota_flag(struct portal_req *r, int64_t org_id, bool over)
{
	return portal_exec(r, &sql_flag, NULL, "Iii", over ? r->now : 0, r->now, org_id);
}

/* the size classes; the second with how many customers are flagged over their maximum (one round trip) */
enum { QK_CLASS, QK_LABEL_NL, QK_LABEL_EN, QK_MAX, QK__N, QK_OVER = QK__N, QK_OVER__N };
PORTAL_SQL(sql_classes, QK__N,
	"SELECT size_class, label_nl, label_en, max_submitters FROM quota_classes ORDER BY size_class");
PORTAL_SQL(sql_classes_over, QK_OVER__N,
	"SELECT size_class, label_nl, label_en, max_submitters, (SELECT COUNT(*) FROM organisations"
	" WHERE kind = 'customer' AND over_quota_since IS NOT NULL) FROM quota_classes ORDER BY size_class");

enum portal_err portal_size_classes(struct portal_req *r, struct portal_size_classes *out, int64_t *over)
{
	memset(out, 0, sizeof *out);
	struct portal_rows *q;
	enum portal_err rc = portal_query(r, &q, over ? &sql_classes_over : &sql_classes, "");
	if (rc != PORTAL_OK)
		return rc;
	int f;
	while ((f = portal_next(q)) == 1) {
		if (out->n == PORTAL_SIZE_CLASSES_MAX)
			continue;
		struct portal_size_class *c = &out->c[out->n++];
		c->id = portal_col_int(q, QK_CLASS);
		c->label = portal_strdup(r, portal_col(q, r->lang == PORTAL_EN ? QK_LABEL_EN : QK_LABEL_NL));
		c->max = portal_col_int(q, QK_MAX);
		if (over)
			*over = portal_col_int(q, QK_OVER);
	}
	return f < 0 ? PORTAL_ERR_DB : PORTAL_OK;
}

const struct portal_size_class *portal_size_class(const struct portal_size_classes *all, int64_t id)
{
	for (size_t i = 0; i < all->n; i++)
		if (all->c[i].id == id)
			return &all->c[i];
	return NULL;
}
