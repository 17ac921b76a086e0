// Write workload for tests/bench/write_load.sh: admin ledger form posts (one contribution
// recorded per request, CSRF token and session cookie as a browser sends them) and incident
// API writes (Bearer token, JSON), half and half, on keep-alive connections.
// usage: node write_load.mjs BASE_URL CONNECTIONS SECONDS COOKIE CSRF API_TOKEN
import http from 'node:http';

const [base, connArg, secArg, cookie, csrf, apiToken] = process.argv.slice(2);
const connections = Number(connArg);
const seconds = Number(secArg);
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function request(path, headers, body) {
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', agent,
      headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const latencies = { ledger: [], incident: [] };
let ok = { ledger: 0, incident: 0 }, failed = 0, n = 0;
const end = Date.now() + seconds * 1000;

async function worker(id) {
  while (Date.now() < end) {
    const which = (n++ % 2) ? 'ledger' : 'incident';
    const t0 = process.hrtime.bigint();
    let status;
    if (which === 'ledger') {
      const form = new URLSearchParams({ _csrf: csrf, date: '2025-11-24', kind: 'donation', amount: '12.50',
        currency: 'EUR', note: `bench ${id}` }).toString();
      status = await request('/admin/ledger', { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, form);
      if (status === 303) ok.ledger++; else failed++;
    } else {
      const body = JSON.stringify({ name: `bench outage ${id}`, status: 'investigating', impact: 'minor', body: 'x' });
      status = await request('/api/v2/incidents', { Authorization: `Bearer ${apiToken}`, 'Content-Type': 'application/json' }, body);
      if (status >= 200 && status < 300) ok.incident++; else failed++;
    }
    latencies[which].push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}

const start = Date.now();
await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)));
const elapsed = (Date.now() - start) / 1000;
const all = [...latencies.ledger, ...latencies.incident].sort((a, b) => a - b);
const pct = (p) => all.length ? all[Math.min(all.length - 1, Math.floor(p * all.length))].toFixed(1) : '-';
console.log(JSON.stringify({ connections, seconds: elapsed, rps: ((ok.ledger + ok.incident) / elapsed).toFixed(0),
  ledger: ok.ledger, incident: ok.incident, failed, p50_ms: pct(0.5), p99_ms: pct(0.99) }));
agent.destroy();
