// Fails when src/generated/*.generated.ts no longer matches openapi/alstyle.openapi.yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SPEC = 'openapi/alstyle.openapi.yaml';
const COMMITTED = 'src/generated/alstyle-api.generated.ts';

const dir = mkdtempSync(join(tmpdir(), 'alstyle-openapi-'));
try {
  const fresh = join(dir, 'fresh.ts');
  execFileSync('openapi-typescript', [SPEC, '-o', fresh, '--silent'], { stdio: 'inherit' });
  if (readFileSync(fresh, 'utf8') !== readFileSync(COMMITTED, 'utf8')) {
    console.error(`${COMMITTED} is stale: run \`pnpm run generate\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${COMMITTED} matches ${SPEC}.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
