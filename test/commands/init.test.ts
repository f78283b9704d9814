/**
 * `streamalert init`: the scaffold it writes is a working repository as it stands (valid
 * configuration, a rule whose fixtures pass on the real classifier and rules engine,
 * workflows that follow docs/security.md, placeholders the same everywhere), and writing it
 * never overwrites a file nor follows a link. No Terraform, moto or processor bundles: the
 * integration test test/commands/init-plan.test.ts runs `test` and `plan` on it.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { transform } from 'sucrase';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../../src/build/rule-set.js';
import { ruleModules, writeFiles } from '../../src/build/rules.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { formatInit, initCommand, InitError, PLACEHOLDERS } from '../../src/commands/init.js';
import { validateCommand } from '../../src/commands/validate.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import { scaffoldDir, scaffoldFiles } from '../../src/init/scaffold.js';
import { importRules } from '../../src/processors/rules/load.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import { summarize } from '../../src/rule-test/report.js';
import { runFixtures } from '../../src/rule-test/run.js';
import { REPO_ROOT, tempDir } from '../support/conf.js';

/** Every file the scaffold writes. A new template must be added here, and to the docs. */
const SCAFFOLD = [
  '.github/workflows/streamalert-drift.yml',
  '.github/workflows/streamalert-promote.yml',
  '.github/workflows/streamalert.yml',
  '.gitignore',
  'README.md',
  'conf/clusters/production.json',
  'conf/global.json',
  'conf/logs.json',
  'conf/outputs.json',
  'conf/sources.json',
  'rules/console_login_without_mfa.ts',
  'tests/rules/console_login_without_mfa.json',
];

/** Every file under `dir`, relative and `/`-separated, without following links. */
function tree(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel))
    .sort()
    .flatMap((name) => {
      const p = path.posix.join(rel, name);
      return lstatSync(path.join(dir, p)).isDirectory() ? tree(dir, p) : [p];
    });
}

async function scaffolded(label: string): Promise<string> {
  const dir = path.join(tempDir(label), 'detections');
  await initCommand({ folder: dir, force: false });
  return dir;
}

const read = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');
const json = (dir: string, rel: string) => JSON.parse(read(dir, rel));

describe('the scaffold', () => {
  it('is exactly the listed files, written byte for byte from templates/init', async () => {
    const dir = await scaffolded('init-files');
    expect(tree(dir)).toEqual(SCAFFOLD);
    for (const f of await scaffoldFiles()) {
      expect(readFileSync(path.join(dir, f.path)), f.path).toEqual(readFileSync(f.template));
      expect(f.template.startsWith(path.join(REPO_ROOT, 'templates', 'init') + path.sep)).toBe(
        true,
      );
    }
    // The only renamed template: a .gitignore inside templates/init would apply to this repository.
    expect(existsSync(path.join(scaffoldDir(), 'gitignore'))).toBe(true);
    expect(existsSync(path.join(scaffoldDir(), '.gitignore'))).toBe(false);
  });

  it('validates as written: one cluster, no unused file', async () => {
    const dir = await scaffolded('init-validate');
    expect(await validateCommand(path.join(dir, 'conf'))).toEqual({ clusters: ['production'] });
  });

  it('has a rule whose fixtures all pass on the real classifier and rules engine, each log classified', async () => {
    const dir = await scaffolded('init-rules');
    const { config } = await loadProcessorsConfig(path.join(dir, 'conf'));
    const { records, problems } = await loadFixtures(path.join(dir, 'tests', 'rules'));
    expect(problems).toEqual([]);
    // The rules API as the build ships it: one file without imports, compiled from its source.
    const api = transform(readFileSync(path.join(REPO_ROOT, 'src/rules-api/index.ts'), 'utf8'), {
      transforms: ['typescript'],
      disableESTransforms: true,
    }).code;
    const compiled = tempDir('init-compiled');
    await writeFiles(compiled, await ruleModules(path.join(dir, 'rules'), Buffer.from(api)));
    const rules = (await importRules(path.join(compiled, 'rules'))).map((l) => l.rule);
    expect(rules.map((r) => r.name)).toEqual(['console_login_without_mfa']);
    expect(
      configProblems(
        rules.map((r) => ({
          name: r.name,
          file: 'rules/console_login_without_mfa.ts',
          logs: [...(r.logs ?? [])],
          outputs: [...r.outputs],
        })),
        config,
      ),
    ).toEqual([]);

    const summary = summarize(
      await runFixtures(records, config, rules),
      rules.map((r) => r.name),
    );
    expect(summary.results.filter((r) => !r.passed).map((r) => r.problems)).toEqual([]);
    expect(summary.untestedRules).toEqual([]);
    // Both ways of not alerting are covered, and every schema of logs.json classifies a record.
    expect(summary.results.filter((r) => r.fired.length > 0)).toHaveLength(2);
    expect(new Set(summary.results.map((r) => r.log))).toEqual(
      new Set(config.logs.map((l) => l.name)),
    );
  });

  it('has a rule that type-checks against the rules API', async () => {
    const dir = await scaffolded('init-types');
    const rule = path.join(dir, 'rules', 'console_login_without_mfa.ts');
    const program = ts.createProgram([rule], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      // Rules run on Node in Lambda, not in a browser: without the DOM's declarations (most
      // of what the default lib loads) the check costs a third of the CPU.
      lib: ['lib.es2022.d.ts'],
      paths: { 'streamalert-action/rules': [path.join(REPO_ROOT, 'src/rules-api/index.ts')] },
    });
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);
  });

  it('uses each placeholder the same way everywhere, and its README lists them all', async () => {
    const dir = await scaffolded('init-placeholders');
    const global = json(dir, 'conf/global.json');
    const cluster = json(dir, 'conf/clusters/production.json');
    const { account } = global;
    expect(account).toMatchObject({ aws_account_id: '123456789012', prefix: 'changeme' });
    expect(cluster.region).toBe(account.region);
    expect(global.terraform.tfstate_bucket).toBe(`${account.prefix}.streamalert.terraform.state`);
    // The names the modules give the stream and the trail bucket (modules/kinesis_streams, modules/cloudtrail).
    const sources = json(dir, 'conf/sources.json');
    expect(Object.keys(sources.kinesis)).toEqual([
      `${account.prefix}_${cluster.id}_stream_alert_kinesis`,
    ]);
    expect(Object.keys(sources.s3)).toEqual([
      `${account.prefix}.${cluster.id}.streamalert.cloudtrail`,
    ]);
    const fixtures = json(dir, 'tests/rules/console_login_without_mfa.json');
    for (const r of fixtures.records)
      expect(Object.keys(sources[r.service]), r.description).toContain(r.source);

    const texts = SCAFFOLD.map((f) => [f, read(dir, f)] as const);
    for (const [file, text] of texts) {
      // Any account id is this one; every region named is the account's.
      for (const id of text.match(/(?<![\d.])\d{12}(?![\d.])/g) ?? [])
        expect(id, file).toBe(account.aws_account_id);
      for (const region of text.match(/\b[a-z]{2}-[a-z]+-\d\b/g) ?? [])
        expect(region, file).toBe(account.region);
    }
    const readme = read(dir, 'README.md');
    for (const p of PLACEHOLDERS) {
      expect(readme, p.value).toContain(`\`${p.value}\``);
      expect(
        texts.filter(([f, t]) => f !== 'README.md' && t.includes(p.value)).length,
        p.value,
      ).toBeGreaterThan(0);
    }
  });

  it('has workflows that use only inputs of action.yml, with the permissions and environment docs/security.md gives', async () => {
    const dir = await scaffolded('init-workflows');
    const action = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    const inputs = new Set(
      [
        ...action
          .slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'))
          .matchAll(/^ {2}([\w-]+):$/gm),
      ].map((m) => m[1]),
    );
    const workflow = (name: string) => read(dir, `.github/workflows/${name}.yml`);
    /** The keys of a top-level block (`permissions:`) or of the action step's `with:`. */
    const block = (text: string, start: RegExp): Record<string, string> => {
      const lines = text.split('\n');
      const at = lines.findIndex((l) => start.test(l));
      expect(at, String(start)).toBeGreaterThanOrEqual(0);
      const indent = /^ */.exec(lines[at + 1]!)![0].length;
      const out: Record<string, string> = {};
      for (const line of lines.slice(at + 1)) {
        if (line.trim() === '' || line.trim().startsWith('#')) continue;
        if (/^ */.exec(line)![0].length < indent) break;
        const m = /^ *([\w-]+): *(.*?)(?: +#.*)?$/.exec(line);
        if (m && /^ */.exec(line)![0].length === indent) out[m[1]!] = m[2]!;
      }
      return out;
    };
    const actionWith = (text: string) =>
      block(text.slice(text.indexOf('uses: org/streamalert-action@v1')), /^ {8}with:$/);

    const main = workflow('streamalert');
    expect(block(main, /^permissions:$/)).toEqual({
      contents: 'read',
      'pull-requests': 'write',
      statuses: 'write',
      'id-token': 'write',
    });
    for (const event of ['pull_request', 'merge_group', 'push', 'workflow_dispatch'])
      expect(main).toMatch(new RegExp(`^ {2}${event}:`, 'm'));
    expect(main).not.toContain('pull_request_target');
    // The apply role is only ever asked for in the streamalert-apply environment, on push or dispatch.
    const applyEvents = "(github.event_name == 'push' || github.event_name == 'workflow_dispatch')";
    expect(main).toContain(`environment: \${{ ${applyEvents} && 'streamalert-apply' || '' }}`);
    expect(main).toContain(
      `role-to-assume: \${{ ${applyEvents} && 'arn:aws:iam::123456789012:role/streamalert-apply' || 'arn:aws:iam::123456789012:role/streamalert-plan' }}`,
    );
    expect(actionWith(main).command).toBe(
      "${{ github.event_name == 'workflow_dispatch' && 'apply' || 'auto' }}",
    );

    const drift = workflow('streamalert-drift');
    expect(block(drift, /^permissions:$/)).toEqual({
      contents: 'read',
      issues: 'write',
      'id-token': 'write',
    });
    expect(drift).toMatch(/^ {2}schedule:/m);
    expect(actionWith(drift).command).toBe('drift');
    const promote = workflow('streamalert-promote');
    expect(block(promote, /^permissions:$/)).toEqual({
      contents: 'write',
      'pull-requests': 'write',
      'id-token': 'write',
    });
    expect(actionWith(promote).command).toBe('promote');
    for (const [name, text, role] of [
      ['drift', drift, 'streamalert-plan'],
      ['promote', promote, 'streamalert-promote'],
    ] as const) {
      expect(text, name).not.toContain('streamalert-apply');
      expect(text, name).toContain(`role-to-assume: arn:aws:iam::123456789012:role/${role}\n`);
    }
    for (const text of [main, drift, promote]) {
      for (const input of Object.keys(actionWith(text))) expect(inputs).toContain(input);
      expect(text.match(/uses: \S*streamalert-action\S*/g)).toEqual([
        'uses: org/streamalert-action@v1',
      ]);
    }
  });

  it('ignores what render, build and Terraform write, and nothing the repository needs', async () => {
    const dir = await scaffolded('init-gitignore');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const f of [
      'terraform/global/main.tf',
      'build/manifest.json',
      'x/.terraform/y',
      'a.tfstate',
    ]) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), 'x');
    }
    const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(untracked.trim().split('\n')).toEqual(SCAFFOLD);
  });
});

describe('streamalert init refuses to overwrite', () => {
  it('refuses a folder that is not empty and writes nothing', async () => {
    const dir = tempDir('init-nonempty');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    await expect(initCommand({ folder: dir, force: false })).rejects.toThrow(
      new InitError(
        `${dir}: not empty (notes.txt); init writes into an empty or new folder. With --force it adds the scaffold files that are missing and never overwrites one that is there.`,
      ),
    );
    expect(tree(dir)).toEqual(['notes.txt']);
  });

  it('takes a folder holding only .git (a fresh git init) as empty, and says what it wrote and what to replace', async () => {
    const dir = tempDir('init-git');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = await initCommand({ folder: dir, force: false });
    expect(r).toEqual({ folder: dir, written: SCAFFOLD, unchanged: [], kept: [] });
    expect(formatInit(r)).toBe(
      [
        `${dir}: wrote 12 file(s)`,
        ...SCAFFOLD.map((f) => `  ${f}`),
        'placeholders to replace before the first deployment (README.md lists where):',
        '  123456789012               your AWS account id',
        '  changeme                   the prefix of every resource name and of the state bucket',
        '  us-east-1                  the AWS region of the account settings, cluster and workflows',
        '  org/streamalert-action@v1  this action, at the release you use',
        `then: cd ${dir} && streamalert validate && streamalert test`,
        '',
      ].join('\n'),
    );
  });

  it('with --force writes the missing files, leaves identical ones and keeps a changed one, listing it with its diff', async () => {
    const dir = await scaffolded('init-force');
    const mine = '{\n  "aws-sns": {"soc": "mine"}\n}\n';
    writeFileSync(path.join(dir, 'conf/outputs.json'), mine);
    const readmeBefore = statSync(path.join(dir, 'README.md'));
    for (const f of ['conf/logs.json', 'rules/console_login_without_mfa.ts'])
      rmSync(path.join(dir, f));

    const r = await initCommand({ folder: dir, force: true });
    expect(r.written).toEqual(['conf/logs.json', 'rules/console_login_without_mfa.ts']);
    expect(r.kept).toEqual([
      { path: 'conf/outputs.json', template: path.join(scaffoldDir(), 'conf', 'outputs.json') },
    ]);
    expect(r.unchanged).toEqual(
      SCAFFOLD.filter((f) => !r.written.includes(f) && f !== 'conf/outputs.json'),
    );
    expect(read(dir, 'conf/outputs.json')).toBe(mine);
    expect(read(dir, 'conf/logs.json')).toBe(
      readFileSync(path.join(scaffoldDir(), 'conf/logs.json'), 'utf8'),
    );
    // Left means untouched: the same inode, never rewritten.
    expect(statSync(path.join(dir, 'README.md')).ino).toBe(readmeBefore.ino);
    expect(statSync(path.join(dir, 'README.md')).mtimeMs).toBe(readmeBefore.mtimeMs);

    const text = formatInit(r);
    expect(text).toContain('kept, NOT overwritten (they differ from the scaffold): 1 file(s)');
    expect(text).toContain(
      `  conf/outputs.json    see: diff -u ${path.join(scaffoldDir(), 'conf', 'outputs.json')} ${path.join(dir, 'conf/outputs.json')}`,
    );
    // The diff it names is the real difference.
    const diff = /see: (diff -u \S+ \S+)/.exec(text)![1]!.split(' ');
    let out = '';
    try {
      execFileSync(diff[0]!, diff.slice(1), { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    expect(out).toContain('+  "aws-sns": {"soc": "mine"}');
  });

  it('refuses a file of the scaffold that is a symbolic link, names it, and leaves its target untouched', async () => {
    const dir = tempDir('init-link');
    const outside = path.join(tempDir('init-link-target'), 'bashrc');
    writeFileSync(outside, 'export PATH=/mine\n');
    mkdirSync(path.join(dir, 'conf'));
    symlinkSync(outside, path.join(dir, 'conf', 'global.json'));

    for (const force of [false, true]) {
      const err = await initCommand({ folder: dir, force }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InitError);
      if (force)
        expect((err as Error).message).toBe(
          `${dir}: refused, nothing was written:\n  conf/global.json is a symbolic link; links are never followed (remove it, or init another folder)`,
        );
    }
    expect(readFileSync(outside, 'utf8')).toBe('export PATH=/mine\n');
    expect(tree(dir)).toEqual(['conf/global.json']);
  });

  it('refuses a folder of the scaffold that is a symbolic link (and a FIFO where a file goes), writing nothing anywhere', async () => {
    const dir = tempDir('init-dirlink');
    const elsewhere = tempDir('init-elsewhere');
    symlinkSync(elsewhere, path.join(dir, 'rules'));
    mkdirSync(path.join(dir, 'tests', 'rules'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'tests', 'rules', 'console_login_without_mfa.json')]);

    await expect(initCommand({ folder: dir, force: true })).rejects.toThrow(
      `${dir}: refused, nothing was written:\n` +
        '  rules is a symbolic link; links are never followed (remove it, or init another folder)\n' +
        '  tests/rules/console_login_without_mfa.json is a FIFO (named pipe), not a regular file',
    );
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(tree(dir)).toEqual(['rules', 'tests/rules/console_login_without_mfa.json']);
  });

  it('names what it wrote when writing fails part-way, and leaves no partial or temporary file', async () => {
    // A scaffold whose last file cannot be written into this target: its path grows past
    // PATH_MAX there (but not in the templates' shorter folder).
    const templates = tempDir('init-tpl');
    const deep = Array.from({ length: 12 }, (_, i) => String(i % 10).repeat(200)).join('/');
    for (const f of ['a.txt', 'b.txt', `deep/${deep}/c.txt`]) {
      mkdirSync(path.dirname(path.join(templates, f)), { recursive: true });
      writeFileSync(path.join(templates, f), `${f}\n`);
    }
    const base = tempDir('init-partial');
    const folder = path.join(base, ...Array.from({ length: 10 }, () => 'x'.repeat(200)));
    mkdirSync(folder, { recursive: true });

    const err = await initCommand({ folder, force: false, templatesDir: templates }).catch(
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(InitError);
    const lines = (err as Error).message.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^${folder}/deep/.*/c\\.txt: could not be written: .*ENAMETOOLONG`),
    );
    expect(lines.slice(1)).toEqual([
      'written before the failure: a.txt, b.txt',
      `not written: deep/${deep}/c.txt`,
      `fix the cause and run "streamalert init --force ${folder}" to add the files that are missing`,
    ]);
    expect(readdirSync(folder).sort()).toEqual(['a.txt', 'b.txt', 'deep']);
    expect(read(folder, 'a.txt')).toBe('a.txt\n');
    // No temporary file anywhere it wrote.
    const all = execFileSync('find', [folder, '-name', '*.streamalert-init-*'], {
      encoding: 'utf8',
    });
    expect(all).toBe('');
  });
});

describe('streamalert init on the command line', () => {
  it('takes an optional folder and --force; --force belongs to init only', () => {
    expect(parseCliArgs(['init'])).toEqual({ kind: 'init', folder: '.', force: false });
    expect(parseCliArgs(['init', 'repo', '--force'])).toEqual({
      kind: 'init',
      folder: 'repo',
      force: true,
    });
    expect(() => parseCliArgs(['init', 'a', 'b'])).toThrow('unexpected argument "b" after init a');
    expect(() => parseCliArgs(['plan', '--force'])).toThrow('--force is for init only, not plan');
  });

  it('lets plan and apply look at the state bucket, as the action does', () => {
    for (const command of ['plan', 'apply']) {
      const r = parseCliArgs([command]);
      expect(r.kind === 'run' && r.options.manageState, command).toBe(true);
    }
    const render = parseCliArgs(['render']);
    expect(render.kind === 'run' && render.options.manageState).toBeUndefined();
  });
});
