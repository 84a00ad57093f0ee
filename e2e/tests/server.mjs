// Starts `opcentrum serve --demo` (a small population) on a free port with a
// temporary database and parses the demo users it prints.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';

const root = resolve(import.meta.dirname, '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

/// The binary: $OPCENTRUM_BIN, else a built one under the target dir, else built now.
function binary() {
  if (process.env.OPCENTRUM_BIN) { return process.env.OPCENTRUM_BIN; }
  const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
  for (const profile of ['release', 'debug']) {
    const p = join(target, profile, 'opcentrum');
    if (existsSync(p) && !process.env.E2E_BUILD) { return p; }
  }
  execFileSync('cargo', ['build', '--bin', 'opcentrum'], { cwd: root, stdio: 'inherit' });
  return join(target, 'debug', 'opcentrum');
}

/// `dir`: a store an earlier server of this file left (kept, not seeded again;
/// its demo users get new passwords). `daysAhead`: the demo clock runs ahead.
export async function startServer({ cases = 3000, dir, daysAhead = 0 } = {}) {
  const port = await freePort();
  dir ??= mkdtempSync(join(tmpdir(), 'opcentrum-e2e-'));
  const bin = binary();
  const child = spawn(bin, ['serve', '--demo', '--demo-cases', String(cases),
    '--database-url', join(dir, 'e2e.sqlite'), '--bind', `127.0.0.1:${port}`,
    '--demo-days-ahead', String(daysAhead)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } });
  const users = {};
  let out = '';
  let err = '';
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${err}`)), 180_000);
    child.stdout.on('data', (d) => {
      out += d;
      for (const line of out.split('\n')) {
        const m = line.match(/^\s+(\S+)\s+(migrationsverket|police|nte|oversight)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/);
        if (m) { users[m[1]] = { name: m[1], agency: m[2], role: m[3], password: m[4], token: m[5] }; }
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (err.includes('opcentrum serves')) { clearTimeout(timer); ok(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}:\n${err}`)); });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    dir,
    users,
    stop: () => new Promise((ok) => { child.once('exit', ok); child.kill('SIGTERM'); }),
  };
}
