// The checks of hostile_clients.sh against a running portal: node hostile.mjs PORT PID SECTION…
// Sections: connections, flood, limits, smuggling. Exit status 1 when a check failed.
import net from 'node:net';
import { check, failed, rssKib, sampleRss, sleep, mib, request, exchange, statuses, spread, Jar, csrfOf, form }
  from './client.mjs';

const port = Number(process.argv[2]);
const pid = Number(process.argv[3]);
const sections = process.argv.slice(4);
const HOST = `Host: 127.0.0.1:${port}\r\n`;

// A normal visitor's page: answered within a second, whatever else is going on.
async function pageLatency(path = '/') {
  try {
    const r = await request(port, { path, timeoutMs: 15000 });
    return { ok: r.status === 200, ms: r.ms, status: r.status };
  } catch (e) {
    return { ok: false, ms: Infinity, status: e.message };
  }
}

// --- 256 idle and 256 slowloris connections -----------------------------------------------

function openSocket() {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.closedByServer = false;
    s.on('connect', () => resolve(s));
    s.on('error', () => {});
    s.on('close', () => { s.closedByServer = true; });
    s.on('data', () => {});
    setTimeout(() => resolve(s), 3000);
  });
}

async function connections() {
  const N = 256;
  const idle = await Promise.all(Array.from({ length: N }, openSocket));
  const slow = await Promise.all(Array.from({ length: N }, openSocket));
  // Slowloris: a request whose headers never end, one byte at a time every 300 ms.
  const header = `GET / HTTP/1.1\r\n${HOST}User-Agent: slow\r\nX-Slow: ${'a'.repeat(4000)}`;
  let pos = 0;
  const dripping = setInterval(() => {
    for (const s of slow) if (!s.destroyed && !s.closedByServer) s.write(header[pos % header.length]);
    pos += 1;
  }, 300);
  const rssHeld = rssKib(pid);
  await sleep(700);
  const open = (list) => list.filter((s) => !s.destroyed && !s.closedByServer).length;
  const probes = [];
  // Several visitors while the connections are held, spread over 4 s.
  for (let i = 0; i < 4; i++) {
    const idleOpen = open(idle);
    const slowOpen = open(slow);
    const p = await pageLatency('/');
    const p2 = await pageLatency('/login');
    probes.push(p, p2);
    check(`GET / and /login while ${idleOpen} idle and ${slowOpen} slowloris connections are held`,
      p.ok && p2.ok && p.ms < 1000 && p2.ms < 1000, `${p.ms.toFixed(0)} ms and ${p2.ms.toFixed(0)} ms (status ${p.status}/${p2.status})`);
    await sleep(1000);
  }
  const rssWhile = rssKib(pid);
  // How the portal treats them: idle ones are closed after the keep-alive timeout; slow ones
  // keep a thread as long as they send a byte within each read timeout.
  await sleep(2500);
  const idleLeft = open(idle);
  const slowLeft = open(slow);
  console.log(`info connections after ${((pos * 300) / 1000).toFixed(1)} s: ${N - idleLeft}/${N} idle closed by the portal, ` +
    `${slowLeft}/${N} slowloris still open; memory ${mib(rssHeld)} MiB → ${mib(rssWhile)} MiB`);
  check('memory while 512 hostile connections are held', rssWhile < 128 * 1024, `${mib(rssWhile)} MiB (bound 128 MiB)`);
  clearInterval(dripping);
  for (const s of [...idle, ...slow]) s.destroy();
  await sleep(300);
  const after = await pageLatency('/');
  const after2 = await pageLatency('/login');
  check('GET / and /login after they are released', after.ok && after2.ok && after.ms < 1000 && after2.ms < 1000,
    `${after.ms.toFixed(0)} ms and ${after2.ms.toFixed(0)} ms`);
}

// --- a flood of wrong passwords ----------------------------------------------------------

async function floodFrom(label, seconds, workers, headersFor, targets) {
  const counts = new Map();
  const latencies = [];
  const sampler = sampleRss(pid);
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  const worker = async (w) => {
    const jar = new Jar();
    let token = '';
    try {
      token = csrfOf((await request(port, { path: '/login', jar })).body);
    } catch (e) { counts.set(e.message, (counts.get(e.message) || 0) + 1); return; }
    let i = 0;
    while (Date.now() < deadline) {
      i += 1;
      sent += 1;
      try {
        const r = await request(port, { method: 'POST', path: '/login', jar, headers: headersFor(w, i),
          body: form({ _csrf: token, login: targets(w, i), password: `wrong password ${i}` }) });
        counts.set(r.status, (counts.get(r.status) || 0) + 1);
      } catch (e) {
        counts.set(e.code || e.message, (counts.get(e.code || e.message) || 0) + 1);
      }
    }
  };
  const prober = async () => {
    while (Date.now() < deadline) {
      latencies.push((await pageLatency('/')).ms, (await pageLatency('/login')).ms);
      await sleep(200);
    }
  };
  // A member logging in from their own address in the middle of the flood.
  let memberLogin = 'not tried';
  const member = async () => {
    await sleep(seconds * 500);
    const jar = new Jar();
    try {
      const t = csrfOf((await request(port, { path: '/login', jar })).body);
      const r = await request(port, { method: 'POST', path: '/login', jar, timeoutMs: 30000,
        headers: { 'X-Forwarded-For': '192.0.2.77' },
        body: form({ _csrf: t, login: 'member', password: 'member passphrase for tests' }) });
      memberLogin = `${r.status} in ${r.ms.toFixed(0)} ms`;
    } catch (e) { memberLogin = e.message; }
  };
  const started = Date.now();
  await Promise.all([...Array.from({ length: workers }, (_, w) => worker(w)), prober(), member()]);
  const elapsed = (Date.now() - started) / 1000;
  const peak = sampler.stop();
  const summary = [...counts].map(([k, v]) => `${v}×${k}`).join(', ');
  const { median, max } = spread(latencies);
  check(`${label}: attempts answered`, (counts.get(401) || 0) + (counts.get(429) || 0) === sent,
    `${sent} POST /login in ${elapsed.toFixed(1)} s from ${workers} connections: ${summary}`);
  check(`${label}: throttling answers 429`, (counts.get(429) || 0) > 0, `${counts.get(429) || 0} refused with 429`);
  check(`${label}: pages stay responsive`, latencies.length > 0 && max < 1000,
    `GET / and /login during the flood: median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms over ${latencies.length} requests`);
  check(`${label}: memory stays bounded`, peak < 128 * 1024, `peak ${mib(peak)} MiB (bound 128 MiB)`);
  console.log(`info ${label}: a member's own log-in from another address during the flood: ${memberLogin}`);
}

async function flood() {
  // One address (no proxy header): the per-address throttle stops it after a few attempts.
  // Guessed account names, as a password-spraying script would try them.
  await floodFrom('flood from one address', 8, 32, () => ({}), (w, i) => `user${w}x${i % 7}`);
  // Many addresses, as a botnet behind the trusted reverse proxy would look (X-Forwarded-For
  // is believed from 127.0.0.1) against a few known accounts: each address stays under its own
  // limit, so the per-account throttle must answer, and the hash gate keep pages fast.
  await floodFrom('flood from many addresses on 4 accounts', 8, 32, (w, i) => ({
    'X-Forwarded-For': `10.${w}.${(i >> 8) & 255}.${i & 255}`,
  }), (w) => ['admin', 'alice', 'bob', 'carol'][w % 4]);
}

// --- oversized requests --------------------------------------------------------------------

async function limits() {
  const big = 'x'.repeat(3 * 1024 * 1024);
  const chunked = (() => {
    const piece = 'a'.repeat(64 * 1024);
    const line = `${(piece.length).toString(16)}\r\n${piece}\r\n`;
    return line.repeat(48) + '0\r\n\r\n';  // 3 MiB
  })();
  const manyHeaders = Array.from({ length: 500 }, (_, i) => `X-H${i}: ${i}\r\n`).join('');
  const manyFields = Array.from({ length: 10000 }, (_, i) => `f${i}=${i}`).join('&');
  const boundary = 'robustnessboundary';
  const multipart = Array.from({ length: 10000 }, (_, i) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${i}\r\n`).join('') + `--${boundary}--\r\n`;
  const longUrl = `/status?q=${'a'.repeat(100 * 1024)}`;
  const post = (path, headers, body) =>
    `POST ${path} HTTP/1.1\r\n${HOST}${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const cases = [
    { name: 'Content-Length of 1 GB announced', expect: [413], times: 200,
      data: () => `POST /login HTTP/1.1\r\n${HOST}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1073741824\r\n\r\n` },
    { name: '3 MiB body sent with Content-Length', expect: [413], times: 100,
      data: () => [post('/login', 'Content-Type: application/x-www-form-urlencoded\r\n', big), big] },
    { name: '3 MiB chunked body', expect: [413], times: 100,
      data: () => [`POST /login HTTP/1.1\r\n${HOST}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`, chunked] },
    { name: '500 headers', expect: [431], times: 200, data: () => `GET / HTTP/1.1\r\n${HOST}${manyHeaders}\r\n` },
    { name: '10,000 form fields (urlencoded)', expect: [413], times: 200,
      data: () => post('/login', 'Content-Type: application/x-www-form-urlencoded\r\n', manyFields) + manyFields },
    { name: '10,000 form fields (multipart)', expect: [400, 413], times: 200,
      data: () => post('/login', `Content-Type: multipart/form-data; boundary=${boundary}\r\n`, multipart) + multipart },
    { name: '10,000 fields in the query string', expect: [414], times: 200,
      data: () => `GET /status?${manyFields} HTTP/1.1\r\n${HOST}\r\n` },
    { name: '100 KB URL', expect: [414], times: 200, data: () => `GET ${longUrl} HTTP/1.1\r\n${HOST}\r\n` },
  ];
  // Warm up: first-use allocations (page templates, thread stacks) are not a leak.
  for (const c of cases) await exchange(port, c.data(), { timeoutMs: 3000 });
  await sleep(300);
  for (const c of cases) {
    const before = rssKib(pid);
    const got = new Map();
    let closed = 0;
    let slowest = 0;
    for (let i = 0; i < c.times; i++) {
      const r = await exchange(port, c.data(), { timeoutMs: 3000 });
      const s = statuses(r.text);
      const key = s.length ? s.join('+') : (r.reset ? 'reset' : 'nothing');
      got.set(key, (got.get(key) || 0) + 1);
      if (r.closed) closed += 1;
      slowest = Math.max(slowest, r.ms ?? 3000);
    }
    const after = rssKib(pid);
    const expected = c.expect.map(String);
    const good = [...got].filter(([k]) => expected.includes(k)).reduce((n, [, v]) => n + v, 0);
    const summary = [...got].map(([k, v]) => `${v}×${k}`).join(', ');
    check(`${c.name} → ${c.expect.join('/')}`, good === c.times && closed === c.times,
      `${summary} of ${c.times}; connection closed ${closed}/${c.times}; slowest answer ${slowest.toFixed(0)} ms`);
    check(`${c.name}: memory does not grow`, after - before < 4096,
      `${mib(before)} MiB before, ${mib(after)} MiB after ${c.times} requests (slack 4 MiB)`);
  }
}

// --- request smuggling ---------------------------------------------------------------------

async function smuggling() {
  const hidden = `GET /healthz HTTP/1.1\r\n${HOST}\r\n`;
  const chunk = (s) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
  const cases = [
    { name: 'Content-Length and Transfer-Encoding together', expect: 400,
      data: `POST /login HTTP/1.1\r\n${HOST}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('a=1')}0\r\n\r\n${hidden}` },
    { name: 'Transfer-Encoding and Content-Length (other order, CL covering the hidden request)', expect: 400,
      data: `POST /login HTTP/1.1\r\n${HOST}Transfer-Encoding: chunked\r\nContent-Length: ${5 + hidden.length}\r\n\r\n0\r\n\r\n${hidden}` },
    { name: 'two Content-Length headers', expect: 400,
      data: `POST /login HTTP/1.1\r\n${HOST}Content-Length: 0\r\nContent-Length: ${hidden.length}\r\n\r\n${hidden}` },
    { name: 'Transfer-Encoding other than chunked', expect: 501,
      data: `POST /login HTTP/1.1\r\n${HOST}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n${hidden}` },
    { name: 'Content-Length that is not a number', expect: 400,
      data: `POST /login HTTP/1.1\r\n${HOST}Content-Length: +${hidden.length}\r\n\r\n${hidden}` },
    { name: 'GET with a body holding a second request', expect: 400,
      data: `GET / HTTP/1.1\r\n${HOST}Content-Length: ${hidden.length}\r\n\r\n${hidden}` },
  ];
  for (const c of cases) {
    // The hidden request goes in a second write 150 ms later: cpp-httplib drops bytes that
    // arrive with a request (no pipelining), so sent together it would never be answered
    // anyway; sent apart it would be, if the framing were misread.
    const cut = c.data.lastIndexOf(hidden);
    const r = await exchange(port, [c.data.slice(0, cut), c.data.slice(cut)], { timeoutMs: 3000, gapMs: 150 });
    const s = statuses(r.text);
    check(`${c.name} → ${c.expect}, closed, hidden request not answered`,
      s.length === 1 && s[0] === c.expect && r.closed && !r.text.includes('\r\n\r\nok\n'),
      `answers ${s.join('+') || 'none'}, connection ${r.closed ? 'closed' : 'left open'} (${(r.ms ?? 0).toFixed(0)} ms)`);
  }
  // The same two writes, well-formed, are both answered: the refusals above are not an
  // artefact of the method.
  const pair = await exchange(port, [`GET /healthz HTTP/1.1\r\n${HOST}\r\n`, `GET /healthz HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`],
    { timeoutMs: 3000, gapMs: 150 });
  check('control: two well-formed requests 150 ms apart on one connection are both answered',
    statuses(pair.text).join('+') === '200+200', `answers ${statuses(pair.text).join('+')}`);
  // Pipelined in one write: cpp-httplib 0.11.4 drops the second one and closes after the
  // keep-alive timeout (a known limit; browsers and reverse proxies do not pipeline).
  const piped = await exchange(port, `GET /healthz HTTP/1.1\r\n${HOST}\r\nGET /healthz HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`,
    { timeoutMs: 1500 });
  console.log(`info two requests pipelined in one write: answers ${statuses(piped.text).join('+') || 'none'}` +
    ` (the second is dropped by cpp-httplib 0.11.4, never misread)`);
}

const all = { connections, flood, limits, smuggling };
for (const s of sections) {
  if (!all[s]) throw new Error(`unknown section ${s}`);
  await all[s]();
}
process.exit(failed() ? 1 : 0);
