/* sms.h: SMS (sms.c): challenges and the outbox. */
#ifndef PORTAL_SMS_H
#define PORTAL_SMS_H

#include "base.h"
#include "http.h"

enum portal_sms_result { PORTAL_SMS_OK, PORTAL_SMS_WRONG, PORTAL_SMS_VOID, PORTAL_SMS_EXPIRED, PORTAL_SMS_NONE };
/* New 6-digit code for the pending session: voids the old one, queues the text (same transaction
 * as the caller's). *wait > 0 when the per-account or per-address cap forbids sending now. */
enum portal_err portal_sms_challenge(struct portal_req *r, int64_t session_id, int64_t user_id,
	const char *phone, enum portal_lang lang, int64_t *wait);
/* *wait: seconds until another code may go to this account from this address, 0 if now. */
enum portal_err portal_sms_wait(struct portal_req *r, int64_t user_id, int64_t *wait);
/* On PORTAL_SMS_OK, *phone (if not NULL) is the number the code was sent to. */
enum portal_err portal_sms_verify(struct portal_req *r, int64_t session_id, const char *code,
	enum portal_sms_result *res, const char **phone);
enum portal_err portal_sms_enqueue(struct portal_req *r, int64_t user_id, const char *phone, const char *text);
/* Drains the outbox with the configured driver; returns the number sent or -1. */
int portal_sms_drain(struct portal_req *r, bool echo);

#endif
