/**
 * `streamalert <command>`: the engine for local use. Exit code 0 on success, 1 on a
 * configuration or run error (messages on stderr, one line per problem), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { unusedFilesNotice } from '../config/notices.js';
import { ConfigError } from '../config/problems.js';
import { renderCommand } from '../commands/render.js';
import { annotate } from '../shared/annotations.js';
import { buildCommand, formatBuild } from '../commands/build.js';
import { testCommand } from '../commands/test.js';
import { RulesError } from '../build/rule-set.js';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { planCommand, writeReport } from '../commands/plan.js';
import { buildStep, ruleTestStep } from '../commands/pipeline.js';
import { applyCommand, StalePlanError } from '../commands/apply.js';
import type { PlanReport } from '../plan/types.js';
import { renderComment } from '../report/comment.js';
import type { RunnerOptions } from '../terraform/runner.js';
import { compileMaskPattern, environmentSecrets, maskSecrets } from '../report/mask.js';
import { setLogMask } from '../shared/log-mask.js';

const USAGE = `usage: streamalert <command> [options]

commands:
  validate                 check the configuration (schemas and cross-file rules)
  render                   validate, then write one Terraform root per cluster plus global
  build                    build the Lambda zips (rule + alert processor) and manifest.json
  test                     run the rule fixtures (tests/rules/*.json) against the rules
  plan                     validate, render, build, test, then init/plan every root; writes
                           <out-dir>/plan-comment.md (the pull-request comment) and plan-report.json
  apply                    apply the saved plans; refuses a plan that is stale

options:
  --config-dir DIR         configuration folder (default: conf)
  --out-dir DIR            render: where the Terraform tree goes (default: terraform);
                           build: where the zips go (default: build)
  --build-dir DIR          render: where the processor zips are built (default: build)
  --rules-dir DIR          build/test: the detection rules (default: rules)
  --fixtures-dir DIR       test: the rule fixtures (default: tests/rules)
  --aws-endpoint URL       render: send every AWS call to URL (LocalStack, moto), S3 path-style
  --bootstrap              render: global root with a local backend, to create the state bucket
  --clusters a,b           plan/apply: only these roots (cluster ids and/or global)
  --parallelism N          plan: roots planned at once (default: number of CPUs)
  --backend-config K=V     plan/apply: passed to every terraform init (repeatable)
  --terraform-binary BIN   plan/apply: terraform or tofu (default: terraform)
  --mask-pattern REGEX     mask what REGEX matches (or its group named secret) as *** in
                           every message, plan-comment.md and plan-report.json (repeatable);
                           credentials in AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
                           GITHUB_TOKEN, GH_TOKEN and TF_TOKEN_* are always masked
  -h, --help               show this help
`;

class UsageError extends Error {}

function endpointOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--aws-endpoint: "${value}" is not a URL (expected e.g. http://127.0.0.1:4566)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--aws-endpoint: "${value}" must be an http or https URL`);
  }
  return value.replace(/\/+$/, '');
}

function parallelismOption(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--parallelism: "${value}" is not a whole number >= 1`);
  return n;
}

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

function planLines(report: PlanReport): string[] {
  if (report.failure) return [`${report.failure.step} failed:`, ...report.failure.messages];
  return report.roots.map((r) =>
    r.status === 'error'
      ? `${r.root}: error in terraform ${r.error?.step}\n${r.error?.message}`
      : `${r.root}: ${r.status} (+${r.add} ~${r.change} -${r.destroy})`,
  );
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'config-dir': { type: 'string', default: 'conf' },
        'out-dir': { type: 'string' },
        'build-dir': { type: 'string', default: 'build' },
        'aws-endpoint': { type: 'string' },
        'rules-dir': { type: 'string', default: 'rules' },
        'fixtures-dir': { type: 'string', default: path.join('tests', 'rules') },
        bootstrap: { type: 'boolean', default: false },
        clusters: { type: 'string', default: '' },
        parallelism: { type: 'string' },
        'backend-config': { type: 'string', multiple: true, default: [] },
        'terraform-binary': { type: 'string', default: 'terraform' },
        'mask-pattern': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const configDir = values['config-dir'];
  let patterns: RegExp[];
  try {
    patterns = values['mask-pattern'].map((source, i) =>
      compileMaskPattern(source, `--mask-pattern #${i + 1}`),
    );
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const secrets = environmentSecrets();
  const mask = (text: string): string => maskSecrets(text, secrets, patterns);
  setLogMask(mask);
  // Every message of a command goes through the mask, as the action's log does.
  const stdout = { write: (text: string) => process.stdout.write(mask(text)) };
  const stderr = { write: (text: string) => process.stderr.write(mask(text)) };

  try {
    switch (command) {
      case 'validate': {
        const config = await loadConfig(configDir);
        stdout.write(
          `${configDir}: valid (${config.clusters.length} cluster(s): ${config.clusters.map((c) => c.id).join(', ')})\n`,
        );
        const notice = unusedFilesNotice(config);
        if (notice) stdout.write(`notice: ${notice}\n`);
        return 0;
      }
      case 'render': {
        const outDir = values['out-dir'] ?? 'terraform';
        const result = await renderCommand(configDir, {
          outDir,
          buildDir: values['build-dir'],
          awsEndpoint: endpointOption(values['aws-endpoint']),
          bootstrap: values.bootstrap,
        });
        stdout.write(
          `rendered ${result.roots.length} root(s) into ${outDir}: ${result.roots.join(', ')}\n`,
        );
        return 0;
      }
      case 'plan':
      case 'apply': {
        const render = {
          outDir: values['out-dir'] ?? 'terraform',
          buildDir: values['build-dir'],
          awsEndpoint: endpointOption(values['aws-endpoint']),
        };
        const runner: RunnerOptions = {
          binary: values['terraform-binary'],
          env: {},
          backendConfig: values['backend-config'],
          parallelism: parallelismOption(values.parallelism),
          mask,
        };
        if (command === 'plan') {
          const paths = {
            configDir,
            rulesDir: values['rules-dir'],
            fixturesDir: values['fixtures-dir'],
            buildDir: render.buildDir,
          };
          const { report } = await planCommand({
            configDir,
            render,
            only: values.clusters.split(',').filter(Boolean),
            runner,
            commit: gitHead(),
            build: buildStep(paths),
            ruleTests: ruleTestStep(paths),
          });
          const markdown = renderComment(report);
          await writeReport(render.outDir, report, markdown);
          for (const line of planLines(report)) stdout.write(`${line}\n`);
          stdout.write(`comment markdown: ${path.join(render.outDir, 'plan-comment.md')}\n`);
          const failed =
            report.failure ||
            (report.ruleTests?.failed ?? 0) > 0 ||
            report.roots.some((r) => r.status === 'error');
          return failed ? 1 : 0;
        }
        const results = await applyCommand(configDir, render, runner, gitHead());
        for (const r of results)
          stdout.write(`${r.root}: ${r.ok ? 'applied' : `FAILED\n${r.output}`}\n`);
        if (results.length === 0) stdout.write('nothing to apply: no root has changes\n');
        return results.every((r) => r.ok) ? 0 : 1;
      }
      case 'build': {
        const result = await buildCommand({
          configDir,
          rulesDir: values['rules-dir'],
          outDir: values['out-dir'] ?? 'build',
        });
        stdout.write(formatBuild(result));
        return 0;
      }
      case 'test': {
        const result = await testCommand({
          configDir,
          rulesDir: values['rules-dir'],
          fixturesDir: values['fixtures-dir'],
        });
        (result.ok ? stdout : stderr).write(result.text);
        return result.ok ? 0 : 1;
      }
      default:
        stderr.write(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      annotate(err.problems);
      stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof StalePlanError) {
      stderr.write(`refused: ${err.message}\n`);
      return 1;
    }
    if (err instanceof RulesError) {
      stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      stderr.write(`${err.message}\n`);
      return 2;
    }
    stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
