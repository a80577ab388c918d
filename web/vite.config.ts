import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app (docs/adr/0072), built into web/dist, which the gateway serves at `/`. Everything
 * it loads is its own: no CDN, no web fonts, no inline scripts (the gateway's CSP allows 'self').
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite web` while `npm start` runs: the APIs from the gateway.
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' },
  },
});
