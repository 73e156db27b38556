// pages.mjs: every page a demo user reaches from the menu, and the first record each list links to, opened as
// that user at 1280x800 and at 390x844 (a phone): nothing wider than the screen, no axe-core violation of WCAG
// 2.1 A/AA, no console error or CSP report. A screenshot of each menu page at both widths goes to OUT/pages.
//   node tests/browser/pages.mjs BASE_URL VAR OUT
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { launch, loginAs, enrolApp, forgetApp } from './lib.mjs';

const [base, varDir, outDir] = process.argv.slice(2);
const out = join(outDir, 'pages');
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');
let failed = 0;
const step = (name, ok, detail = '') => {
  if (ok) console.log(`ok - pages: ${name}`);
  else { failed++; console.log(`not ok - pages: ${name} ${detail}`); }
};

// one user of each kind the source documents know
const USERS = [
  ['pieter@dehaan-assurantien.example', 'aip-admin'], ['fleur@dehaan-assurantien.example', 'aip-colleague'],
  ['marieke@bakkerij-vandenberg.example', 'afas-admin'], ['joost@bakkerij-vandenberg.example', 'afas-submitter'],
  ['willem.kok@zeeuwse-onderlinge.example', 'backoffice-admin'], ['sophie.meijer@zeeuwse-onderlinge.example', 'backoffice-user'],
  ['ingrid@hetanker.example', 'dossier-admin'], ['lotte@hetanker.example', 'dossier-profile'],
  ['sanne.devries@poortwachter.example', 'vendor-admin'],
];
// links that download a file or change nothing worth a page of its own
const SKIP = /\/(file|download|export|qr)(\?|$)|\/users\/export|^\/logout/;

const browser = await launch();
try {
  const page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));

  for (const [who, tag] of USERS) {
    await loginAs(page, base, varDir, who);
    const vendor = who.endsWith('@poortwachter.example');
    if (vendor) await enrolApp(page, base, varDir);
    await page.goto(`${base}/home`);
    const menu = await page.locator('details.menu nav a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const seen = new Set();
    const visit = async (path, shoot) => {
      if (seen.has(path) || SKIP.test(path)) return;
      seen.add(path);
      problems.length = 0;
      const resp = await page.goto(base + path);
      const issues = [];
      if (!resp || resp.status() !== 200) issues.push(`status ${resp && resp.status()}`);
      for (const [w, h, size] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
        await page.setViewportSize({ width: w, height: h });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > w) issues.push(`${size} ${wide}px wide`);
        await page.evaluate(axeSource);
        const v = await page.evaluate(async () => (await window.axe.run(document,
          { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations
          .map((x) => `${x.id}: ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
        if (v.length) issues.push(`${size} axe ${v.join('; ')}`);
        if (shoot) await page.screenshot({ path: join(out, `${tag}${path.replace(/[^a-z0-9]+/gi, '-')}-${size}.png`) });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      if (problems.length) issues.push(`console: ${problems.join(' | ')}`);
      step(`${tag} ${path}`, issues.length === 0, issues.join(' | '));
      return page;
    };
    for (const path of menu) {
      await visit(path, true);
      // the first record the page's list links to (a colleague, an incident, a dossier, a relation, ...)
      const first = await page.locator('main table a[href^="/"]').first().getAttribute('href', { timeout: 500 }).catch(() => null);
      if (first) await visit(first.split('#')[0], false);
    }
    if (vendor) forgetApp(varDir, who);
  }
} catch (e) {
  step('walk', false, String(e).split('\n')[0]);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
