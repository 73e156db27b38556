/* err.h: the error values every function of the library that can fail returns. */
#ifndef PORTAL_ERR_H
#define PORTAL_ERR_H

enum portal_err {
	PORTAL_OK = 0,
	PORTAL_ERR_INPUT,     /* malformed or invalid input */
	PORTAL_ERR_LIMIT,     /* input larger than allowed */
	PORTAL_ERR_NOTFOUND,
	PORTAL_ERR_DUP,       /* unique key violated */
	PORTAL_ERR_DB,        /* database answered with an error */
	PORTAL_ERR_DB_DOWN,   /* no database connection: answer 503 */
	PORTAL_ERR_RETRY,     /* deadlock or lock wait timeout: the transaction may be retried */
	PORTAL_ERR_CONFIG,
	PORTAL_ERR_CRYPTO,
	PORTAL_ERR_IO,
};

#endif
