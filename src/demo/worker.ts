/**
 * The demo's work, in the child process the supervisor started (supervisor.ts): copy the
 * example, make the empty local account ready for it (the existing resources it names, the
 * outputs' stand-ins), deploy it as the action does on a first merge (deploy.ts), send its
 * sample records through what was deployed and show the alerts (pipeline.ts).
 *
 * Its environment was made by the supervisor: every AWS setting points at the stand-in,
 * with test credentials. It checks that again before anything talks to AWS.
 */
import { cp, mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { EngineOptions } from '../door-kit/options.js';
import { loadConfig } from '../config/load.js';
import { loadOutputsConfig } from '../config/processors/load.js';
import { isLoopbackEndpoint } from '../local-aws/moto.js';
import { createExistingResources } from '../local-aws/prerequisites.js';
import { packageRoot } from '../shared/package-root.js';
import { deployAsOnMerge, type DeployCommands } from './deploy.js';
import { LocalWebhook, standInOutputs } from './outputs.js';
import { runPipeline, type PipelineReport, type RaisedAlert } from './pipeline.js';

export interface WorkerOptions {
  example: string;
  endpoint: string;
  workDir: string;
  /** When the demo started (the supervisor's clock), for the timings printed. */
  startedAt: number;
  print: (line: string) => void;
  /** The plan and apply commands the deploy runs. */
  commands: DeployCommands;
}

/** Refuses to go on unless every AWS call of this process and its children goes to the stand-in. */
export function assertLocalOnly(endpoint: string, env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  if (!isLoopbackEndpoint(endpoint)) problems.push(`endpoint ${endpoint} is not on this machine`);
  if (env.AWS_ENDPOINT_URL !== endpoint) problems.push('AWS_ENDPOINT_URL is not the stand-in');
  if (env.AWS_ACCESS_KEY_ID !== 'testing' || env.AWS_SECRET_ACCESS_KEY !== 'testing')
    problems.push('the credentials are not the test ones');
  for (const k of Object.keys(env))
    if (/^AWS_(PROFILE|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_|ENDPOINT_URL_)/i.test(k))
      problems.push(`${k} is set`);
  if (problems.length > 0)
    throw new Error(`refusing to run: it could reach real AWS (${problems.join('; ')})`);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(0)} s`;

function alertLines(a: RaisedAlert): string[] {
  const lines = [
    `  ALERT ${a.alert.rule_name} — ${a.alert.rule_description}`,
    `        ${a.alert.log_source} record from ${a.alert.source_service} ${a.alert.source_entity}` +
      ` (cluster ${a.cluster}, alert ${a.alert.id.slice(0, 12)})${a.alert.staged ? ', staged rule' : ''}`,
  ];
  const deliveries = a.deliveries ?? [];
  if (deliveries.length > 0)
    lines.push(
      `        alert processor: ${deliveries
        .map((d) =>
          d.ok ? `${d.output} delivered` : `${d.output} NOT delivered (${d.error ?? 'failed'})`,
        )
        .join('; ')}`,
    );
  else if (a.error) lines.push(`        alert processor failed: ${a.error}`);
  return lines;
}

/** The AWS SDK warns on every start under Node 20 that a later version will need 22: noise here. */
function quietSdkWarnings(): void {
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (!w.message.startsWith('NodeVersionSupportWarning')) for (const l of listeners) l(w);
  });
}

export async function runDemoWorker(o: WorkerOptions): Promise<PipelineReport> {
  const { print } = o;
  quietSdkWarnings();
  assertLocalOnly(o.endpoint);
  const root = packageRoot();
  const source = path.join(root, 'examples', o.example);
  const repo = path.join(o.workDir, 'repo');
  await mkdir(repo, { recursive: true });
  for (const dir of ['conf', 'rules', 'tests'])
    await cp(path.join(source, dir), path.join(repo, dir), { recursive: true }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT' || dir === 'conf') throw err;
      },
    );
  const configDir = path.join(repo, 'conf');
  const config = await loadConfig(configDir);

  print(`\n[2/4] The account gets what examples/${o.example} expects to exist already`);
  const prepared = await createExistingResources(config, o.endpoint);
  for (const line of prepared.created) print(`  ${line}`);
  const webhook = new LocalWebhook();
  await webhook.start();
  try {
    const outputs = await loadOutputsConfig(configDir);
    for (const line of await standInOutputs(config, outputs, o.endpoint, webhook))
      print(`  output ${line}`);

    print(`\n[3/4] Deploy, as the action does from the pull request to its merge`);
    const deployStarted = Date.now();
    const options: EngineOptions = {
      configDir,
      rulesDir: path.join(repo, 'rules'),
      fixturesDir: path.join(repo, 'tests', 'rules'),
      outDir: path.join(repo, 'terraform'),
      buildDir: path.join(repo, 'build'),
      awsEndpoint: o.endpoint,
      bootstrap: false,
      clusters: [],
      parallelism: Math.max(1, Math.min(availableParallelism(), config.clusters.length + 1)),
      terraformBinary: 'terraform',
      backendConfig: [],
      commit: 'demo',
      mask: (t) => t,
      manageState: true,
    };
    await deployAsOnMerge(options, o.commands, print);
    print(`  deployed in ${seconds(Date.now() - deployStarted)}`);

    print(`\n[4/4] Sample records (tests/rules) through the deployed pipeline`);
    const report = await runPipeline({
      config: await loadConfig(configDir),
      fixturesDir: options.fixturesDir,
      buildDir: options.buildDir,
      endpoint: o.endpoint,
      workDir: path.join(o.workDir, 'lambda'),
      sdkPath: path.join(root, 'node_modules'),
      print,
    });
    if (report.skipped.length > 0)
      print(
        `  not sent: sample records of sources this deployment does not feed to a rule processor (${report.skipped.join(', ')})`,
      );
    print(
      `\n${report.alerts.length} alert(s) published to the alerts topic, as an SQS subscription of the topic received them ` +
        `(${seconds(Date.now() - o.startedAt)} after the demo started):`,
    );
    for (const a of report.alerts) for (const line of alertLines(a)) print(line);
    for (const d of webhook.received) {
      let text = d.body;
      try {
        text = String((JSON.parse(d.body) as { text?: unknown }).text ?? d.body);
      } catch {
        // not JSON
      }
      print(`  local webhook ${d.path} received: ${text.slice(0, 120)}`);
    }
    if (report.waitingInMergeTables > 0)
      print(
        `  ${report.waitingInMergeTables} match(es) of merging rules wait in the merge table; the merger sends them as one alert when the window closes`,
      );
    return report;
  } finally {
    await webhook.stop();
  }
}
