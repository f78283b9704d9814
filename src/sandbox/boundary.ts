/**
 * The operating-system boundary around the rule sandbox child. Node's permission model
 * (reads of the rules only, no writes, no child processes) is one layer, but it does not
 * restrict the network before Node 25 and Node's own documentation says it does not hold
 * against malicious code. So where the machine offers one, the child also runs:
 *   - in a network namespace of its own (no interface but a downed loopback: no TCP, UDP,
 *     DNS or abstract Unix sockets), with its own PID namespace and /proc (the parent's
 *     /proc/<pid>/environ does not exist there);
 *   - as a different, unprivileged user with no supplementary groups, so it cannot open
 *     this user's files or Unix sockets (the Docker socket belongs to the docker group).
 * The candidates are tried in order of strength with a probe that starts Node through
 * them; the first that works is used for the rest of the process:
 *   1. `nobody` in new namespaces, as root (containers) or through `sudo -n` (hosted runners);
 *   2. this user without supplementary groups in new namespaces, through `sudo -n` (when
 *      `nobody` cannot run this Node binary);
 *   3. an unprivileged user namespace with new network, PID and mount namespaces (same user);
 *   4. none: Node's permission model alone, with a warning.
 * Every wrapper ends in `env -i`, so the child's environment is exactly what host.ts sets
 * (sudo would otherwise add its own variables).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';

export interface Boundary {
  /** For the log: which boundary the rules run behind. */
  description: string;
  /** False when only Node's permission model stands between the rules and the machine. */
  isolated: boolean;
  /** True when the child runs as another user: the rules' folder must be readable by others. */
  otherUser: boolean;
  /** Stops a child started (detached) with `command`, and whatever it started. */
  stop(child: ChildProcess): void;
  /** The command that runs `node args...` behind the boundary with exactly `env`. */
  command(node: string, args: string[], env: NodeJS.ProcessEnv): { file: string; args: string[] };
}

const NOBODY = 65534;

/** New network, PID (with its own /proc) and mount namespaces. */
const NAMESPACES = [
  'unshare',
  '--net',
  '--pid',
  '--fork',
  '--kill-child',
  '--mount',
  '--mount-proc',
  '--',
];

function envArgs(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${v}`);
}

/**
 * This process may not signal what runs as root under sudo: SIGHUP to sudo, which relays
 * it to unshare, whose death kills the namespace (--kill-child). Not SIGTERM: unshare
 * ignores SIGINT and SIGTERM while it waits for its child.
 */
function stopThroughSudo(child: ChildProcess): void {
  child.kill('SIGHUP');
}

/** The child was started detached, in a process group of its own: kill all of it. */
function stopGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function wrapped(
  description: string,
  prefix: string[],
  otherUser: boolean,
  isolated = true,
): Boundary {
  return {
    description,
    isolated,
    otherUser,
    stop: prefix[0] === 'sudo' ? stopThroughSudo : stopGroup,
    command: (node, args, env) => {
      const all = [...prefix, 'env', '-i', ...envArgs(env), node, ...args];
      return { file: all[0]!, args: all.slice(1) };
    },
  };
}

const setpriv = (uid: number, gid: number) => [
  'setpriv',
  `--reuid=${uid}`,
  `--regid=${gid}`,
  '--clear-groups',
  '--no-new-privs',
  // Changing the user clears the parent-death signal unshare --kill-child set: set it again,
  // or a child stopped through sudo would outlive its wrappers.
  '--pdeathsig',
  'KILL',
  '--',
];

export const NO_BOUNDARY: Boundary = {
  description:
    "Node's permission model only (no network namespace or separate user could be set up here); the rules are NOT cut off from the network",
  isolated: false,
  otherUser: false,
  stop: stopGroup,
  command: (node, args) => ({ file: node, args }),
};

/** The candidates for this process, strongest first (see the file comment). */
export function boundaryCandidates(
  uid = process.getuid?.() ?? -1,
  gid = process.getgid?.() ?? -1,
): Boundary[] {
  if (uid < 0) return [];
  const candidates: Boundary[] = [];
  if (uid === 0) {
    candidates.push(
      wrapped(
        'user nobody, no network (network, PID and mount namespaces)',
        [...NAMESPACES, ...setpriv(NOBODY, NOBODY)],
        true,
      ),
    );
  } else {
    candidates.push(
      wrapped(
        'user nobody, no network (network, PID and mount namespaces, through sudo)',
        ['sudo', '-n', ...NAMESPACES, ...setpriv(NOBODY, NOBODY)],
        true,
      ),
      wrapped(
        `user ${uid} without supplementary groups, no network (network, PID and mount namespaces, through sudo)`,
        ['sudo', '-n', ...NAMESPACES, ...setpriv(uid, gid)],
        false,
      ),
    );
  }
  candidates.push(
    wrapped(
      'no network (unprivileged user, network, PID and mount namespaces; same user, so its Unix sockets stay reachable)',
      ['unshare', '--user', '--map-root-user', ...NAMESPACES.slice(1)],
      false,
    ),
  );
  return candidates;
}

/** Whether `boundary` can start `node` reading `script`, and the network is really gone behind it. */
export function probe(boundary: Boundary, node: string, script: string): boolean {
  const check =
    "require('fs').accessSync(process.argv[1]);" +
    "const o=require('os').networkInterfaces();" +
    'if(Object.values(o).flat().some(i=>i&&!i.internal))process.exit(3)';
  const { file, args } = boundary.command(node, ['-e', check, script], {
    PATH: process.env.PATH,
  });
  const r = spawnSync(file, args, { stdio: 'ignore', timeout: 15_000 });
  return r.status === 0;
}

let chosen: Boundary | undefined;

/**
 * The strongest boundary that works here, chosen once per process (the probe starts Node
 * up to four times). STREAMALERT_SANDBOX_BOUNDARY=none skips the OS boundary (for
 * debugging a rule; the warning still says so).
 */
export function sandboxBoundary(
  node: string,
  script: string,
): { boundary: Boundary; fresh: boolean } {
  if (chosen) return { boundary: chosen, fresh: false };
  const candidates =
    process.env.STREAMALERT_SANDBOX_BOUNDARY === 'none' ? [] : boundaryCandidates();
  chosen = candidates.find((b) => probe(b, node, script)) ?? NO_BOUNDARY;
  return { boundary: chosen, fresh: true };
}
