/**
 * Each door of the rule sandbox's operating-system boundary (issue 28, item 1), started for
 * real on this machine: the wrapper command runs Node as the intended user, in its own
 * network and PID namespaces, with exactly the environment given, and stopping it leaves
 * nothing running. The sudo doors are what a GitHub-hosted runner (user `runner` with
 * passwordless sudo) uses; here they run as root through the same sudo.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundaryCandidates, probe, type Boundary } from '../../src/sandbox/boundary.js';

const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-boundary-'));
chmodSync(temp, 0o755);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const script = path.join(temp, 'inside.cjs');
writeFileSync(
  script,
  `const net = require('node:net');
const port = Number(process.argv[2]);
const s = net.connect(port, '127.0.0.1');
const report = (tcp) => { process.stdout.write(JSON.stringify({ uid: process.getuid(), groups: process.getgroups(), pid: process.pid, env: process.env, tcp }) + '\\n'); };
s.on('connect', () => (s.destroy(), report('REACHED')));
s.on('error', (e) => report(e.code));
`,
);
chmodSync(script, 0o644);

/** Every door this process would consider, as root and as an ordinary user with sudo. */
const doors: { door: Boundary; uid: number }[] = [
  ...boundaryCandidates(0, 0).map((door) => ({ door, uid: 0 })),
  ...boundaryCandidates(4242, 4242).map((door) => ({ door, uid: 4242 })),
];

describe.each(doors.map((d) => [d.door.description, d]))('door: %s', (_name, { door }) => {
  it('runs Node as intended: no network, own PID namespace, exactly the given environment', async () => {
    expect(probe(door, process.execPath, script)).toBe(true);
    let reached = 0;
    const server = createServer((c) => (reached++, c.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const env = { PATH: process.env.PATH, HOME: temp, MARK: 'kept' };
    const { file, args } = door.command(process.execPath, [script, String(port)], env);
    const r = spawnSync(file, args, { encoding: 'utf8', env: { ...process.env, SECRET: 'x' } });
    server.close();
    const seen = JSON.parse(r.stdout) as {
      uid: number;
      groups: number[];
      pid: number;
      env: Record<string, string>;
      tcp: string;
    };
    expect(seen.tcp).toBe('ENETUNREACH');
    expect(reached).toBe(0);
    expect(seen.pid).toBe(1);
    expect(seen.env).toEqual(env);
    if (door.otherUser) expect(seen.uid).toBe(65534);
    if (door.description.startsWith('user 4242')) expect(seen.uid).toBe(4242);
    if (door.description.includes('through sudo'))
      expect(seen.groups).toEqual([seen.uid === 65534 ? 65534 : 4242]);
  });

  it('stop() ends the Node process behind the wrapper', async () => {
    const marker = `sandbox-stop-${Math.random().toString(36).slice(2)}`;
    const { file, args } = door.command(process.execPath, ['-e', 'for (;;) {}', marker], {
      PATH: process.env.PATH,
    });
    const child = spawn(file, args, { stdio: 'ignore', detached: true });
    // The Node process itself, not its wrappers (sudo, unshare, env carry the marker in their
    // arguments too): signalled before the wrappers are all in place, a loaded machine could
    // see sudo still setting up and the stop lost.
    const node = `^${process.execPath} -e .*${marker}`;
    const running = () => spawnSync('pgrep', ['-f', node]).status === 0;
    try {
      for (let i = 0; i < 100 && !running(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(running()).toBe(true);
      const closed = new Promise((resolve) => child.on('close', resolve));
      door.stop(child);
      await closed;
      for (let i = 0; i < 40 && running(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(running()).toBe(false);
    } finally {
      // A failed stop must not leave an endless loop burning a core for the rest of the run
      // (it runs as another user: through sudo when the door does).
      const pkill = ['pkill', '-KILL', '-f', marker];
      if (door.description.includes('through sudo')) spawnSync('sudo', ['-n', ...pkill]);
      else spawnSync(pkill[0]!, pkill.slice(1));
    }
  }, 60_000);
});
