import { createRequire } from 'node:module';

// Both src/ and the bundled dist/ sit one level below the package root.
const packageJson = createRequire(import.meta.url)('../package.json') as { version: string };

/** The package version. */
export const VERSION: string = packageJson.version;
