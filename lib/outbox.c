/* outbox.c: draining an outbox table (SMS or e-mail) and the plumbing both drivers share: appending to a
 * log file (development) and running a gateway program with the message on stdin (production).
 * Rows are claimed in batches with a random claim id, so several senders never send a row twice; a row
 * whose sender died is taken over once its claim is two minutes old; a failed row is retried later
 * (at most 10 attempts) and its error kept for the operator. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "portal.h"

void portal_utc_stamp(char *out, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool portal_append_file(const char *path, const char *text, size_t n, char *err, size_t errlen)
{
	if (!path || !*path)
		return true;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return false;
	}
	bool ok = write(fd, text, n) == (ssize_t)n;
	if (!ok)
		snprintf(err, errlen, "cannot write %s", path);
	close(fd);
	return ok;
}

bool portal_run_command(char *const argv[], const char *input, size_t n, char *err, size_t errlen)
{
	int pfd[2];
	if (pipe(pfd) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return false;
	}
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return false;
	}
	if (pid == 0) {
		dup2(pfd[0], 0);
		close(pfd[0]);
		close(pfd[1]);
		char *const envp[] = { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
			"LANG=C.UTF-8", NULL };
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(pfd[0]);
	signal(SIGPIPE, SIG_IGN);
	bool wrote = write(pfd[1], input, n) == (ssize_t)n;
	close(pfd[1]);
	int status = 0;
	for (int waited = 0;; waited++) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			snprintf(err, errlen, "waitpid: %s", strerror(errno));
			return false;
		}
		if (waited >= 600) {  /* 30 s */
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(err, errlen, "%s timed out", argv[0]);
			return false;
		}
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (!wrote || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, errlen, "%s failed (status %d)", argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return false;
	}
	return true;
}

#define BATCH 50

int portal_outbox_drain(struct portal_req *r, const struct portal_outbox *ob, bool echo)
{
	int sent = 0;
	for (;;) {
		unsigned char claim[16];
		portal_random(claim, sizeof claim);
		r->now = portal_clock_now();
		struct portal_wrote w;
		struct portal_rows *q;
		if (portal_exec(r, ob->claim, &w, "bii", claim, sizeof claim, r->now, r->now - 120) != PORTAL_OK)
			return -1;
		if (w.rows == 0)
			return sent;
		if (portal_query(r, &q, ob->claimed, "b", claim, sizeof claim) != PORTAL_OK)
			return -1;
		/* copy the batch out before writing to the same table */
		struct item { int64_t id; const char *to, *subject, *body; } items[BATCH];
		int n = 0, f;
		while (n < BATCH && (f = portal_next(q)) == 1) {
			items[n].id = portal_col_int(q, OB_ID);
			items[n].to = portal_strdup(r, portal_col(q, OB_TO));
			items[n].subject = portal_strdup(r, portal_col(q, OB_SUBJECT));
			items[n].body = portal_strdup(r, portal_col(q, OB_BODY));
			n++;
		}
		portal_rows_close(q);
		for (int i = 0; i < n; i++) {
			char err[300] = "";
			if (ob->send(r, items[i].to, items[i].subject, items[i].body, echo, err, sizeof err)) {
				if (portal_exec(r, ob->sent, NULL, "ii", portal_clock_now(), items[i].id) != PORTAL_OK)
					return -1;
				sent++;
			} else {
				portal_log(r, PORTAL_LOG_ERR, "%s %lld not sent: %s", ob->name, (long long)items[i].id, err);
				if (portal_exec(r, ob->failed, NULL, "si", err, items[i].id) != PORTAL_OK)
					return -1;
			}
		}
	}
}
