// login.mjs: the real-browser scenario, each source document's main task as its user: log in with the code from
// the SMS outbox, the start page, user management, a colleague's role, the CSV import form, Mijn account and the
// manual, log out; a dossier's settings, and a document from upload through forwarding, approval (announced on
// the approver's start page) and processing to paid, each step by its profile; an incident and the AFAS
// admin's list and quota; the back office's admin giving a module role and a product's approval steps; the
// vendor's customer pages; an admin giving support access with her authenticator app, and the support desk
// working under it. Pages at desktop and phone width. Fails on any console error or CSP violation.
// Screenshots go to OUT.
//   node tests/browser/login.mjs BASE_URL VAR OUT
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, sqlFor, loginAs as login, enrolApp, forgetApp, totp, advanceClock } from './lib.mjs';

const [base, varDir, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0;
const step = (name, ok, detail = '') => {
  if (ok) console.log(`ok - browser: ${name}`);
  else { failed++; console.log(`not ok - browser: ${name} ${detail}`); }
};

const [email, password] = readFileSync(join(varDir, 'demo-logins.txt'), 'utf8').split('\n')[0].split('\t');
const sql = sqlFor(varDir);

// known data: no SMS code sent yet (each account gets three in 15 minutes; this and pages.mjs log in some people
// more than once)
sql('DELETE FROM sms_outbox; DELETE FROM auth_throttle');

const browser = await launch();
const problems = [];
try {
  // a browser page that reports console errors, page errors and CSP violations
  const newPage = async () => {
    const p = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
    p.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.addInitScript(() => document.addEventListener('securitypolicyviolation',
      (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
    return p;
  };
  let page = await newPage();
  const main = page;
  const loginAs = (who) => login(page, base, varDir, who);
  // where several people take turns, each works in a browser of their own and logs in once (an account gets
  // three SMS codes in 15 minutes): as(who) switches to theirs, logging them in the first time
  const people = {};
  const as = async (who) => {
    if (!people[who]) {
      people[who] = page = await newPage();
      await loginAs(who);
    }
    page = people[who];
  };
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
  await page.locator('#nav-settings').click();
  step('dossier settings warn that a profile counts everywhere', await page.locator('#profile-warning').isVisible());
  await page.screenshot({ path: join(out, '8-dossier-settings.png'), fullPage: true });
  await logout();

  // a document from upload to paid (document 003), each step by the profile that may take it: Lotte (Document
  // processing) uploads an invoice and forwards it to Renée (Document Delivery), whose start page says it waits
  // for her; she approves it, Lotte processes it, Jeroen (Full Feedback) marks it paid
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const docRow = () => page.locator('#docs tr', { hasText: 'factuur-drukkerij.pdf' });
  await as('lotte@hetanker.example');
  await page.goto(`${base}/dossiers/1/documents`);
  await page.getByLabel('Bestand (PDF, PNG of JPEG)').setInputFiles({ name: 'factuur-drukkerij.pdf',
    mimeType: 'application/pdf', buffer: pdf });
  await Promise.all([page.waitForURL('**/documents?m=uploaded'), page.getByRole('button', { name: 'Aanleveren' }).click()]);
  step('document uploaded through the form', (await page.locator('#docs').textContent()).includes('factuur-drukkerij.pdf'));
  await docRow().getByLabel('doorsturen').check();
  await page.getByLabel('Doorsturen ter goedkeuring aan').selectOption({ label: 'Renée Dubois' });
  await Promise.all([page.waitForURL('**/documents?m=**'), page.getByRole('button', { name: 'Doorsturen', exact: true }).click()]);
  step('forwarded for approval', (await docRow().textContent()).includes('Wacht op goedkeuring'), await docRow().textContent());
  step('the documents page fits a phone', (await both('7-dossier-documents')) <= 400);
  await as('renee@hetanker.example');
  const waiting = page.locator('#todo-approve a');
  step("Renée's start page says a document waits for her", (await waiting.textContent()).includes('1 document wacht op uw goedkeuring'));
  await page.screenshot({ path: join(out, '7b-home-approve.png'), fullPage: true });
  await waiting.click();
  await Promise.all([page.waitForURL('**/documents?m=**'), docRow().getByRole('button', { name: 'Goedkeuren' }).click()]);
  step('approved by Renée', (await docRow().textContent()).includes('Goedgekeurd door'));
  await as('lotte@hetanker.example');
  await page.goto(`${base}/dossiers/1/documents`);
  await Promise.all([page.waitForURL('**/documents?m=**'), docRow().getByRole('button', { name: 'Verwerken' }).click()]);
  step('processed by Lotte', sql("SELECT status FROM documents WHERE filename = 'factuur-drukkerij.pdf'").trim() === 'processed');
  await as('jeroen@hetanker.example');
  await page.goto(`${base}/dossiers/1/payments`);
  await Promise.all([page.waitForURL('**/payments?m=**'), docRow().getByRole('button', { name: 'Betaald' }).click()]);
  step('marked paid by Jeroen', (await docRow().textContent()).includes('Betaald op')
    && sql("SELECT paid_at IS NOT NULL FROM documents WHERE filename = 'factuur-drukkerij.pdf'").trim() === '1');
  step('the payments page fits a phone', (await both('7c-dossier-payments')) <= 400);
  sql("DELETE FROM documents WHERE filename = 'factuur-drukkerij.pdf'");
  page = main;

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
  // he gives Sophie (16) the role for one module, and it is hers from her next request
  const boRole = sql("SELECT r.id FROM roles r JOIN role_set_roles x ON x.role_id = r.id JOIN role_sets s ON s.id = x.set_id"
    + " WHERE s.skey = 'backoffice' AND r.id NOT IN (SELECT role_id FROM user_roles WHERE user_id = 16) ORDER BY r.sort_order LIMIT 1").trim();
  await page.locator(`input[name=role][value="${boRole}"]`).check();
  await Promise.all([page.waitForURL('**/rights/users/16**'), page.getByRole('button', { name: 'Opslaan' }).click()]);
  step('the back-office admin gives a colleague a module role', sql(`SELECT COUNT(*) FROM user_roles WHERE user_id = 16 AND role_id = ${boRole}`).trim() === '1'
    && (await page.locator('[role=status]').first().textContent()).includes('opgeslagen'));
  sql(`DELETE FROM user_roles WHERE user_id = 16 AND role_id = ${boRole}`);
  const pid = sql("SELECT id FROM bo_records WHERE org_id = 4 AND module = 'products' ORDER BY id LIMIT 1").trim();
  await page.goto(`${base}/backoffice/products/${pid}`);
  step('a product shows its approval steps', await page.locator('#steps').count() === 1);
  step('the product page fits a phone', (await both('11-product')) <= 400);
  await logout();

  // the vendor: its authenticator app first (AUTH-08), then a new customer's form and a customer's roles
  await loginAs('sanne.devries@poortwachter.example');
  await enrolApp(page, base, varDir);
  await page.goto(`${base}/orgs/new`);
  step('new customer: its role sets to choose', (await page.locator('input[name=set]').count()) === 4);
  step('the new-customer form fits a phone', (await both('12-orgs-new')) <= 400);
  await page.goto(`${base}/orgs/2`);
  step('a customer: its role sets and specialists', (await page.locator('#roles input[name=set]:checked').count()) === 1
    && (await page.locator('#experts').count()) === 1);
  step('the customer page fits a phone', (await both('13-org')) <= 400);
  forgetApp(varDir, 'sanne.devries@poortwachter.example');
  await logout();

  // the vendor's desk with a grant (ACC-07): Ingrid gives support two hours' read access, confirmed with her app;
  // Ahmed sees it on his start page, works in Het Anker's data and leaves; her grant's log names what he saw
  await as('ingrid@hetanker.example');
  const ingridApp = await enrolApp(page, base, varDir);
  await page.goto(`${base}/support`);
  await page.getByLabel('Aantal uren (1 tot 72)').fill('2');
  await page.getByLabel('Reden (optioneel)').fill('Incident over de loonstroken');
  await Promise.all([page.waitForURL(/\/support\/grants\/\d+$/), page.getByRole('button', { name: 'Verder: bevestigen met de app' }).click()]);
  const grantUrl = page.url();
  advanceClock(varDir, 30);   // a fresh code: the enrolment's is used
  await page.getByLabel('Code uit de app (6 cijfers)').fill(totp(ingridApp, varDir));
  await Promise.all([page.waitForURL('**?m=granted'), page.getByRole('button', { name: 'Toegang geven' }).click()]);
  step('an admin gives support access with her app', (await page.locator('[role=status]').first().count()) === 1
    && sql("SELECT COUNT(*) FROM support_grants WHERE org_id = 5 AND confirmed_at IS NOT NULL AND revoked_at IS NULL").trim() === '1');
  step('the grant page fits a phone', (await both('14-grant')) <= 400);
  await as('ahmed.elamrani@poortwachter.example');
  await enrolApp(page, base, varDir);
  await page.goto(`${base}/home`);
  const grants = page.locator('#todo-grants a');
  step("support's start page shows the customer's grant", (await grants.textContent()).includes('1 klant geeft support nu toegang'));
  await grants.click();
  step('the desk lists Het Anker', await page.locator('#org-5').count() === 1);
  step('the desk fits a phone', (await both('15-desk')) <= 400);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/support/desk')),
    page.locator('#org-5').getByRole('button', { name: 'Werken in deze organisatie' }).click()]);
  await page.goto(`${base}/users`);
  step("support works in the customer's data under the grant", (await page.locator('h1').textContent()) === 'Gebruikersbeheer'
    && (await page.locator('main').textContent()).includes('Bram'));
  await page.screenshot({ path: join(out, '16-desk-customer.png'), fullPage: true });
  await as('ingrid@hetanker.example');
  await page.goto(grantUrl);
  step("the grant's log says what support looked at", (await page.locator('#log').textContent()).includes('/users'));
  await Promise.all([page.waitForURL('**?m=revoked'), page.getByRole('button', { name: 'Toegang nu intrekken' }).click()]);
  step('and she revokes it', sql("SELECT COUNT(*) FROM support_grants WHERE org_id = 5 AND revoked_at IS NULL AND confirmed_at IS NOT NULL").trim() === '0');
  forgetApp(varDir, 'ingrid@hetanker.example');   // the next logins (pages.mjs) are with the SMS code again
  forgetApp(varDir, 'ahmed.elamrani@poortwachter.example');
} catch (e) {
  step('scenario', false, String(e).split('\n')[0]);
} finally {
  await browser.close();
}
step('no console errors or CSP violations', problems.length === 0, problems.join(' | '));
process.exit(failed ? 1 : 0);
