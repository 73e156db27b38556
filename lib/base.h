/* base.h: what every header of the library starts from: the standard types, the error values, the printf
 * check, and the request every function is handed. */
#ifndef PORTAL_BASE_H
#define PORTAL_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "err.h"

#define PORTAL_PRINTF(a, b) __attribute__((format(printf, a, b)))

struct portal_req;

#endif
