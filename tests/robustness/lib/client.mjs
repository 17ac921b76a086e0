// Shared pieces of the robustness scripts: plain HTTP requests with a cookie jar, raw socket
// exchanges (for requests no well-behaved client sends), the portal's memory, and one line
// per check. Node's built-in modules only (CI installs node for the browser suite).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

let failures = 0;

// One line per check: "ok   name: figure" or "FAIL name: figure".
export function check(name, ok, figure) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${figure}`);
  if (!ok) failures += 1;
  return ok;
}

export function failed() { return failures; }

// Resident memory of a process, in KiB (0 if it is gone).
export function rssKib(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// Samples the resident memory every `everyMs` until stop() is called; returns the peak.
export function sampleRss(pid, everyMs = 25) {
  let peak = rssKib(pid);
  const timer = setInterval(() => { peak = Math.max(peak, rssKib(pid)); }, everyMs);
  return { stop() { clearInterval(timer); peak = Math.max(peak, rssKib(pid)); return peak; } };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const mib = (kib) => (kib / 1024).toFixed(1);

// A cookie jar for one visitor.
export class Jar {
  constructor() { this.cookies = new Map(); }
  take(setCookie) {
    for (const line of setCookie || []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
}

// One request on a new connection (no agent: every request its own socket unless `agent`).
// Resolves {status, headers, body, ms}; rejects on network errors or after `timeoutMs`.
export function request(port, { method = 'GET', path = '/', headers = {}, body = null, jar, agent = false,
  timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const h = { ...headers };
    if (jar && jar.cookies.size) h.Cookie = jar.header();
    if (body !== null && !h['Content-Type']) h['Content-Type'] = 'application/x-www-form-urlencoded';
    if (body !== null) h['Content-Length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (jar) jar.take(res.headers['set-cookie']);
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'),
          ms: Number(process.hrtime.bigint() - started) / 1e6 });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body !== null) req.write(body);
    req.end();
  });
}

export const form = (fields) => new URLSearchParams(fields).toString();

export function csrfOf(html) {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  return m ? m[1] : '';
}

// Logs in like a browser: the form (cookie + token), then the post. Returns the jar.
export async function login(port, name, password) {
  const jar = new Jar();
  const page = await request(port, { path: '/login', jar });
  const res = await request(port, { method: 'POST', path: '/login', jar,
    body: form({ _csrf: csrfOf(page.body), login: name, password }) });
  if (res.status !== 303) throw new Error(`log-in as ${name} answered ${res.status}`);
  return jar;
}

// Writes `data` (string or Buffer, or an array of them sent `gapMs` apart) on a new socket and
// collects what comes back until the server closes or `timeoutMs` passes.
// Resolves {text, closed, reset, ms} where ms is the time to the first byte of the answer.
export function exchange(port, data, { timeoutMs = 5000, gapMs = 0 } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const sock = net.connect({ host: '127.0.0.1', port });
    const chunks = [];
    let firstByteMs = null;
    let reset = false;
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, reset, ms: firstByteMs });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('data', (c) => {
      if (firstByteMs === null) firstByteMs = Number(process.hrtime.bigint() - started) / 1e6;
      chunks.push(c);
    });
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (e) => { reset = e.code === 'ECONNRESET' || e.code === 'EPIPE'; });
    sock.on('connect', async () => {
      const parts = Array.isArray(data) ? data : [data];
      for (const p of parts) {
        if (done || sock.destroyed) return;
        sock.write(p);
        if (gapMs) await sleep(gapMs);
      }
    });
  });
}

// Status codes of every response found in a raw exchange ("HTTP/1.1 400 Bad Request" lines).
export const statuses = (text) => [...text.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1]));

// Median and maximum of a list of numbers.
export function spread(values) {
  if (!values.length) return { median: NaN, max: NaN };
  const s = [...values].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}
