// The Nu HTML Checker (vnu-jar, run with the machine's Java) on the HTML the server sent for
// every page the journeys checked, and on the stylesheet. Run by run.sh after the journeys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { HTML_DIR, TMP, url } from './lib/harness.mjs';

// The jar itself (the package's own module would download a Java if none were found).
const vnuJar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar')), 'build/dist/vnu.jar');

function runVnu(args) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-Xss8m', '-jar', vnuJar, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 100_000 },
      (err, stdout, stderr) => {
        // Exit status 1 only means "errors found"; the JSON report is on stderr.
        try { resolve(JSON.parse(stderr)); } catch { reject(err ?? new Error(`vnu printed no report: ${stderr}`)); }
      });
  });
}

test('every page checked by the journeys is valid HTML (Nu HTML Checker)', async () => {
  const files = fs.existsSync(HTML_DIR) ? fs.readdirSync(HTML_DIR).filter((f) => f.endsWith('.html')).sort() : [];
  assert.ok(files.length > 0, 'the journeys saved no page to check');
  // The stylesheet the pages link to, checked along with them.
  const first = fs.readFileSync(path.join(HTML_DIR, files[0]), 'utf8');
  const css = [...first.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  const cssFiles = [];
  for (const [i, href] of css.entries()) {
    const res = await fetch(url(href));
    assert.equal(res.status, 200, `stylesheet ${href}`);
    const file = path.join(TMP, `stylesheet-${i}.css`);
    fs.writeFileSync(file, await res.text());
    cssFiles.push(file);
  }
  const report = await runVnu(['--errors-only', '--also-check-css', '--format', 'json',
    ...files.map((f) => path.join(HTML_DIR, f)), ...cssFiles]);
  const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const lines = [];
  for (const m of errors) {
    const file = decodeURIComponent((m.url ?? '').replace(/^file:/, ''));
    const name = path.basename(file).replace(/\.html$/, '');
    const page = file.endsWith('.css') ? css[cssFiles.indexOf(file)] ?? name : name;
    lines.push(`${page}:${m.lastLine ?? '?'}: ${m.message}\n      ${(m.extract ?? '').replace(/\n/g, '⏎')}`);
    fs.appendFileSync(path.join(TMP, 'findings.jsonl'), JSON.stringify({
      kind: 'vnu', page, line: m.lastLine, message: m.message, extract: m.extract,
    }) + '\n');
  }
  console.log(`# vnu checked ${files.length} pages and ${cssFiles.length} stylesheet(s): ${errors.length} errors`);
  assert.deepEqual(lines, [], `Nu HTML Checker errors:\n  - ${lines.join('\n  - ')}`);
});
