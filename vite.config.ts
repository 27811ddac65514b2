import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Nothing leaves the machine: scripts and workers come from the page's own origin only, 'wasm-unsafe-eval' lets
// TF.js compile its WASM backend, and connect-src 'self' refuses any request to another host. Inline styles stay
// allowed because React and recharts set style attributes. README ("Serving the build") lists the same as headers.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy as a meta tag in the built index.html (not the dev server's: its hot reload needs inline scripts and a
 * websocket). A meta policy binds the page only; the worker is bound by the header vite preview sends below.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'tag-lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// One config for the dev server, the build and Vitest.
export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    // Served as a header too, so it also binds the worker (a meta tag cannot) and frame-ancestors applies.
    headers: { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` },
  },
  worker: { format: 'es' },
  // The lab worker's dependencies, pre-bundled up front: the dev server cannot see them from index.html, and finding
  // them late makes it reload the page mid-use. tfjs-backend-wasm must be pre-bundled (its CommonJS pthread file
  // breaks the worker's module graph when served raw).
  optimizeDeps: {
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'papaparse', 'fflate'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
