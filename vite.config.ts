import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3001'

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // The aliases of tsconfig.json: @/ is the panel (src/web), @shared/ the API contract.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // What the first screen shares with the lazy pages, in two chunks instead of a scatter of tiny ones
        // (each file gzips on its own): the libraries every page runs on, and the shell's small UI pieces.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query))[\\/]/,
            },
            {
              name: 'shell',
              test: /src[\\/]web[\\/](lib[\\/](cn|query-keys)|components[\\/]ui[\\/](spinner|states|button))\.tsx?$/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: Number(process.env.PORT ?? 3000),
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
})
