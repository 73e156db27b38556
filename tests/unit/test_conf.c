/* test_conf.c: the configuration loader: unknown and repeated keys refused, bounds checked, secret
 * files refused when group or others can read them (CRY-03), short HMAC keys refused. */
#include "unit.h"

static enum portal_err load(const char *dir, const char *body, char *err, size_t errlen)
{
	char cfg[512];
	snprintf(cfg, sizeof cfg, "%s/t.conf", dir);
	unit_write(cfg, body, 0644);
	return portal_conf_load(cfg, err, errlen);
}

int main(void)
{
	char *dir = unit_tmpdir();
	char key[512], pw[512], body[2048], err[600];
	snprintf(key, sizeof key, "%s/k", dir);
	snprintf(pw, sizeof pw, "%s/p", dir);
	unit_write(key, "0123456789abcdef0123456789abcdef0123\n", 0600);
	unit_write(pw, "s3cret\n", 0600);

	snprintf(body, sizeof body, "[portal]\nhmac_key_file = %s\ntemplates = /t\n[db]\npassword_file = %s\n", key, pw);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_OK, "valid configuration loads");
	CHECK(!strcmp(portal_cf->db_password, "s3cret"), "secret file read, trailing newline trimmed");
	CHECK(portal_cf->hmac_key_len == 36, "hmac key read");
	CHECK(portal_cf->max_body == 1048576 && portal_cf->session_idle == 1800 && portal_cf->session_absolute == 43200,
		"defaults: 1 MiB body, 30 min idle, 12 h absolute");
	CHECK(portal_cf->secure_cookies, "secure cookies by default");

	unit_write(pw, "s3cret\n", 0640);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "readable by group or others"),
		"group-readable secret file refused");
	unit_write(pw, "s3cret\n", 0604);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG, "world-readable secret file refused");
	unit_write(pw, "s3cret\n", 0600);
	unit_write(key, "short\n", 0600);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "32"), "short HMAC key refused");
	unit_write(key, "0123456789abcdef0123456789abcdef0123\n", 0600);

	snprintf(body, sizeof body, "[portal]\nhmac_key_file = %s\ntemplates = /t\nteplates = /x\n[db]\npassword_file = %s\n",
		key, pw);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "unknown setting portal.teplates"),
		"unknown key refused");
	snprintf(body, sizeof body, "[portal]\nhmac_key_file = %s\ntemplates = /t\ntemplates = /x\n[db]\npassword_file = %s\n",
		key, pw);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "given twice"), "repeated key refused");
	snprintf(body, sizeof body, "[portal]\nhmac_key_file = %s\ntemplates = /t\n[limits]\nmax_body = 12\n[db]\npassword_file = %s\n",
		key, pw);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "max_body"), "out-of-range number refused");
	snprintf(body, sizeof body, "[portal]\ntemplates = /t\n[db]\npassword_file = %s\n", pw);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "hmac_key_file"), "missing key file refused");
	CHECK(load(dir, "[portal\n", err, sizeof err) == PORTAL_ERR_CONFIG && strstr(err, "line 1"), "syntax error names the line");
	snprintf(body, sizeof body, "[portal]\nhmac_key_file = %s\ntemplates = /t\n[sms]\ndriver = carrier-pigeon\n[db]\npassword_file = %s\n",
		key, pw);
	CHECK(load(dir, body, err, sizeof err) == PORTAL_ERR_CONFIG, "unknown SMS driver refused");

	portal_conf_free();
	unit_rmdir(dir);
	return UNIT_DONE();
}
