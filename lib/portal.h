/* portal.h: the interface of libportal, the library every Poortwachter program links: one header per library
 * file, included here in the order they build on each other. internal.h is for the library itself. */
#ifndef PORTAL_H
#define PORTAL_H

#include "base.h"
#include "mem.h"
#include "conf.h"
#include "log.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "lang.h"
#include "tmpl.h"
#include "session.h"
#include "authz.h"
#include "throttle.h"
#include "sms.h"
#include "outbox.h"
#include "mail.h"
#include "token.h"
#include "colleague.h"
#include "usermail.h"
#include "quota.h"
#include "totp.h"
#include "upload.h"
#include "once.h"
#include "csv.h"
#include "pwpolicy.h"
#include "audit.h"
#include "app.h"

#endif
