/* clock.h: clock (clock.c). */
#ifndef PORTAL_CLOCK_H
#define PORTAL_CLOCK_H

#include "base.h"

int64_t portal_clock_now(void);  /* unix seconds, plus the test offset when configured */

#endif
