import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const bridge = process.env.QMPSCOPE_BRIDGE ?? 'http://127.0.0.1:8484';

export default defineConfig({
  plugins: [react()],
  publicDir: fileURLToPath(new URL('../../public', import.meta.url)),
  resolve: { conditions: ['source'] },
  // No source maps: dist/ is what the bridge serves to every dashboard user; `npm run dev` has its own maps.
  build: { outDir: 'dist', sourcemap: false },
  server: {
    proxy: {
      '/api': bridge,
      '/healthz': bridge,
      '/socket.io': { target: bridge, ws: true },
    },
  },
});
