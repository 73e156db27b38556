/* documents.c: a dossier's documents (Document Delivery): the inbox with uploads, forwarding for approval,
 * approving and processing, the download, and the module pages (archive, payments, reports, finance). */
#include "dossiers.h"

/* ---- documents ---- */

/* A document with who uploaded it and who is asked to approve it. */
#define DOC_COLS                                                                                           \
	"SELECT d.id, d.filename, d.content_type, d.size, d.status, d.created_at, d.uploader_id,"              \
	" up.given_name, up.name_prefix, up.family_name, d.approver_id, ap.given_name, ap.name_prefix,"        \
	" ap.family_name, d.approved_at, d.processed_at, d.paid_at, d.stored_name"                            \
	" FROM documents d LEFT JOIN users up ON up.id = d.uploader_id LEFT JOIN users ap ON ap.id = d.approver_id"
enum { DC_ID, DC_FILENAME, DC_TYPE, DC_SIZE, DC_STATUS, DC_CREATED, DC_UPLOADER, DC_UP_GIVEN, DC_UP_PREFIX,
	DC_UP_FAMILY, DC_APPROVER, DC_AP_GIVEN, DC_AP_PREFIX, DC_AP_FAMILY, DC_APPROVED, DC_PROCESSED, DC_PAID, DC_STORED,
	DC__N };
/* a dossier's documents, newest first, a page at a time: the last parameters are the cursor (NULL, or the id of
 * the last document shown) twice and the page's size; a range of (dossier_id, status, id) */
PORTAL_SQL(sql_inbox_all, DC__N, DOC_COLS " WHERE d.dossier_id = ? AND d.status = 'inbox' AND (? IS NULL OR d.id < ?)"
	" ORDER BY d.id DESC LIMIT ?");
/* Document Delivery: own uploads, also once processed ("toegang tot de eigen documenten", document 003), and
 * those awaiting the user's approval */
PORTAL_SQL(sql_inbox_mine, DC__N, DOC_COLS " WHERE d.dossier_id = ? AND (d.uploader_id = ? OR (d.status = 'inbox'"
	" AND d.approver_id = ?)) AND (? IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?");
PORTAL_SQL(sql_processed, DC__N, DOC_COLS " WHERE d.dossier_id = ? AND d.status = 'processed'"
	" AND (? IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?");
PORTAL_SQL(sql_get, DC__N, DOC_COLS " WHERE d.id = ? AND d.dossier_id = ?");

struct doc {
	int64_t id, uploader, approver, approved_at;
	const char *filename, *type, *status, *stored;
	int64_t size;
};

/* One document row into the HDF list and, if asked, the struct. */
static void doc_row(struct portal_req *r, const struct portal_rows *st, void *x, struct doc *d)
{
	int64_t id = portal_col_int(st, DC_ID);
	if (x) {
		portal_nset_int(r, x, "id", id);
		portal_nset(r, x, "name", portal_col(st, DC_FILENAME));
		portal_nset(r, x, "type", portal_col(st, DC_TYPE));
		int64_t size = portal_col_int(st, DC_SIZE);
		portal_nset(r, x, "size", size >= 1048576 ? portal_printf(r, "%.1f MB", size / 1048576.0)
			: portal_printf(r, "%lld kB", (long long)(size + 1023) / 1024));
		portal_nset(r, x, "when", portal_when(r, portal_col_int(st, DC_CREATED)));
		const char *up = person(r, st, DC_UP_GIVEN);
		portal_nset(r, x, "uploader", up ? up : portal_text(r, "Dossiers.someone"));
		portal_nset_int(r, x, "mine", portal_col_int(st, DC_UPLOADER) == r->sess.user_id);
		const char *ap = person(r, st, DC_AP_GIVEN);
		if (ap) {
			portal_nset(r, x, "approver", ap);
			portal_nset_int(r, x, "approve_me", portal_col_int(st, DC_APPROVER) == r->sess.user_id && portal_col_null(st, DC_APPROVED));
			if (!portal_col_null(st, DC_APPROVED))
				portal_nset(r, x, "approved", portal_when(r, portal_col_int(st, DC_APPROVED)));
		}
		if (!portal_col_null(st, DC_PROCESSED))
			portal_nset(r, x, "processed", portal_when(r, portal_col_int(st, DC_PROCESSED)));
		if (!portal_col_null(st, DC_PAID))
			portal_nset(r, x, "paid", portal_when(r, portal_col_int(st, DC_PAID)));
	}
	if (d) {
		d->id = id;
		d->filename = portal_strdup(r, portal_col(st, DC_FILENAME));
		d->type = portal_strdup(r, portal_col(st, DC_TYPE));
		d->size = portal_col_int(st, DC_SIZE);
		d->status = portal_strdup(r, portal_col(st, DC_STATUS));
		d->uploader = portal_col_int(st, DC_UPLOADER);
		d->approver = portal_col_int(st, DC_APPROVER);
		d->approved_at = portal_col_int(st, DC_APPROVED);
		d->stored = portal_strdup(r, portal_col(st, DC_STORED));
	}
}

/* A list of documents into Page.docs; mine: Document Delivery's own uploads and those awaiting approval. */
/* A page of DOC_PAGE documents, newest first, older than the cursor `before` (0: the newest); Page.older
 * links to the next page of the section's path, Page.newest back to the first. */
static enum portal_err doc_list(struct portal_req *r, struct portal_sql *q, bool mine, int64_t before, const char *path,
	const char *who)
{
	struct portal_rows *st;
	enum portal_err rc = mine ? portal_query(r, &st, q, "iiiIIi", r->sess.dossier.id, r->sess.user_id, r->sess.user_id,
					before, before, (int64_t)(DOC_PAGE + 1))
		: portal_query(r, &st, q, "iIIi", r->sess.dossier.id, before, before, (int64_t)(DOC_PAGE + 1));
	if (rc != PORTAL_OK)
		return rc;
	void *list = portal_node(r, NULL, "Page.docs");
	struct portal_page pg = { .size = DOC_PAGE };
	int f;
	int64_t last = 0;
	while ((f = portal_page_next(st, &pg)) == 1) {
		last = portal_col_int(st, DC_ID);
		doc_row(r, st, portal_node_i(r, list, pg.i), NULL);
	}
	if (f < 0)
		return PORTAL_ERR_DB;
	const char *base = portal_printf(r, "/dossiers/%lld/%s", (long long)r->sess.dossier.id, path);
	const char *qs = who && *who ? portal_printf(r, "?who=%s", portal_url_encode(r, who)) : "";   /* kept on */
	if (pg.more)
		portal_set(r, "Page.older", portal_printf(r, "%s%s%sbefore=%lld", base, qs, *qs ? "&" : "?", (long long)last));
	if (before)
		portal_set(r, "Page.newest", portal_printf(r, "%s%s", base, qs));
	return PORTAL_OK;
}

/* The cursor of a GET document list: 0 for the newest page; -1 when the field is not a valid id (400). */
static int64_t doc_cursor(struct portal_req *r)
{
	if (!r->in[LF_BEFORE].valid)
		return -1;
	return r->in[LF_BEFORE].s ? r->in[LF_BEFORE].i : 0;
}

/* whom a document can be forwarded to for approval: the dossier's active colleagues but oneself whose profile
 * may approve (documents.deliver), by name, those whose name or address matches a LIKE pattern when one is given
 * (params dossier, org, self, like x3, limit) */
enum { FT_ID, FT_GIVEN, FT_PREFIX, FT_FAMILY, FT__N };
PORTAL_SQL(sql_forward_targets, FT__N,
	"SELECT u.id, u.given_name, u.name_prefix, u.family_name FROM dossier_users du JOIN users u ON u.id = du.user_id"
	" WHERE du.dossier_id = ? AND u.org_id = ? AND u.status = 'active' AND u.id <> ? AND (? IS NULL OR u.email LIKE ?"
	" OR CONCAT_WS(' ', u.given_name, NULLIF(u.name_prefix, ''), u.family_name) LIKE ?)"
	" AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id AND ro.kind = 'profile'"
	"  JOIN role_rights rr ON rr.role_id = ro.id JOIN rights ri ON ri.id = rr.right_id AND ri.rkey = 'documents.deliver'"
	"  WHERE ur.user_id = u.id) ORDER BY u.name_key, u.id LIMIT ?");

/* The inbox: its page older than `before` (0: the newest; a failed POST shows the newest), and the forward
 * form's colleagues: the first PICK_MAX by name, or those whose name or address holds who. */
static int documents_page(struct portal_req *r, int status, const char *error_key, int64_t before, const char *who)
{
	if (dossier_load(r, NULL) != PORTAL_OK)
		return 503;
	bool process = portal_has_dossier_right(r, "documents.process");
	portal_set_int(r, "Page.process", process);
	portal_set_int(r, "Page.max_mb", (portal_cf->max_upload - 65536) / 1048576);
	portal_set(r, "Page.once", portal_once_token(r));
	if (doc_list(r, process ? &sql_inbox_all : &sql_inbox_mine, !process, before, "documents", who) != PORTAL_OK)
		return 503;
	/* colleagues in this dossier, to forward a document to for approval */
	const char *like = who && *who ? portal_like_pattern(r, who) : NULL;
	struct portal_rows *st;
	if (portal_query(r, &st, &sql_forward_targets, "iiisssi", r->sess.dossier.id, r->sess.org_id, r->sess.user_id, like,
		like, like, (int64_t)(PICK_MAX + 1)) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.people");
	struct portal_page pg = { .size = PICK_MAX };
	int f;
	while ((f = portal_page_next(st, &pg)) == 1) {
		void *x = portal_node_i(r, list, pg.i);
		portal_nset_int(r, x, "id", portal_col_int(st, FT_ID));
		portal_nset(r, x, "name", person(r, st, FT_GIVEN));
	}
	if (f < 0)
		return 503;
	if (pg.more)
		portal_set_int(r, "Page.people_more", PICK_MAX);
	portal_set(r, "Page.who", like ? who : NULL);
	return dossier_render(r, status, "documents", error_key);
}

/* GET /dossiers/#/documents — documents.deliver. In: before (the inbox's cursor), who (the forward form's
 * colleague search). Out: 200, the inbox the user may see; 400 a bad cursor or search. */
int documents(struct portal_req *r)
{
	int64_t before = doc_cursor(r);
	if (before < 0)
		return portal_error(r, 400, "Err.bad_request");
	if (!r->in[LF_WHO].valid)
		return portal_error(r, 400, r->in[LF_WHO].err);
	return documents_page(r, 200, NULL, before, r->in[LF_WHO].s);
}

PORTAL_SQL(sql_insert, 0,
	"INSERT INTO documents (dossier_id, org_id, uploader_id, filename, stored_name, content_type, size, sha256,"
	" created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* POST /dossiers/#/documents — documents.deliver, multipart, CSRF. In: file (PDF, PNG or JPEG by its first
 * bytes, with a matching extension; at most limits.max_upload less 64 KiB). Out: 303 back; 413 too large;
 * 415 another type; 422 a bad name; 503 storage. Nothing is kept unless both file and row are. */
int upload(struct portal_req *r)
{
	const struct portal_value *v = &r->in[XF_FILE];
	if (!r->in[XF_ONCE].valid)
		return portal_error(r, 400, r->in[XF_ONCE].err);
	if (!v->valid)
		return documents_page(r, 422, v->err, 0, NULL);
	const char *once = r->in[XF_ONCE].s, *done = dossier_url(r, "/documents?m=uploaded");
	const struct portal_file *f = v->file;
	struct portal_stored st;
	const char *why;
	int code = portal_upload_open(r, once, f, &st, &why);
	if (code)
		return why ? documents_page(r, code, why, 0, NULL) : code;
	enum portal_err rc;
	struct portal_wrote w;
	if ((rc = portal_db_begin(r)) == PORTAL_OK &&
	    (rc = portal_exec(r, &sql_insert, &w, "iiisssibi", r->sess.dossier.id, r->sess.org_id, r->sess.user_id,
		     f->filename, st.name, st.type, (int64_t)f->len, st.sha256, sizeof st.sha256, r->now)) == PORTAL_OK)
		rc = portal_audit(r, "document_uploaded", r->sess.org_id, 0, portal_printf(r,
			"dossier %lld, document %lld (%s, %zu bytes)", (long long)r->sess.dossier.id, (long long)w.id, st.type,
			f->len));
	return portal_upload_commit(r, rc, st.name, once, done);
}

/* May the user see this document? The inbox to documents.process; own uploads (also once processed: document
 * 003, "toegang tot de eigen documenten") and those awaiting one's approval to documents.deliver; processed ones
 * to archive.view and payments.use. */
static bool doc_visible(struct portal_req *r, const struct doc *d)
{
	bool deliver = portal_has_dossier_right(r, "documents.deliver");
	if (deliver && d->uploader == r->sess.user_id)
		return true;
	if (!strcmp(d->status, "inbox"))
		return portal_has_dossier_right(r, "documents.process") || (deliver && d->approver == r->sess.user_id);
	return portal_has_dossier_right(r, "archive.view") || portal_has_dossier_right(r, "payments.use");
}

/* The document of the doc field in this dossier, visible to the user; PORTAL_ERR_NOTFOUND otherwise. */
static enum portal_err doc_get(struct portal_req *r, int64_t id, struct doc *d)
{
	struct portal_rows *st;
	enum portal_err rc = portal_query_row(r, &st, &sql_get, "ii", id, r->sess.dossier.id);
	if (rc != PORTAL_OK)
		return rc;
	doc_row(r, st, NULL, d);
	return doc_visible(r, d) ? PORTAL_OK : PORTAL_ERR_NOTFOUND;
}

/* GET /dossiers/#/download — visible dossier. In: doc. Out: 200 the file as an attachment; 404 a document
 * the user may not see, like a missing one. */
int download(struct portal_req *r)
{
	if (!r->in[DF_DOC].valid)
		return portal_error(r, 400, r->in[DF_DOC].err);
	struct doc d;
	enum portal_err rc = doc_get(r, r->in[DF_DOC].i, &d);
	if (rc != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_upload_send(r, d.stored, d.size, d.type, d.filename);
}

/* One change of a document's state (the doc field), audited; back to the list with a notice. */
/* The steps of a document: approved by whom it was forwarded to, never its uploader (params now, document,
 * dossier, approver); processed (by, now, document, dossier); paid (now, document, dossier). */
PORTAL_SQL(sql_approve, 0,
	"UPDATE documents SET approved_at = ? WHERE id = ? AND dossier_id = ? AND approver_id = ? AND approved_at IS NULL"
	" AND status = 'inbox' AND NOT (uploader_id <=> approver_id)");
PORTAL_SQL(sql_process, 0,
	"UPDATE documents SET status = 'processed', processed_by = ?, processed_at = ? WHERE id = ? AND dossier_id = ?"
	" AND status = 'inbox'");
PORTAL_SQL(sql_paid, 0,
	"UPDATE documents SET paid_at = ? WHERE id = ? AND dossier_id = ? AND status = 'processed' AND paid_at IS NULL");

static int doc_change(struct portal_req *r, struct portal_sql *q, const char *event, const char *back)
{
	int64_t doc = r->in[DF_DOC].i, dossier = r->sess.dossier.id;
	struct portal_wrote w;
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	if (q == &sql_approve)
		rc = portal_exec(r, q, &w, "iiii", r->now, doc, dossier, r->sess.user_id);
	else if (q == &sql_process)
		rc = portal_exec(r, q, &w, "iiii", r->sess.user_id, r->now, doc, dossier);
	else
		rc = portal_exec(r, q, &w, "iii", r->now, doc, dossier);
	if (rc == PORTAL_OK && w.rows != 1) {
		portal_db_rollback(r);
		return portal_error(r, 409, "Dossiers.doc_state");
	}
	if (rc == PORTAL_OK)
		rc = portal_audit(r, event, r->sess.org_id, 0, portal_printf(r, "dossier %lld, document %lld", (long long)dossier,
			(long long)doc));
	return portal_done(r, rc, dossier_url(r, back));
}

static int doc_target(struct portal_req *r, struct doc *d)
{
	if (!r->in[0].valid)
		return portal_error(r, 400, r->in[0].err);
	enum portal_err rc = doc_get(r, r->in[0].i, d);
	if (rc == PORTAL_ERR_NOTFOUND)
		return portal_error(r, 404, "Err.not_found");
	return rc == PORTAL_OK ? 0 : 503;
}

PORTAL_SQL(sql_forward, 0,
	"UPDATE documents SET approver_id = ?, approved_at = NULL WHERE id = ? AND dossier_id = ? AND status = 'inbox'");

/* POST /dossiers/#/forward — documents.deliver, CSRF. In: doc (in the inbox, visible), to (an active colleague
 * assigned to this dossier, not oneself). The colleague is asked by e-mail to approve it. Out: 303; 404; 422
 * (no document chosen: the page's one forward form sends doc from the radio button of a row). */
int forward(struct portal_req *r)
{
	if (!r->in[FF_DOC].present)   /* the form's Forward pressed before a document was chosen */
		return documents_page(r, 422, "Dossiers.forward_no_doc", 0, NULL);
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	if (strcmp(d.status, "inbox"))
		return portal_error(r, 409, "Dossiers.doc_state");
	if (!r->in[FF_TO].valid)
		return documents_page(r, 422, r->in[FF_TO].err, 0, NULL);
	int64_t to = r->in[FF_TO].i;
	if (to == d.uploader) {   /* four eyes: whoever delivered a document never approves it */
		portal_audit(r, "four_eyes_refused", r->sess.org_id, to, portal_printf(r, "dossier %lld, document %lld forwarded"
			" for approval to its uploader", (long long)r->sess.dossier.id, (long long)d.id));
		return documents_page(r, 409, "Dossiers.four_eyes", 0, NULL);
	}
	struct portal_rows *m;
	if (to == r->sess.user_id || portal_query_row(r, &m, &sql_member, "iii", r->sess.dossier.id, to, r->sess.org_id)
	    != PORTAL_OK || strcmp(portal_col(m, MB_STATUS), "active"))
		return documents_page(r, 422, "Dossiers.bad_person", 0, NULL);
	const char *email = portal_col(m, MB_EMAIL), *given = portal_col(m, MB_GIVEN);
	enum portal_lang lang = portal_lang_parse(portal_col(m, MB_LANG));
	if (lang == PORTAL_NLANG)
		lang = PORTAL_NL;
	const char *link = portal_link(r, dossier_url(r, "/documents"));
	enum portal_err rc;
	if ((rc = portal_db_begin(r)) != PORTAL_OK)
		return 503;
	struct portal_wrote w;
	if ((rc = portal_exec(r, &sql_forward, &w, "iii", to, d.id, r->sess.dossier.id)) != PORTAL_OK)
		return portal_failed(r, rc);
	if (w.rows != 1) {
		portal_db_rollback(r);
		return portal_error(r, 409, "Dossiers.doc_state");
	}
	const char *body = portal_fill(r, portal_text_lang(lang, "Dossiers.mail_forward_body"), "name", given, "who",
		r->sess.display_name, "file", d.filename, "link", link ? link : "", NULL);
	if ((rc = portal_mail_enqueue(r, to, email, portal_text_lang(lang, "Dossiers.mail_forward_subject"), body)) != PORTAL_OK ||
	    (rc = portal_audit(r, "document_forwarded", r->sess.org_id, to, portal_printf(r, "dossier %lld, document %lld",
		     (long long)r->sess.dossier.id, (long long)d.id))) != PORTAL_OK)
		return portal_failed(r, rc);
	return portal_done(r, PORTAL_OK, dossier_url(r, "/documents?m=forwarded"));
}

/* POST /dossiers/#/approve — documents.deliver, CSRF. In: doc awaiting the user's approval, never one the user
 * delivered (four eyes). Out: 303; 404; 409 (not awaiting the user, or the user's own upload: the rule named). */
int approve(struct portal_req *r)
{
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	if (d.uploader == r->sess.user_id) {
		portal_audit(r, "four_eyes_refused", r->sess.org_id, 0, portal_printf(r, "dossier %lld, document %lld approved"
			" by its uploader", (long long)r->sess.dossier.id, (long long)d.id));
		return documents_page(r, 409, "Dossiers.four_eyes", 0, NULL);
	}
	return doc_change(r, &sql_approve, "document_approved", "/documents?m=approved");
}

/* POST /dossiers/#/process — documents.process, CSRF. In: doc in the inbox. It moves to the archive. */
int process(struct portal_req *r)
{
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	return doc_change(r, &sql_process, "document_processed", "/documents?m=processed");
}

/* The processed documents, a page of them, shown in section (archive or payments). */
static int processed(struct portal_req *r, const char *section)
{
	int64_t before = doc_cursor(r);
	if (before < 0)
		return portal_error(r, 400, "Err.bad_request");
	if (dossier_load(r, NULL) != PORTAL_OK || doc_list(r, &sql_processed, false, before, section, NULL) != PORTAL_OK)
		return 503;
	return dossier_render(r, 200, section, NULL);
}

/* GET /dossiers/#/archive — archive.view: processed documents. */
int archive(struct portal_req *r)
{
	return processed(r, "archive");
}

/* GET /dossiers/#/payments — payments.use: processed documents, to mark paid. */
int payments(struct portal_req *r)
{
	return processed(r, "payments");
}

/* POST /dossiers/#/paid — payments.use, CSRF. In: doc (processed, unpaid). Out: 303; 404; 409. */
int paid(struct portal_req *r)
{
	struct doc d;
	int rc0 = doc_target(r, &d);
	if (rc0)
		return rc0;
	return doc_change(r, &sql_paid, "document_paid", "/payments?m=paid");
}

/* a dossier's figures: documents in the inbox, processed, awaiting approval, processed and unpaid; their size */
enum { SS_INBOX, SS_PROCESSED, SS_AWAITING, SS_UNPAID, SS_SIZE, SS__N };
PORTAL_SQL(sql_stats, SS__N,
	"SELECT COALESCE(SUM(status = 'inbox'), 0), COALESCE(SUM(status = 'processed'), 0),"
	" COALESCE(SUM(status = 'inbox' AND approver_id IS NOT NULL AND approved_at IS NULL), 0),"
	" COALESCE(SUM(status = 'processed' AND paid_at IS NULL), 0), COALESCE(SUM(size), 0)"
	" FROM documents WHERE dossier_id = ?");
/* received and processed per calendar month (UTC), the last 12 months */
enum { MO_MONTH, MO_RECEIVED, MO_PROCESSED, MO__N };
PORTAL_SQL(sql_months, MO__N,
	"SELECT DATE_FORMAT(FROM_UNIXTIME(created_at), '%Y-%m') AS m, COUNT(*), COALESCE(SUM(status = 'processed'), 0)"
	" FROM documents WHERE dossier_id = ? AND created_at >= ? GROUP BY m ORDER BY m DESC LIMIT 12");

/* GET /dossiers/#/reports — reports.view: figures of the dossier's documents. */
int reports(struct portal_req *r)
{
	struct portal_rows *q;
	if (dossier_load(r, NULL) != PORTAL_OK || portal_query_row(r, &q, &sql_stats, "i", r->sess.dossier.id) != PORTAL_OK)
		return 503;
	portal_set_int(r, "Page.stats.inbox", portal_col_int(q, SS_INBOX));
	portal_set_int(r, "Page.stats.processed", portal_col_int(q, SS_PROCESSED));
	portal_set_int(r, "Page.stats.awaiting", portal_col_int(q, SS_AWAITING));
	portal_set_int(r, "Page.stats.unpaid", portal_col_int(q, SS_UNPAID));
	if (portal_query(r, &q, &sql_months, "ii", r->sess.dossier.id, r->now - 366 * 86400) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.months");
	int f;
	size_t n = 0;
	while ((f = portal_next(q)) == 1) {
		void *x = portal_node_i(r, list, n++);
		portal_nset(r, x, "month", portal_col(q, MO_MONTH));
		portal_nset_int(r, x, "received", portal_col_int(q, MO_RECEIVED));
		portal_nset_int(r, x, "processed", portal_col_int(q, MO_PROCESSED));
	}
	if (f < 0)
		return 503;
	return dossier_render(r, 200, "reports", NULL);
}

enum { AC_IBAN, AC_LABEL, AC__N };
PORTAL_SQL(sql_accounts, AC__N, "SELECT iban, label FROM dossier_accounts WHERE dossier_id = ? ORDER BY id LIMIT 100");

/* GET /dossiers/#/finance — finance.view: the bank accounts linked to the dossier. */
int finance(struct portal_req *r)
{
	struct portal_rows *q;
	if (dossier_load(r, NULL) != PORTAL_OK || portal_query(r, &q, &sql_accounts, "i", r->sess.dossier.id) != PORTAL_OK)
		return 503;
	void *list = portal_node(r, NULL, "Page.accounts");
	int f;
	size_t n = 0;
	while ((f = portal_next(q)) == 1) {
		void *x = portal_node_i(r, list, n++);
		portal_nset(r, x, "iban", portal_col(q, AC_IBAN));
		portal_nset(r, x, "label", portal_col(q, AC_LABEL));
	}
	if (f < 0)
		return 503;
	return dossier_render(r, 200, "finance", NULL);
}
