import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/** Where the router listens; `/graphql` (HTTP and graphql-ws) is proxied there so the app stays same-origin. */
const routerUrl = process.env.ROUTER_URL ?? 'http://localhost:4000';
const proxy: Record<string, ProxyOptions> = { '/graphql': { target: routerUrl, ws: true } };

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: { outDir: 'dist', target: 'es2022', sourcemap: 'hidden' },
});
