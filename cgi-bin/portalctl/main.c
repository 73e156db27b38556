/* portalctl.c: the command-line tool beside the programs, linked with the same library.
 *   portalctl migrate [DIR]            apply sql/NNN_*.sql once each, in order, recorded with a checksum
 *   portalctl demo DIR LOGINS          load demo data (only into an empty database), give every demo user
 *                                      a fresh random password, write LOGINS (email, password, org, roles)
 *   portalctl send [--loop] [--echo]  drain the SMS and mail outboxes with the configured drivers
 *                                      (sms-send, mail-send: one of them); before the mail, queue the notices
 *                                      of support grants that expired
 *   portalctl create-vendor-admin EMAIL MOBILE GIVEN FAMILY [VENDOR-NAME]
 *                                      the first vendor administrator of a fresh install (no default account):
 *                                      invited, with a one-time link printed (72 hours)
 *   portalctl nightly                  the nightly quota report: one line per customer; flags and audits those
 *                                      over their incident-submitter maximum (nobody's role is stripped);
 *                                      forgets the forms' one-time tokens older than a day (once.c)
 *   portalctl sweep-uploads [--dry-run] [--min-age SECONDS]
 *                                      documents.dir against the database: removes the files no row names
 *                                      (an upload whose transaction never committed: a killed process, a lost
 *                                      database) once older than --min-age (default 3600, so an upload in
 *                                      flight is never touched), and reports rows whose file is missing
 *                                      (exit 1). Files not named like ours are reported and left alone.
 *   portalctl check-config             load the configuration and report problems
 *   portalctl check-sql                prepare each of its own statements and check their named widths
 *   portalctl sql [DIR]                print every statement the programs prepare: its name, a tab, its text
 *                                      (one a line: a tab, newline or backslash in it written \t, \n, \\;
 *                                      bench/plans.py explains them against the data at scale), its own and
 *                                      those each program in DIR prints for --sql (default: portalctl's own
 *                                      directory when the programs are there, else where install puts them)
 * Configuration: PORTAL_CONFIG, like the programs. Migrations and demo data use the admin database user. */
#include "portalctl.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: portalctl migrate [DIR] | demo DIR LOGINS | send|sms-send|mail-send [--loop] [--echo]"
		      " | create-vendor-admin EMAIL MOBILE GIVEN FAMILY [VENDOR-NAME] | nightly"
		      " | sweep-uploads [--dry-run] [--min-age SECONDS] | check-config | check-sql | sql [DIR]\n", stderr);
		return 2;
	}
	char err[600];
	portal_use_site(&site);   /* the links in the mails it sends */
	if (portal_startup("portalctl", NULL, err, sizeof err) != PORTAL_OK)
		return die("%s", err);
	const char *cmd = argv[1];
	int rc;
	if (!strcmp(cmd, "migrate")) {
		rc = cmd_migrate(argc > 2 ? argv[2] : "sql");
	} else if (!strcmp(cmd, "demo") && argc == 4) {
		rc = cmd_demo(argv[2], argv[3]);
	} else if (!strcmp(cmd, "send") || !strcmp(cmd, "sms-send") || !strcmp(cmd, "mail-send")) {
		bool loop = false, echo = false;
		for (int i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--loop"))
				loop = true;
			else if (!strcmp(argv[i], "--echo"))
				echo = true;
			else
				return die("unknown option %s", argv[i]);
		}
		rc = cmd_send(!strcmp(cmd, "send") ? 3 : !strcmp(cmd, "sms-send") ? 1 : 2, loop, echo);
	} else if (!strcmp(cmd, "create-vendor-admin") && (argc == 6 || argc == 7)) {
		rc = cmd_create_vendor_admin(argv[2], argv[3], argv[4], argv[5], argc == 7 ? argv[6] : "Support");
	} else if (!strcmp(cmd, "nightly")) {
		rc = cmd_nightly();
	} else if (!strcmp(cmd, "check-sql")) {
		rc = portal_sql_check_all() ? 1 : 0;
	} else if (!strcmp(cmd, "sql") && argc <= 3) {
		rc = cmd_sql(argc == 3 ? argv[2] : NULL);
	} else if (!strcmp(cmd, "sweep-uploads")) {
		bool dry = false;
		long min_age = 3600;
		for (int i = 2; i < argc; i++) {
			char *end;
			if (!strcmp(argv[i], "--dry-run"))
				dry = true;
			else if (!strcmp(argv[i], "--min-age") && i + 1 < argc && (min_age = strtol(argv[++i], &end, 10)) >= 0 && !*end)
				continue;
			else
				return die("bad option %s", argv[i]);
		}
		rc = cmd_sweep_uploads(dry, min_age);
	} else if (!strcmp(cmd, "check-config")) {
		printf("configuration %s is valid\n", portal_cf->path);
		if (!portal_cf->base_url || !*portal_cf->base_url)
			printf("warning: portal.base_url is not set: invitations and reset links cannot be e-mailed\n");
		if (portal_cf->totp_key_len == 0)
			printf("warning: portal.totp_key_file is not set: nobody can enrol an authenticator app\n");
		/* uploaded documents: a directory of the programs' user, closed to everyone else */
		struct stat st;
		const char *dd = portal_cf->documents_dir;
		if (!dd || !*dd)
			printf("warning: documents.dir is not set: document uploads are refused (503)\n");
		else if (stat(dd, &st) != 0 || !S_ISDIR(st.st_mode))
			printf("warning: documents.dir %s is not a directory: document uploads are refused (503)\n", dd);
		else if (st.st_mode & (S_IRWXG | S_IRWXO))
			printf("warning: documents.dir %s is open to group or others (mode %04o); run: chmod 700 %s\n", dd,
				(unsigned)(st.st_mode & 07777), dd);
		rc = 0;
	} else {
		rc = die("unknown command %s", cmd);
	}
	portal_db_close();
	portal_conf_free();
	portal_crypto_forget();
	return rc;
}
