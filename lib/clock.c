/* clock.c: the portal's notion of now. Test stacks name a file holding an offset in seconds
 * (portal.test_clock_file) so timeouts can be tested without sleeping; production leaves it empty. */
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "portal.h"

int64_t portal_clock_now(void)
{
	int64_t now = (int64_t)time(NULL);
	const char *f = portal_cf->clock_file;
	if (!f || !*f)
		return now;
	int fd = open(f, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return now;
	char buf[32];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return now;
	buf[n] = '\0';
	char *end;
	long long off = strtoll(buf, &end, 10);
	if (end == buf || off < -100000000LL || off > 100000000LL)
		return now;
	return now + off;
}
