/* baseline.c: the stack's own ceiling for the benchmarks: a bare FastCGI program answering a fixed text,
 * no database, no template. Other pages' throughput is quoted as a ratio to this one. It ends each request
 * with the library's portal_fcgi_finish, as the programs do, so that the ratio measures the pages' own work
 * and not a cheaper close than the ceiling's. */
#include <fcgiapp.h>

#include "portal.h"

int main(void)
{
	static const char resp[] = "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
				   "Content-Length: 3\r\n\r\nok\n";
	FCGX_Request r;
	FCGX_Init();
	FCGX_InitRequest(&r, 0, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutStr(resp, (int)sizeof resp - 1, r.out);
		portal_fcgi_finish(&r);
	}
	return 0;
}
