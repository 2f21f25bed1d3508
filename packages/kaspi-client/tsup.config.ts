import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  ...tsupBase,
  entry: ['src/index.ts', 'src/testing/index.ts'],
  define: { __KASPI_CLIENT_VERSION__: JSON.stringify(version) },
});
