import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders of src/ that only run at deploy time (in the action or the CLI), never in a Lambda. */
const DEPLOY_TIME = [
  'config',
  'render',
  'terraform',
  'report',
  'commands',
  'action',
  'cli',
  'registry',
  'github',
  'findings',
  'cost',
  'door-kit',
  'review',
  'matrix',
  'steps',
  'sandbox',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The two doors translate inputs into options and call src/commands, through the
    // command registry (src/registry, issue 22): the engine's behaviour lives there once,
    // testable without a process (issue 11).
    files: ['src/action/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!commands/|door-kit/|registry/)',
              allowTypeImports: true,
              message:
                'src/action and src/cli reach the engine only through src/commands, src/registry and src/door-kit (type imports are fine).',
            },
          ],
        },
      ],
    },
  },
  // What ships in the Lambdas never pulls in deploy-time code (configuration checks,
  // rendering, Terraform, the pull-request report, the doors). The patterns climb exactly
  // out of src/ from each folder depth, so src/processors/config (the Lambdas' own typed
  // configuration) is not mistaken for src/config.
  ...[2, 3].map((depth) => ({
    files: [`src/processors/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}(${DEPLOY_TIME.join('|')})/`,
              message: 'src/processors ships in the Lambdas: it must not import deploy-time code.',
            },
          ],
        },
      ],
    },
  })),
);
