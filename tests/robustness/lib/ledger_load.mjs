// A write load for faults.sh: WORKERS admins' browsers record ledger entries through
// POST /admin/ledger for SECONDS (or until the portal goes away). Every entry the portal
// acknowledged (303 to ?done=recorded) is appended to ACKED as its unique note, at once, so
// the list survives whatever happens to the portal.
// usage: node ledger_load.mjs PORT LOGIN PASSWORD WORKERS SECONDS TAG ACKED
import fs from 'node:fs';
import http from 'node:http';
import { login, request, csrfOf, form } from './client.mjs';

const [port, name, password, workers, seconds, tag, ackedFile] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
const counts = new Map();
const count = (k) => counts.set(k, (counts.get(k) || 0) + 1);
let acked = 0;

async function worker(w) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let jar;
  let token;
  try {
    jar = await login(Number(port), name, password);
    token = csrfOf((await request(Number(port), { path: '/admin/ledger', jar, agent })).body);
  } catch (e) {
    count(`log-in failed: ${e.code || e.message}`);
    return;
  }
  for (let i = 1; Date.now() < deadline; i++) {
    const note = `${tag}-${w}-${i}`;
    try {
      const r = await request(Number(port), { method: 'POST', path: '/admin/ledger', jar, agent, timeoutMs: 15000,
        body: form({ _csrf: token, date: new Date().toISOString().slice(0, 10), kind: 'donation',
          amount: `${1 + (i % 90)}.${String(w).padStart(2, '0')}`, currency: 'EUR', note }) });
      count(r.status);
      if (r.status === 303 && /done=recorded/.test(r.headers.location || '')) {
        fs.appendFileSync(ackedFile, `${note}\n`);
        acked += 1;
      }
    } catch (e) {
      count(e.code || e.message);
      // The portal is gone (killed on purpose): stop this browser.
      if (e.code === 'ECONNREFUSED') break;
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') { await new Promise((r) => setTimeout(r, 20)); }
    }
  }
  agent.destroy();
}

await Promise.all(Array.from({ length: Number(workers) }, (_, w) => worker(w)));
console.log(`load ${tag}: ${acked} acknowledged; answers ${[...counts].map(([k, v]) => `${v}×${k}`).join(', ')}`);
