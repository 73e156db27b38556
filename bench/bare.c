/* bare.c: the raw ceiling of the stack for the benchmarks (make bench's `bare`): a FastCGI program answering
 * a fixed text through libfcgi alone: no request parsing, no route, no template, no database. The ratios are
 * quoted to `baseline` (bench/baseline.c, the definition: the library and a one-line template) and,
 * beside them, to this one. It ends each request with the library's portal_fcgi_finish, as the programs do,
 * so that it does not close more cheaply than they can. */
#include <fcgiapp.h>

#include "portal.h"
#include "internal.h"   /* portal_fcgi_finish: the programs' way to end a request */

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
