/**
 * `streamalert <command>`: the engine for local use. Exit code 0 on success, 1 on a
 * configuration or run error (messages on stderr, one line per problem), 2 on bad usage.
 * Flags become the engine's options (args.ts); src/commands does the work.
 */
import { execFileSync } from 'node:child_process';
import { failureOf } from '../door-kit/errors.js';
import { installMask, knownSecrets } from '../door-kit/masking.js';
import type { EngineOptions } from '../door-kit/options.js';
import { parseCliArgs, type CliCommand } from './args.js';
import { COMMANDS, init, type Output } from './commands.js';
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

const needsCommit: ReadonlySet<CliCommand> = new Set(['plan', 'apply']);

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
    const { command, options: parsed } = request;
    mask = installMask(secrets, parsed.maskPatterns);
    const options: EngineOptions = {
      ...parsed,
      commit: needsCommit.has(command) ? gitHead() : 'unknown',
      mask,
    };
    return await COMMANDS[command](options, out);
  } catch (err) {
    const failure = failureOf(err);
    out.stderr(`${failure.kind === 'unexpected' ? 'error: ' : ''}${failure.message}\n`);
    return failure.kind === 'usage' ? 2 : 1;
  }
}
