// Prints what the browser suite found, grouped, and one summary line.
// node lib/summary.mjs TMP SECONDS SCREENSHOTS [JOURNEYS_STATUS HTML_STATUS]
import fs from 'node:fs';
import path from 'node:path';

const [tmp, seconds, shots, journeysStatus = '0', htmlStatus = '0'] = process.argv.slice(2);
// A runner killed by the time limit leaves a TAP file with no failure in it: its exit status
// is what says the run did not pass.
const runnersFailed = journeysStatus !== '0' || htmlStatus !== '0';
const lines = (f) => (fs.existsSync(path.join(tmp, f)) ? fs.readFileSync(path.join(tmp, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const pages = lines('pages.jsonl');
const findings = lines('findings.jsonl');

function tap(name) {
  const f = path.join(tmp, `${name}.tap`);
  const text = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
  const n = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  return { tests: n('tests'), pass: n('pass'), fail: n('fail') + n('cancelled'), skipped: n('skipped') + n('todo') };
}
const t = [tap('journeys'), tap('html')].reduce((a, b) => ({
  tests: a.tests + b.tests, pass: a.pass + b.pass, fail: a.fail + b.fail, skipped: a.skipped + b.skipped }));

// axe findings grouped by rule and element, with the pages where they occur.
const axe = new Map();
for (const f of findings.filter((x) => x.kind === 'axe')) {
  const key = `${f.id} | ${f.target}`;
  if (!axe.has(key)) axe.set(key, { ...f, pages: new Set() });
  axe.get(key).pages.add(`${f.page} (${f.device})`);
}
if (axe.size) {
  console.log(`\n== axe violations (${axe.size} rule × element):`);
  for (const f of axe.values()) {
    const where = [...f.pages];
    console.log(`  ${f.id} [${f.impact}] ${f.help}\n    element: ${f.target}\n    ${f.summary}\n    on: ${where.slice(0, 6).join(', ')}${where.length > 6 ? ` and ${where.length - 6} more` : ''}`);
  }
}
const vnu = new Map();
for (const f of findings.filter((x) => x.kind === 'vnu')) {
  const key = `${f.message} | ${f.extract}`;
  if (!vnu.has(key)) vnu.set(key, { ...f, pages: [] });
  vnu.get(key).pages.push(`${f.page}:${f.line}`);
}
if (vnu.size) {
  console.log(`\n== Nu HTML Checker errors (${vnu.size} distinct):`);
  for (const f of vnu.values()) {
    console.log(`  ${f.message}\n    ${String(f.extract ?? '').replace(/\n/g, '⏎')}\n    on: ${f.pages.slice(0, 6).join(', ')}${f.pages.length > 6 ? ` and ${f.pages.length - 6} more` : ''}`);
  }
}
const other = findings.filter((x) => ['console', 'external-request', 'layout', 'target'].includes(x.kind));
if (other.length) {
  console.log('\n== console errors, requests that left the portal, layout and target-size findings:');
  for (const f of other) console.log(`  ${f.kind}: ${f.detail} (on ${f.page})`);
}
const ok = t.fail === 0 && t.tests > 0 && !runnersFailed;
console.log(`\n== e2e ${ok ? 'PASSED' : 'FAILED'}: ${t.pass}/${t.tests} tests passed${t.fail ? `, ${t.fail} failed` : ''}${t.skipped ? `, ${t.skipped} skipped` : ''}${runnersFailed ? `, a runner exited with status ${journeysStatus}/${htmlStatus} (journeys/HTML; 124: out of time)` : ''}; `
  + `${pages.length} page views checked (axe WCAG 2.2 AA, target sizes, phone layout + Nu HTML Checker), ${axe.size} axe findings, ${vnu.size} HTML errors, `
  + `${other.length} console/external; screenshots in ${shots}; ${seconds} s`);
