/* documents.c: Documenten from the vendor to an organisation (documents 000 and 004), per category:
 * Facturen (invoices.view, Beheerder by default) and Financiële documenten (finance.documents, the seed's
 * 'Financiële Documenten': current-account statements and the like).
 *  - GET  /documents                 a user with either right: the categories they hold, newest first, 50 a
 *                                    page (c, before: the next page of one category); others 403;
 *  - GET  /documents/#               the PDF as an attachment; 404 for anyone without the category's right,
 *                                    like a missing one (nobody else learns it exists); the vendor (orgs.manage)
 *                                    any customer's;
 *  - GET  /documents/orgs/#          orgs.manage: a customer's documents and the upload form;
 *  - POST /documents/orgs/#          orgs.manage, multipart: category, title, a PDF under the upload rules of
 *                                    dossier documents (lib/upload.c); audited in the customer's log;
 *  - POST /documents/#/withdraw      orgs.manage: a document uploaded by mistake taken back; audited. */
#include <stdint.h>
#include <string.h>

#include "portal.h"
#include "site.h"

static const struct cat {
	const char *key, *right, *label;
} cats[] = {
	{ "invoices", "invoices.view", "Docs.invoices" },
	{ "finance", "finance.documents", "Docs.finance" },
};
#define NCATS (sizeof cats / sizeof *cats)
static const char *const cat_keys[] = { "invoices", "finance", NULL };
static const char *const notices[] = { "uploaded", "withdrawn", NULL };

static const struct portal_field list_fields[] = {
	{ "c", PF_ENUM, 0, 0, 0, cat_keys },
	{ "before", PF_INT, 0, 1, 9007199254740991LL, NULL },
	{ "m", PF_ENUM, 0, 0, 0, notices },
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};
enum { UF_CATEGORY, UF_TITLE, UF_FILE, UF_ONCE };
static const struct portal_field upload_fields[] = {
	[UF_CATEGORY] = { "category", PF_ENUM, PF_REQUIRED, 0, 0, cat_keys },
	[UF_TITLE] = { "title", PF_LINE, PF_REQUIRED, 2, 200, NULL },
	[UF_FILE] = { "file", PF_FILE, PF_REQUIRED, 0, INT64_MAX, NULL },
	[UF_ONCE] = { "once", PF_DIGITS, 0, 32, 32, NULL },   /* the form's one-time token (once.c) */
	{ NULL, PF_NONE, 0, 0, 0, NULL },
};

#define PAGE 50

/* ---- documents from the vendor to an organisation ---- */
enum { DL_ID, DL_TITLE, DL_FILENAME, DL_SIZE, DL_CREATED, DL_GIVEN, DL_PREFIX, DL_FAMILY, DL__N };
PORTAL_SQL(sql_list, DL__N,
	"SELECT d.id, d.title, d.filename, d.size, d.created_at, u.given_name, u.name_prefix, u.family_name"
	" FROM org_documents d LEFT JOIN users u ON u.id = d.uploaded_by"
	" WHERE d.org_id = ? AND d.category = ? AND (? IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?");

/* One category's documents of org into node, newest first from before; true when there are more. */
static enum portal_err list_cat(struct portal_req *r, int64_t org, const struct cat *c, int64_t before, void *node)
{
	portal_nset(r, node, "key", c->key);
	portal_nset(r, node, "label", portal_text(r, c->label));
	struct portal_rows *q;
	enum portal_err rc = portal_query(r, &q, &sql_list, "isIIi", org, c->key, before, before, (int64_t)PAGE + 1);
	if (rc != PORTAL_OK)
		return rc;
	struct portal_list page = { .pg.size = PAGE, .list = portal_node(r, node, "docs"), .id_col = DL_ID };
	while (portal_list_next(r, q, &page)) {
		portal_nset(r, page.item, "title", portal_col(q, DL_TITLE));
		portal_nset(r, page.item, "filename", portal_col(q, DL_FILENAME));
		portal_nset_int(r, page.item, "kb", (portal_col_int(q, DL_SIZE) + 1023) / 1024);
		portal_nset(r, page.item, "created", portal_when(r, portal_col_int(q, DL_CREATED)));
		if (!portal_col_null(q, DL_GIVEN))
			portal_nset(r, page.item, "by", portal_full_name(r, portal_col(q, DL_GIVEN), portal_col(q, DL_PREFIX),
				portal_col(q, DL_FAMILY)));
	}
	if (page.pg.more)
		portal_nset_int(r, node, "older", page.last);
	return page.failed ? PORTAL_ERR_DB : PORTAL_OK;
}

/* GET /documents — a user with invoices.view or finance.documents. In: c and before (a further page of one
 * category), m. Out: 200; 403 with neither right; 404 a category the user does not hold. */
static int index_page(struct portal_req *r)
{
	const struct portal_value *c = &r->in[0], *before = &r->in[1];
	if (!c->valid || !before->valid)
		return portal_error(r, 400, "Err.bad_field");
	void *l = portal_node(r, NULL, "Page.cats");
	size_t n = 0;
	bool any = false;
	for (size_t i = 0; i < NCATS; i++) {
		if (!portal_has_right(r, cats[i].right))
			continue;
		any = true;
		if (c->present && strcmp(c->s, cats[i].key))
			continue;
		if (list_cat(r, r->sess.org_id, &cats[i], c->present && before->present ? before->i : 0,
			     portal_node_i(r, l, n++)) != PORTAL_OK)
			return 503;
	}
	if (!any)
		return portal_error(r, 403, "Docs.no_right");
	if (n == 0)
		return portal_error(r, 404, "Err.not_found");
	return portal_render_page(r, 200, NULL, notices, "Docs", "list", "documents.cs");
}

/* one document: a customer's own (org_id given), or any for the vendor (org_id NULL) */
enum { DG_ID, DG_ORG, DG_CATEGORY, DG_TITLE, DG_FILENAME, DG_STORED, DG_CONTENT_TYPE, DG_SIZE, DG__N };
PORTAL_SQL(sql_get, DG__N,
	"SELECT id, org_id, category, title, filename, stored_name, content_type, size FROM org_documents"
	" WHERE id = ? AND (? IS NULL OR org_id = ?)");

/* GET /documents/# — the category's right in the document's organisation, or orgs.manage (the vendor). Out: 200
 * the PDF as an attachment; 404 otherwise, like a missing one. */
static int download(struct portal_req *r)
{
	bool vendor = portal_has_right(r, "orgs.manage");
	int64_t org = vendor ? 0 : r->sess.org_id;
	struct portal_rows *q;
	int st = portal_row_or_404(r, &q, &sql_get, "iII", r->path_id, org, org);
	if (st)
		return st;
	const char *category = portal_col(q, DG_CATEGORY);
	bool may = vendor;
	for (size_t i = 0; i < NCATS && !may; i++)
		may = !strcmp(category, cats[i].key) && portal_has_right(r, cats[i].right);
	if (!may)
		return portal_error(r, 404, "Err.not_found");
	return portal_upload_send(r, portal_strdup(r, portal_col(q, DG_STORED)), portal_col_int(q, DG_SIZE),
		portal_strdup(r, portal_col(q, DG_CONTENT_TYPE)), portal_strdup(r, portal_col(q, DG_FILENAME)));
}

enum { DO_NAME, DO__N };
PORTAL_SQL(sql_org, DO__N,
	"SELECT name FROM organisations WHERE id = ? AND kind = 'customer'");

static int org_page(struct portal_req *r, int status, const char *error_key)
{
	struct portal_rows *q;
	int st = portal_row_or_404(r, &q, &sql_org, "i", r->path_id);
	if (st)
		return st;
	portal_set(r, "Page.org.name", portal_col(q, DO_NAME));
	portal_set_int(r, "Page.org.id", r->path_id);
	void *l = portal_node(r, NULL, "Page.cats");
	for (size_t i = 0; i < NCATS; i++)
		if (list_cat(r, r->path_id, &cats[i], 0, portal_node_i(r, l, i)) != PORTAL_OK)
			return 503;
	portal_set(r, "Page.once", portal_once_token(r));
	if (error_key && r->route->fields == upload_fields) {   /* a refused upload keeps what was typed */
		portal_set(r, "Page.form.category", r->in[UF_CATEGORY].valid ? r->in[UF_CATEGORY].s : NULL);
		portal_set(r, "Page.form.title", r->in[UF_TITLE].s);
	}
	return portal_render_page(r, status, error_key, notices, "Docs", "org", "documents.cs");
}

/* GET /documents/orgs/# — orgs.manage. In: m. Out: 200; 404 not a customer. */
static int org_view(struct portal_req *r)
{
	return org_page(r, 200, NULL);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO org_documents (org_id, category, title, filename, stored_name, content_type, size, sha256,"
	" uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* POST /documents/orgs/# — orgs.manage, CSRF, multipart. In: category, title, file (a PDF: type by its first
 * bytes, a plain name ending .pdf, size within the limit). Out: 303; 404 not a customer; 413; 415 not a PDF;
 * 422 (nothing stored). */
static int upload(struct portal_req *r)
{
	const char *bad = portal_invalid(r);
	if (bad)
		return org_page(r, 422, bad);
	struct portal_rows *q;
	int answer = portal_row_or_404(r, &q, &sql_org, "i", r->path_id);
	if (answer)
		return answer;
	const char *once = r->in[UF_ONCE].s;
	const char *done = portal_printf(r, "/documents/orgs/%lld?m=uploaded", (long long)r->path_id);
	const struct portal_file *f = r->in[UF_FILE].file;
	struct portal_stored st;
	const char *why;
	int code = portal_upload_open(r, once, f, &st, &why);
	if (code)
		return why ? org_page(r, code, why) : code;
	if (strcmp(st.type, "application/pdf")) {   /* the vendor's documents are PDFs only */
		portal_upload_discard(st.name);
		return org_page(r, 415, "Docs.pdf_only");
	}
	struct portal_wrote w;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) == PORTAL_OK &&
	    (rc = portal_exec(r, &sql_insert, &w, "isssssibii", r->path_id, r->in[UF_CATEGORY].s, r->in[UF_TITLE].s,
		     f->filename, st.name, st.type, (int64_t)f->len, st.sha256, sizeof st.sha256, r->sess.user_id, r->now))
	    == PORTAL_OK)
		rc = portal_audit(r, "org_document_uploaded", r->path_id, 0, portal_printf(r, "%s document %lld: %s (%zu bytes)",
			r->in[UF_CATEGORY].s, (long long)w.id, r->in[UF_TITLE].s, f->len));
	return portal_upload_commit(r, rc, st.name, once, done);
}

PORTAL_SQL(sql_delete, 0,
	"DELETE FROM org_documents WHERE id = ?");

/* POST /documents/#/withdraw — orgs.manage, CSRF: a document uploaded by mistake taken back (the row, then the
 * file). Audited in the customer's log. Out: 303; 404. */
static int withdraw(struct portal_req *r)
{
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_rows *q;
	if ((rc = portal_query_row(r, &q, &sql_get, "iII", r->path_id, (int64_t)0, (int64_t)0)) != PORTAL_OK)
		return portal_failed(r, rc);
	int64_t org = portal_col_int(q, DG_ORG);
	const char *stored = portal_strdup(r, portal_col(q, DG_STORED));
	const char *title = portal_strdup(r, portal_col(q, DG_TITLE));
	if ((rc = portal_exec(r, &sql_delete, NULL, "i", r->path_id)) != PORTAL_OK ||
	    (rc = portal_audit(r, "org_document_withdrawn", org, 0, portal_printf(r, "document %lld: %s",
		     (long long)r->path_id, title))) != PORTAL_OK ||
	    (rc = portal_db_commit(r)) != PORTAL_OK)
		return portal_failed(r, rc);
	portal_upload_discard(stored);
	return portal_redirect(r, portal_printf(r, "/documents/orgs/%lld?m=withdrawn", (long long)org));
}

PORTAL_PROGRAM("documents", ("documents.cs"),
	PORTAL_ROUTE_USER("GET", "/documents", index_page, list_fields, PORTAL_RF_READ),
	PORTAL_ROUTE_USER("GET", "/documents/#", download, NULL, PORTAL_RF_READ),
	PORTAL_ROUTE_RIGHT("GET", "/documents/orgs/#", "orgs.manage", org_view, list_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_UPLOAD_RIGHT("/documents/orgs/#", "orgs.manage", upload, upload_fields, PORTAL_RF_OWN),
	PORTAL_ROUTE_RIGHT("POST", "/documents/#/withdraw", "orgs.manage", withdraw, NULL, PORTAL_RF_OWN)
)
