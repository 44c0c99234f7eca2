import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import serviceModules from './eslint-rules/service-modules.js'

const features = readdirSync('src/web/features')

/** What no panel file imports: the service, or a parent folder by a relative path (use the @/ alias). */
const webPatterns = () => [
  { group: ['**/server/**'], message: 'The panel talks to the service over HTTP only.' },
  { group: ['../*'], message: 'Import through the alias (@/…, @shared/…), not a parent folder.' },
]

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'data', 'node_modules', 'src/server/db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // More than four parameters read better as one options object (tests keep their short call helpers).
  { files: ['src/**'], rules: { '@typescript-eslint/max-params': ['error', { max: 4 }] } },
  {
    files: ['src/web/**/*.{ts,tsx}', 'test/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Dependencies point one way: web → shared ← server; inside the panel, app → features → components/lib.
  {
    files: ['src/web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: webPatterns() }] },
  },
  ...features.map((feature) => ({
    files: [`src/web/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...webPatterns(),
            {
              group: ['@/features/*', `!@/features/${feature}`, '@/app/*'],
              message:
                'A feature does not import another feature or the app: move what both use to @/components or @/lib.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/web/components/**', 'src/web/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...webPatterns(),
            { group: ['@/features/*', '@/app/*'], message: 'components and lib sit below the features and the app.' },
          ],
        },
      ],
    },
  },
  // The service's modules meet at their front doors, never in a cycle; seed, CLI, tests and bench use the doors too.
  {
    files: ['src/server/**', 'test/**', 'bench/**'],
    plugins: { service: serviceModules },
    rules: { 'service/front-door': 'error' },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/web/**'], message: 'The service does not import the panel.' }] },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/web/**', '**/server/**', 'react', 'drizzle-orm*'],
              message: 'shared holds only the contract.',
            },
          ],
        },
      ],
    },
  },
)
