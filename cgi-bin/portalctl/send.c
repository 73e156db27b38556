/* send.c: portalctl send, sms-send, mail-send: the outboxes drained with the configured drivers, once or in a loop
 * until stopped; before the mail, the notices of support grants that expired. */
#include "portalctl.h"

static volatile sig_atomic_t stop;
static void on_stop(int sig) { (void)sig; stop = 1; }
/* Drains the SMS outbox, the mail outbox, or both (what: 1 = SMS, 2 = mail, 3 = both). Before the mail, each
 * round queues the notices of support grants that expired since (ACC-07: the admins hear of every end). */
int cmd_send(int what, bool loop, bool echo)
{
	if (what & 2) {
		static const char *const none[] = { NULL };   /* the language files, for the notices' texts */
		char err[600];
		if (portal_tmpl_init(portal_cf->templates_dir, none, err, sizeof err) != PORTAL_OK)
			return die("%s", err);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	int total = 0;
	do {
		struct portal_req *r = portal_req_new();
		int n = 0, m = 0;
		if (what & 1)
			n = portal_sms_drain(r, echo);
		if ((what & 2) && n >= 0 && portal_support_sweep(r) < 0)
			n = -1;
		if ((what & 2) && n >= 0) {
			m = portal_mail_drain(r, echo);
			n = m < 0 ? -1 : n + m;
		}
		portal_req_free(r);
		if (n < 0) {
			if (!loop) {
				portal_tmpl_free();
				return 1;
			}
			portal_db_close();   /* reconnect on the next round */
		} else {
			total += n;
		}
		if (loop && !stop) {
			struct timespec ts = { 0, 500 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
	} while (loop && !stop);
	if (!loop)
		printf("%s: %d sent\n", what == 1 ? "sms-send" : what == 2 ? "mail-send" : "send", total);
	portal_tmpl_free();
	return 0;
}
