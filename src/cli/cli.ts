/**
 * `streamalert <command>`: the engine for local use. Exit code 0 on success, 1 on a
 * configuration or run error (messages on stderr, one line per problem), 2 on bad usage.
 * Flags become the engine's options (args.ts); src/commands does the work.
 */
import { execFileSync } from 'node:child_process';
import { failureOf } from '../door-kit/errors.js';
import type { Repo } from '../door-kit/github.js';
import { InputError } from '../door-kit/inputs.js';
import { installMask, knownSecrets } from '../door-kit/masking.js';
import type { EngineOptions } from '../door-kit/options.js';
import { parseCliArgs, type CliCommand } from './args.js';
import { init, migrate, runCommand, type Output } from './commands.js';
import { USAGE } from './usage.js';

/** The checked-out commit, so `apply` can refuse a plan made for another one. */
function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/** The commands that compare with, or build on, the checked-out commit. */
const needsCommit: ReadonlySet<CliCommand> = new Set([
  'plan',
  'apply',
  'drift',
  'comment',
  'promote',
  'sigma-sync',
]);

/** GitHub writes of a local run: --repo and a token from the environment, or none. */
function localGitHub(repo: string | undefined): { token: string; repo: Repo } | undefined {
  if (repo === undefined) return undefined;
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
  if (!token) throw new InputError('--repo: set GITHUB_TOKEN (or GH_TOKEN) to write to GitHub');
  const [owner, name] = repo.split('/') as [string, string];
  return { token, repo: { owner, repo: name } };
}

export async function main(argv: string[]): Promise<number> {
  const secrets = knownSecrets();
  let mask = installMask(secrets);
  // Every message of a command goes through the mask, as the action's log does.
  const out: Output = {
    stdout: (text) => process.stdout.write(mask(text)),
    stderr: (text) => process.stderr.write(mask(text)),
  };
  let request;
  try {
    request = parseCliArgs(argv);
  } catch (err) {
    out.stderr(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (request.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    if (request.kind === 'init') return await init(request.folder, request.force, out);
    if (request.kind === 'migrate') return await migrate(request.checkout, request.folder, out);
    const { command, options: parsed, settings } = request;
    mask = installMask(secrets, parsed.maskPatterns);
    const options: EngineOptions = {
      ...parsed,
      commit: needsCommit.has(command) ? gitHead() : 'unknown',
      mask,
    };
    const { repo, ...rest } = settings;
    const github = localGitHub(repo);
    return await runCommand(
      command,
      {
        door: 'cli',
        options,
        settings: { ...rest, repoRoot: process.cwd() },
        ...(github ? { github } : {}),
      },
      out,
    );
  } catch (err) {
    const failure = failureOf(err);
    out.stderr(`${failure.kind === 'unexpected' ? 'error: ' : ''}${failure.message}\n`);
    return failure.kind === 'usage' ? 2 : 1;
  }
}
