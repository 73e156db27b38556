/* die.c: how every portalctl command says why it failed: one line on standard error, exit status 1. */
#include "portalctl.h"

int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("portalctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}
