/**
 * Every module in one convention, checked without Terraform: variables described, in the
 * order description → type → default → sensitive → nullable → validation; a README whose
 * Usage example sets every required variable and whose inputs/outputs tables match
 * variables.tf and outputs.tf; `terraform test` files (run by module-tests.test.ts).
 * UPDATE_MODULE_READMES=1 rewrites the tables instead of failing on them.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import {
  BEGIN,
  docsBlock,
  listModules,
  moduleProblems,
  readmeBlock,
  readOutputs,
  readVariables,
} from './module-docs.js';

const modulesDir = path.join(REPO_ROOT, 'modules');
const modules = listModules(modulesDir);

function updateReadme(dir: string): void {
  const file = path.join(dir, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const block = docsBlock(
    readVariables(path.join(dir, 'variables.tf')),
    readOutputs(path.join(dir, 'outputs.tf')),
  );
  const old = readmeBlock(readme);
  writeFileSync(
    file,
    old === undefined ? `${readme.trimEnd()}\n\n${block}\n` : readme.replace(old, () => block),
  );
}

it('the pack has the thirteen modules docs/configuration.md lists', () => {
  expect(modules.map((m) => m.name)).toEqual([
    'cloudtrail',
    'cloudwatch_monitoring',
    'collector',
    'detection_bundle',
    'flow_logs',
    'kinesis_events',
    'kinesis_firehose',
    'kinesis_streams',
    'monitoring',
    's3_events',
    'stream_alert',
    'terraform_state',
    'threat_intel_feeds',
  ]);
  const page = readFileSync(path.join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');
  for (const m of modules)
    expect(page).toContain(`| [\`${m.name}\`](../modules/${m.name}/README.md) |`);
});

describe.each(modules)('module $name', (module) => {
  it('follows the convention: described variables in order, Usage, tables matching the .tf files', () => {
    if (process.env.UPDATE_MODULE_READMES === '1') updateReadme(module.dir);
    expect(moduleProblems(module)).toEqual([]);
  });

  it('has terraform test files', () => {
    const tests = path.join(module.dir, 'tests');
    const files = existsSync(tests)
      ? readdirSync(tests).filter((f) => f.endsWith('.tftest.hcl'))
      : [];
    expect(files.length, `modules/${module.name}/tests/*.tftest.hcl`).toBeGreaterThan(0);
  });
});

describe('the convention check', () => {
  const source = path.join(modulesDir, 's3_events');

  /** A copy of a module that follows the convention, to break one thing at a time. */
  function copy(): { name: string; dir: string } {
    const dir = path.join(tempDir('module-docs'), 's3_events');
    cpSync(source, dir, { recursive: true });
    return { name: 's3_events', dir };
  }

  it('names a variable missing from the README table, and one the table has too many', () => {
    const module = copy();
    const readme = readFileSync(path.join(module.dir, 'README.md'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('| `filter_suffix` |'))
      .join('\n')
      .replace('| `events` |', '| `event_types` |');
    const problems = moduleProblems(module, readme);
    expect(problems).toContain(
      'modules/s3_events/README.md: ## Inputs: variable "filter_suffix" is missing',
    );
    expect(problems).toContain(
      'modules/s3_events/README.md: ## Inputs: variable "events" is missing',
    );
    expect(problems).toContain(
      'modules/s3_events/README.md: ## Inputs: "event_types" is not a variable in variables.tf',
    );
  });

  it('names a changed description, type or default with the first differing row', () => {
    const module = copy();
    const file = path.join(module.dir, 'variables.tf');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'default     = ["s3:ObjectCreated:*"]',
        'default     = ["s3:ObjectCreated:Put"]',
      ),
    );
    const problems = moduleProblems(module);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^modules\/s3_events\/README\.md: the inputs\/outputs tables differ .*expected "\| `events` \|.*`\["s3:ObjectCreated:Put"\]`/,
    );
  });

  it('names a variable whose type comes before its description, or that has no description', () => {
    const module = copy();
    const file = path.join(module.dir, 'variables.tf');
    const text = readFileSync(file, 'utf8');
    const line = text.slice(0, text.indexOf('variable "cluster"')).split('\n').length;
    writeFileSync(
      file,
      text
        .replace(
          /variable "cluster" \{\n {2}description = ("[^\n]*")\n {2}type {8}= string\n/,
          'variable "cluster" {\n  type        = string\n  description = $1\n',
        )
        .replace(/(variable "bucket_id" \{\n) {2}description = "[^\n]*"\n/, '$1'),
    );
    const problems = moduleProblems(module);
    expect(problems).toContain(
      `modules/s3_events/variables.tf:${line}: variable "cluster": fields are type, description, validation; the order is description → type → default → sensitive → nullable → validation`,
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/variables\.tf:\d+: variable "bucket_id": has no description$/),
    );
  });

  it('requires a Usage example that sets every required variable and only variables', () => {
    const module = copy();
    const readme = readFileSync(path.join(module.dir, 'README.md'), 'utf8');
    expect(moduleProblems(module, readme.replace(/^## Usage$/m, '## Example'))).toContain(
      'modules/s3_events/README.md: needs a "## Usage" section with an ```hcl module block',
    );
    const broken = readme.replace(/^(\s*)bucket_id(\s*)=/m, '$1bucket$2=');
    expect(moduleProblems(module, broken)).toEqual([
      'modules/s3_events/README.md: ## Usage: the example does not set the required variable "bucket_id"',
      'modules/s3_events/README.md: ## Usage: the example sets "bucket", which is not a variable of the module',
    ]);
  });

  it('reads the tables only between the markers', () => {
    const module = copy();
    const readme = readFileSync(path.join(module.dir, 'README.md'), 'utf8');
    expect(moduleProblems(module, readme.replace(BEGIN, ''))).toContainEqual(
      expect.stringContaining(
        'has no <!-- BEGIN_TF_DOCS --> … <!-- END_TF_DOCS --> inputs/outputs tables',
      ),
    );
  });
});
