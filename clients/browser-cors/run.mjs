// CORS of the member API, checked from a real browser (see docs/browsers.md).
//
// Starts the packaged service (target/quarkus-app/quarkus-run.jar; it starts its own throwaway embedded PostgreSQL)
// with one allowed origin, makes a member and a member token through the public API as a shop backend would, serves
// one small page on two more local ports, and drives Debian's Chromium with playwright-core:
//   - from the allowed origin the page's fetch to /v1/me/... with a bearer token succeeds and reads the exposed
//     headers (Location, Idempotent-Replayed);
//   - from the allowed origin the member's notification feed lists a credit and read-all marks it read;
//   - from the allowed origin a request carrying X-Api-Key is blocked (API keys are never granted to browsers);
//   - from the other origin every fetch fails with a TypeError: the browser withholds the answer.
// Builds nothing: run `./sarafan package` (or the tests) first. Exits non-zero when a check fails.

import { spawn, execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const JAR = path.join(ROOT, 'target', 'quarkus-app', 'quarkus-run.jar');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Debian's Chromium as playwright-core needs it here (no sandbox as root, nothing fetched in the background).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const START_TIMEOUT_MS = 180_000;

const results = [];
let service;
let browser;
const pages = [];
let work;

function log(message) {
  console.log(`[browser-cors] ${message}`);
}

function check(name, passed, detail) {
  results.push({ name, passed });
  console.log(`${passed ? 'PASS' : 'FAIL'}  ${name}${passed ? '' : `\n      ${detail}`}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function javaCommand() {
  if (process.env.JAVA_HOME && existsSync(path.join(process.env.JAVA_HOME, 'bin', 'java'))) {
    return path.join(process.env.JAVA_HOME, 'bin', 'java');
  }
  // The JDK the README's commands choose (21 or newer).
  const home = execFileSync(path.join(ROOT, 'sarafan'), ['java-home'], { cwd: ROOT, encoding: 'utf8' }).trim();
  return path.join(home, 'bin', 'java');
}

async function startService(port, allowedOrigin, shopKey, adminKey) {
  const logFile = path.join(work, 'service.log');
  const out = createWriteStream(logFile);
  const env = {
    ...process.env,
    QUARKUS_HTTP_PORT: String(port),
    QUARKUS_HTTP_HOST: '127.0.0.1',
    SARAFAN_CORS_ORIGINS: allowedOrigin,
    SARAFAN_AUTH_SHOP_API_KEYS: shopKey,
    SARAFAN_AUTH_ADMIN_API_KEYS: adminKey,
    SARAFAN_CREDENTIALS_FILE: path.join(work, 'credentials.properties'),
    SARAFAN_EMBEDDED_POSTGRES_DATA_DIR: path.join(work, 'postgres'),
    // One instance on a throwaway database: the keys it generates need not be shared with any other.
    SARAFAN_CREDENTIALS_GENERATE_IN_PRODUCTION: 'true',
  };
  delete env.QUARKUS_DATASOURCE_JDBC_URL; // always the service's own throwaway database
  const child = spawn(javaCommand(), ['-jar', JAR], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  service = { child, logFile, exited: () => exited };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`the service exited during start (${JSON.stringify(exited)})`);
    }
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/q/health/ready`);
      if (ready.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the service was not ready within ${START_TIMEOUT_MS / 1000} s`);
}

async function stopService() {
  if (!service || service.exited()) {
    return;
  }
  const { child } = service;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM'); // lets it stop its embedded PostgreSQL
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await gone;
  clearTimeout(timer);
}

async function api(base, method, url, headers, body) {
  const answer = await fetch(base + url, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (answer.status !== 201) {
    throw new Error(`${method} ${url} answered ${answer.status}: ${text}`);
  }
  return JSON.parse(text);
}

// The page a shop's frontend would be: one helper that fetches and reports what the page may read.
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Shop cabinet</title></head>
<body><p>A member's cabinet calling Sarafan from another origin.</p>
<script>
window.callSarafan = async (url, init) => {
  try {
    const answer = await fetch(url, init);
    return {
      fetched: true,
      status: answer.status,
      location: answer.headers.get('Location'),
      replayed: answer.headers.get('Idempotent-Replayed'),
      body: await answer.text(),
    };
  } catch (error) {
    return { fetched: false, error: error.name + ': ' + error.message };
  }
};
</script></body></html>`;

async function servePage(port) {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  pages.push(server);
}

async function openPage(origin) {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  return (url, init) => page.evaluate(([u, i]) => window.callSarafan(u, i), [url, init]);
}

async function main() {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first (./sarafan package, or ./sarafan test)`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  work = mkdtempSync(path.join(os.tmpdir(), 'sarafan-browser-cors-'));
  // As root the embedded PostgreSQL runs unprivileged and must be able to pass through to its data directory.
  chmodSync(work, 0o711);
  const [servicePort, allowedPort, otherPort] = [await freePort(), await freePort(), await freePort()];
  const base = `http://127.0.0.1:${servicePort}`;
  const allowed = `http://127.0.0.1:${allowedPort}`;
  const other = `http://127.0.0.1:${otherPort}`;
  const shopKey = randomBytes(24).toString('hex');
  const adminKey = randomBytes(24).toString('hex');

  log(`starting ${path.relative(ROOT, JAR)} on ${base}, SARAFAN_CORS_ORIGINS=${allowed}`);
  await startService(servicePort, allowed, shopKey, adminKey);
  log('service ready');

  // What a shop backend does: register the member, then mint the token its frontend gets.
  const externalId = `cust-${randomUUID()}`;
  await api(base, 'POST', '/v1/members', { 'X-Api-Key': shopKey }, { externalId, email: `${externalId}@example.com` });
  const { token } = await api(base, 'POST', '/v1/member-tokens', { 'X-Api-Key': shopKey }, { externalId });
  const bearer = { Authorization: `Bearer ${token}` };

  await servePage(allowedPort);
  await servePage(otherPort);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  log(`browser: Chromium ${browser.version()}; allowed page ${allowed}, other page ${other}`);

  const fromAllowed = await openPage(allowed);
  const balance = await fromAllowed(`${base}/v1/me/balance`, { headers: bearer });
  check('allowed origin: GET /v1/me/balance with a bearer token is read by the page',
    balance.fetched && balance.status === 200 && JSON.parse(balance.body).available === '0.00',
    JSON.stringify(balance));

  const key = randomUUID();
  const site = {
    method: 'POST',
    headers: { ...bearer, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ domain: `cors-${key.slice(0, 8)}.example` }),
  };
  const created = await fromAllowed(`${base}/v1/me/sites`, site);
  check('allowed origin: POST /v1/me/sites (preflighted: Authorization, Content-Type, Idempotency-Key) reads Location',
    created.fetched && created.status === 201 && typeof created.location === 'string'
      && created.location.includes('/v1/me/sites/'),
    JSON.stringify(created));
  const replayed = await fromAllowed(`${base}/v1/me/sites`, site);
  check('allowed origin: the retry reads Idempotent-Replayed: true',
    replayed.fetched && replayed.status === 201 && replayed.replayed === 'true', JSON.stringify(replayed));

  // The cabinet's notification feed: an administrator's credit is an unread entry at once; read-all (a preflighted
  // POST with Idempotency-Key) answers the new count.
  await api(base, 'POST', `/v1/admin/members/${encodeURIComponent(externalId)}/adjustments`, { 'X-Api-Key': adminKey },
    { type: 'CREDIT', amount: '25.00', reason: 'Welcome gift' });
  const feed = await fromAllowed(`${base}/v1/me/notifications`, { headers: bearer });
  const entries = feed.fetched && feed.status === 200 ? JSON.parse(feed.body) : null;
  check('allowed origin: GET /v1/me/notifications shows the credit, unread',
    entries !== null && entries.unreadCount === 1 && entries.items[0]?.title === 'You received 25.00 bonuses'
      && entries.items[0]?.data?.amount === '25.00',
    JSON.stringify(feed));
  const readAll = await fromAllowed(`${base}/v1/me/notifications/read-all`, {
    method: 'POST', headers: { ...bearer, 'Idempotency-Key': randomUUID() },
  });
  check('allowed origin: POST /v1/me/notifications/read-all answers unreadCount 0',
    readAll.fetched && readAll.status === 200 && JSON.parse(readAll.body).unreadCount === 0, JSON.stringify(readAll));

  const withKey = await fromAllowed(`${base}/v1/me/balance`, { headers: { 'X-Api-Key': shopKey } });
  check('allowed origin: a request with X-Api-Key is blocked by the preflight (TypeError)',
    !withKey.fetched && withKey.error.startsWith('TypeError'), JSON.stringify(withKey));

  const fromOther = await openPage(other);
  const blocked = await fromOther(`${base}/v1/me/balance`, { headers: bearer });
  check('other origin: GET /v1/me/balance with a bearer token fails (TypeError)',
    !blocked.fetched && blocked.error.startsWith('TypeError'), JSON.stringify(blocked));
  const simple = await fromOther(`${base}/v1/program-terms`, {});
  check('other origin: even a simple GET (no preflight) is withheld from the page (TypeError)',
    !simple.fetched && simple.error.startsWith('TypeError'), JSON.stringify(simple));
}

let failure = null;
try {
  await main();
} catch (error) {
  failure = error;
} finally {
  if (browser) {
    await browser.close().catch(() => {});
  }
  for (const server of pages) {
    server.close();
  }
  await stopService();
}

const failed = results.filter((r) => !r.passed).length;
if (failure || failed > 0 || results.length === 0) {
  if (failure) {
    console.log(`ERROR ${failure.message}`);
  }
  if (service && existsSync(service.logFile)) {
    const lines = readFileSync(service.logFile, 'utf8').trimEnd().split('\n');
    console.log(`--- last lines of the service log (${service.logFile}) ---\n${lines.slice(-40).join('\n')}`);
  }
  console.log(`browser CORS test: FAILED (${results.length - failed} passed, ${failed} failed${failure ? ', aborted' : ''})`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
console.log(`browser CORS test: OK (${results.length} checks)`);
