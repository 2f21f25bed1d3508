// The build every package shares: ESM for Node.js 20 with declarations, source maps and shared
// chunks. Each package's tsup.config.ts spreads it and adds its entries (and defines, if any).
// Plain data, no import of tsup: the root has no tsup of its own, and each package's
// defineConfig checks the result.
export const tsupBase = {
  format: ['esm' as const],
  target: 'node20',
  platform: 'node' as const,
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
};
