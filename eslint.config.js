import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** src/<folder>/ reached from any depth below src/ (`../x/`, `../../x/`, ...). */
const srcFolder = (names) => `^(\\.\\./)+(${names.join('|')})/`;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The two doors translate inputs into options and call src/commands: the engine's
    // behaviour lives there once, testable without a process (issue 11).
    files: ['src/action/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!commands/)',
              allowTypeImports: true,
              message:
                'src/action and src/cli reach the engine only through src/commands (type imports are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    // What ships in the Lambdas never pulls in deploy-time code (rendering, Terraform, the
    // pull-request report, the doors).
    files: ['src/processors/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: srcFolder([
                'render',
                'terraform',
                'report',
                'commands',
                'action',
                'cli',
                'github',
              ]),
              message: 'src/processors ships in the Lambdas: it must not import deploy-time code.',
            },
          ],
        },
      ],
    },
  },
);
