import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          include: ['test/web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/support/web-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          // The real chat service the panel tests talk to (test/support/web-server.ts).
          globalSetup: ['test/support/web-server.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A poll often waits on the service's answer (a template used, a message sent): on a machine busy with
          // the other projects that takes more than vitest's default second.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
