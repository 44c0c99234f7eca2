import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// The card benchmark on its own: jsdom without the panel tests' setup (their testing-library cleanup
// needs act, which React's production build lacks) and without starting the chat service.
//   npx vitest bench --config bench/card-render.config.ts --run
//   NODE_ENV=production npx vitest bench --config bench/card-render.config.ts --run
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    benchmark: { include: ['bench/card-render.bench.tsx'] },
  },
})
