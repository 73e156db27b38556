/* sql.c: portalctl sql: every statement of every program (each program's --sql), once each. */
#include "portalctl.h"

static int by_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of `prog --sql` added to *lines (a program that cannot run adds none and says so). */
static bool program_sql(const char *prog, char ***lines, size_t *n)
{
	int fd[2];
	if (pipe(fd) != 0)
		return false;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execl(prog, prog, "--sql", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	FILE *in = pid > 0 ? fdopen(fd[0], "r") : NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while (in && (len = getline(&line, &cap, in)) > 0) {
		*lines = portal_xrealloc(*lines, (*n + 1) * sizeof **lines);
		(*lines)[(*n)++] = portal_xstrdup(line);
	}
	free(line);
	if (in)
		fclose(in);
	else
		close(fd[0]);
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (pid <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "portalctl: %s --sql did not run\n", prog);
		return false;
	}
	return true;
}

int cmd_sql(const char *dir)
{
	char self[2048], where[4200];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	self[sl > 0 ? sl : 0] = '\0';
	char *slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	if (!dir) {
		snprintf(where, sizeof where, "%s/login", self);
		dir = access(where, X_OK) == 0 ? self : PORTAL_PROGRAM_DIR;
	}
	char **lines = NULL, *own = NULL;
	size_t n = 0, own_len = 0;
	FILE *mine = open_memstream(&own, &own_len);
	if (!mine)
		return die("out of memory");
	portal_sql_print(mine);
	fclose(mine);
	for (char *p = own, *e; p && *p; p = e + 1) {
		if (!(e = strchr(p, '\n')))
			break;
		lines = portal_xrealloc(lines, (n + 1) * sizeof *lines);
		size_t len = (size_t)(e - p + 1);
		lines[n] = portal_xmalloc(len + 1);
		memcpy(lines[n], p, len);
		lines[n++][len] = '\0';
	}
	free(own);
	bool ok = true;
	static const char *const progs[] = { PORTAL_PROGRAMS NULL };
	for (int i = 0; progs[i]; i++) {
		snprintf(where, sizeof where, "%s/%s", dir, progs[i]);
		ok &= program_sql(where, &lines, &n);
	}
	qsort(lines, n, sizeof *lines, by_line);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(lines[i], lines[i - 1]))   /* the library's statements are in every program */
			fputs(lines[i], stdout);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return ok ? 0 : 1;
}
