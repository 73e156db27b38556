// lib.mjs: what the browser scripts share: Debian's chromium, the database of the stack under test (for SMS
// codes and clean-up), a code from an authenticator app, and the full login of a demo user.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// a query as the database's root, over the stack's socket; its rows as text
export const sqlFor = (varDir) => (q) => execFileSync('mariadb', ['--no-defaults', '-S', join(varDir, 'run', 'mysqld.sock'),
  '-uroot', '-N', '-B', 'poortwachter', '-e', q],
  { env: { ...process.env, MYSQL_PWD: readFileSync(join(varDir, 'secrets', 'db-root.pw'), 'utf8').trim() } }).toString();

export const demoPassword = (varDir, who) => readFileSync(join(varDir, 'demo-logins.txt'), 'utf8').split('\n')
  .find((l) => l.startsWith(who + '\t')).split('\t')[1];

// the programs' clock offset on a test stack (TEST_CLOCK: var/run/clock), and moving it on, as the HTTP tests do
const clockFile = (varDir) => join(varDir, 'run', 'clock');
const clockOffset = (varDir) => {
  try { return parseInt(readFileSync(clockFile(varDir), 'utf8'), 10) || 0; } catch { return 0; }
};
export const advanceClock = (varDir, seconds) => writeFileSync(clockFile(varDir), String(clockOffset(varDir) + seconds));

// a code from an authenticator app (RFC 6238) for a base32 secret, at the programs' time when varDir is given
export const totp = (b32, varDir) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of b32.replace(/[\s=]/g, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor((Date.now() / 1000 + (varDir ? clockOffset(varDir) : 0)) / 30)));
  const mac = createHmac('sha1', key).update(step).digest();
  const o = mac[19] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
};

// password, then the code from the SMS outbox; the cookies of any earlier user are gone first
export const loginAs = async (page, base, varDir, who) => {
  const sql = sqlFor(varDir);
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mailadres').fill(who);
  await page.getByLabel('Wachtwoord').fill(demoPassword(varDir, who));
  await Promise.all([page.waitForURL('**/verify_sms**'), page.getByRole('button', { name: 'Inloggen' }).click()]);
  const b = sql(`SELECT o.body FROM sms_outbox o JOIN users u ON u.id = o.user_id WHERE u.email = '${who}' ORDER BY o.id DESC LIMIT 1`);
  await page.getByLabel('Code uit de sms').fill((b.match(/\b\d{6}\b/) || [])[0]);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/verify_sms')),
    page.getByRole('button', { name: 'Bevestigen' }).click()]);
};

// vendor staff work only with an app (AUTH-08): enrol one through the page, as a new colleague would; returns
// the secret, for a later code (each code is taken once: advanceClock(varDir, 30) before the next)
export const enrolApp = async (page, base, varDir) => {
  await page.goto(`${base}/account/totp`);
  await page.locator('#totp-start').click();
  await page.waitForLoadState();
  const secret = (await page.locator('#secret').textContent()).trim();
  await page.getByLabel('Code uit de app').fill(totp(secret, varDir));
  await page.getByRole('button', { name: 'App activeren' }).click();
  await page.waitForLoadState();
  return secret;
};

export const forgetApp = (varDir, who) => sqlFor(varDir)('UPDATE users SET totp_secret = NULL, totp_pending = NULL,'
  + ` totp_last_step = 0, totp_enabled_at = NULL, second_factor = 'sms' WHERE email = '${who}'`);
