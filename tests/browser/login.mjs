// login.mjs: the real-browser scenario: log in with the code from the SMS outbox, see the home page, user
// management, the CSV import form (its script reads a chosen file), Mijn account and the manual, log out;
// then a dossier user: the dossiers, an upload through the form, the settings page; then an incident; then the
// back office's admin handing out module roles and a product's approval steps, and the vendor's customer pages
// (role sets, specialists) after enrolling its authenticator app; those at desktop and phone width.
// Fails on any console error or CSP violation. Screenshots go to OUT.
//   node tests/browser/login.mjs BASE_URL VAR OUT
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, sqlFor, loginAs as login, enrolApp, forgetApp } from './lib.mjs';

const [base, varDir, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0;
const step = (name, ok, detail = '') => {
  if (ok) console.log(`ok - browser: ${name}`);
  else { failed++; console.log(`not ok - browser: ${name} ${detail}`); }
};

const [email, password] = readFileSync(join(varDir, 'demo-logins.txt'), 'utf8').split('\n')[0].split('\t');
const sql = sqlFor(varDir);

const browser = await launch();
const problems = [];
try {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));

  const loginAs = (who) => login(page, base, varDir, who);
  // the header's menus: "Beheer" and the account are drop-downs at desktop width
  const logout = async () => {
    await page.locator('details.menu li.me summary').click();
    await Promise.all([page.waitForURL('**/login?m=logged_out'),
      page.locator('details.menu').getByRole('button', { name: 'Uitloggen' }).click()]);
  };
  // a page at desktop and phone width: two screenshots, and nothing wider than the phone's screen
  const both = async (name) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(out, `${name}-phone.png`), fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.setViewportSize({ width: 1280, height: 900 });
    return wide;
  };

  await page.goto(`${base}/login`);
  step('login page', (await page.title()).includes('Inloggen'));
  await page.screenshot({ path: join(out, '1-login.png'), fullPage: true });
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await Promise.all([page.waitForURL('**/verify_sms'), page.getByRole('button', { name: 'Inloggen' }).click()]);
  step('password accepted, code asked', page.url().endsWith('/verify_sms'));
  const body = sql(`SELECT o.body FROM sms_outbox o JOIN users u ON u.id = o.user_id WHERE u.email = '${email}' ORDER BY o.id DESC LIMIT 1`);
  const code = (body.match(/\b\d{6}\b/) || [])[0];
  step('code read from the outbox', !!code);
  await page.screenshot({ path: join(out, '2-code.png'), fullPage: true });
  await page.getByLabel('Code uit de sms').fill(code);
  await Promise.all([page.waitForURL('**/home'), page.getByRole('button', { name: 'Bevestigen' }).click()]);
  const h1 = await page.locator('h1').textContent();
  step('home page', h1 === 'Mijn portaal' && (await page.locator('#me-org').textContent()).length > 0, h1);
  await page.screenshot({ path: join(out, '3-home.png'), fullPage: true });
  await page.locator('details.menu summary', { hasText: 'Beheer' }).click();
  await page.locator('details.menu').getByRole('link', { name: "Collega's" }).click();
  step('user management with the holiday checklist',
    (await page.locator('h1').textContent()) === 'Gebruikersbeheer' && (await page.locator('.checklist').count()) === 1);
  await page.screenshot({ path: join(out, '5-users.png'), fullPage: true });
  // a colleague's rights (document 000): Zoë gets Klantbeeld, which says what it allows, and loses it again
  const zoe = sql("SELECT id FROM users WHERE email = 'zoe@dehaan-assurantien.example'").trim();
  const klantbeeld = sql("SELECT id FROM roles WHERE rkey = 'klantbeeld'").trim();
  const toggle = async (on) => {
    await page.goto(`${base}/rights/users/${zoe}`);
    await page.locator(`input[name=role][value="${klantbeeld}"]`).setChecked(on);
    await Promise.all([page.waitForURL(`**/rights/users/${zoe}**`), page.getByRole('button', { name: 'Opslaan' }).click()]);
    return sql(`SELECT COUNT(*) FROM user_roles WHERE user_id = ${zoe} AND role_id = ${klantbeeld}`).trim();
  };
  step('an admin gives a colleague a role on the rights page', (await toggle(true)) === '1'
    && (await page.locator('[role=status]').first().textContent()).includes('opgeslagen'));
  step('the rights page fits a phone', (await both('5b-rights-colleague')) <= 400);
  step('and takes it away again', (await toggle(false)) === '0');
  await page.goto(`${base}/users/import`);
  await page.getByLabel('CSV-bestand kiezen').setInputFiles({ name: 'collegas.csv', mimeType: 'text/csv',
    buffer: Buffer.from('\uFEFFvoornaam;achternaam;email\nAnna;Vries;anna@example.nl\n') });
  await page.waitForFunction(() => document.getElementById('csv').value.includes('Anna'));
  step('import: a chosen file is read into the form (script allowed by the CSP)',
    (await page.locator('#csv').inputValue()).startsWith('voornaam;'));
  await page.goto(`${base}/account`);
  step('Mijn account shows the roles', (await page.locator('#my-roles').textContent()).includes('Beheerder'));
  await page.screenshot({ path: join(out, '6-account.png'), fullPage: true });
  await page.goto(`${base}/help`);
  step('manual', (await page.locator('h1').textContent()) === 'Handleiding Gebruikersbeheer');
  await logout();
  step('logged out', (await page.locator('[role=status]').textContent()).includes('uitgelogd'));
  await page.goto(`${base}/home`);
  step('home needs a login again', page.url().includes('/login'));
  await page.screenshot({ path: join(out, '4-logged-out.png'), fullPage: true });

  // the accounting portal (document 003): a dossier, its settings and an upload through the form
  await loginAs('ingrid@hetanker.example');
  await page.getByRole('link', { name: 'Dossiers' }).first().click();
  step('dossiers list', (await page.locator('#dossiers tbody tr').count()) === 2);
  await page.locator('#dossiers a').first().click();
  step('dossier overview says what and why', (await page.locator('#why li').count()) >= 7);
  await page.locator('#nav-documents').click();
  await page.getByLabel('Bestand (PDF, PNG of JPEG)').setInputFiles({ name: 'factuur-brouwerij.pdf',
    mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await Promise.all([page.waitForURL('**/documents?m=uploaded'), page.getByRole('button', { name: 'Aanleveren' }).click()]);
  step('document uploaded through the form', (await page.locator('#docs').textContent()).includes('factuur-brouwerij.pdf'));
  await page.screenshot({ path: join(out, '7-dossier-documents.png'), fullPage: true });
  await page.locator('#nav-settings').click();
  step('dossier settings warn that a profile counts everywhere', await page.locator('#profile-warning').isVisible());
  await page.screenshot({ path: join(out, '8-dossier-settings.png'), fullPage: true });
  sql("DELETE FROM documents WHERE filename = 'factuur-brouwerij.pdf'");
  await logout();

  // incidents (document 001): Joost (Incidentenbeheer) submits one through the form
  await loginAs('joost@bakkerij-vandenberg.example');
  await page.getByRole('link', { name: 'Incidenten' }).first().click();
  step('own incidents listed', (await page.locator('#incidents').textContent()).includes('Loonstrook'));
  await page.locator('#new-incident').click();
  await page.getByLabel('Onderwerp').fill('Kassa start niet op');
  await page.getByLabel('Beschrijving').fill('Sinds de update van vannacht start de kassa niet meer op.');
  await Promise.all([page.waitForURL(/\/incidents\/\d+\?m=submitted/), page.getByRole('button', { name: 'Insturen' }).click()]);
  step('incident submitted through the form', (await page.locator('h1').textContent()).includes('Kassa start niet op'));
  await page.screenshot({ path: join(out, '9-incident.png'), fullPage: true });
  await logout();
  // the AFAS admin (documents 001, 004): every incident of the organisation, and the quota of Incidentenbeheer
  await loginAs('marieke@bakkerij-vandenberg.example');
  await page.goto(`${base}/incidents`);
  step("the admin sees the organisation's incidents", (await page.locator('#incidents').textContent()).includes('Kassa start niet op'));
  step('the incidents list fits a phone', (await both('9b-incidents-admin')) <= 400);
  await page.goto(`${base}/quota`);
  step('the quota page', (await page.locator('h1').textContent()) === 'Quotum Incidentenbeheer');
  step('the quota page fits a phone', (await both('9c-quota')) <= 400);
  sql("DELETE FROM incidents WHERE title = 'Kassa start niet op'");

  // the back office (document 002): its admin hands out per-module roles, each explained, none greyed out
  await loginAs('willem.kok@zeeuwse-onderlinge.example');
  await page.goto(`${base}/rights/users/16`);
  step('back-office rights: every role of the set can be given, each says what it allows',
    (await page.locator('input[name=role][disabled]').count()) === 0 && (await page.locator('.role-what').count()) >= 20);
  step('back-office rights page fits a phone', (await both('10-rights-backoffice')) <= 400);
  const pid = sql("SELECT id FROM bo_records WHERE org_id = 4 AND module = 'products' ORDER BY id LIMIT 1").trim();
  await page.goto(`${base}/backoffice/products/${pid}`);
  step('a product shows its approval steps', await page.locator('#steps').count() === 1);
  step('the product page fits a phone', (await both('11-product')) <= 400);
  await logout();

  // the vendor: its authenticator app first (AUTH-08), then a new customer's form and a customer's roles
  await loginAs('sanne.devries@poortwachter.example');
  await enrolApp(page, base);
  await page.goto(`${base}/orgs/new`);
  step('new customer: its role sets to choose', (await page.locator('input[name=set]').count()) === 4);
  step('the new-customer form fits a phone', (await both('12-orgs-new')) <= 400);
  await page.goto(`${base}/orgs/2`);
  step('a customer: its role sets and specialists', (await page.locator('#roles input[name=set]:checked').count()) === 1
    && (await page.locator('#experts').count()) === 1);
  step('the customer page fits a phone', (await both('13-org')) <= 400);
  forgetApp(varDir, 'sanne.devries@poortwachter.example');
} catch (e) {
  step('scenario', false, String(e).split('\n')[0]);
} finally {
  await browser.close();
}
step('no console errors or CSP violations', problems.length === 0, problems.join(' | '));
process.exit(failed ? 1 : 0);
