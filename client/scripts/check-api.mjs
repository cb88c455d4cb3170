// Fails when src/api/schema.gen.ts is not what openapi-typescript makes of ../openapi.yaml.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const spec = resolve(root, '../openapi.yaml');
const committed = join(root, 'src/api/schema.gen.ts');
if (!existsSync(spec)) {
  console.error(`check:api: ${spec} not found`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'crm-api-'));
const fresh = join(dir, 'schema.gen.ts');
try {
  execFileSync(join(root, 'node_modules/.bin/openapi-typescript'), [spec, '-o', fresh], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const a = readFileSync(fresh, 'utf8');
  const b = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
  if (a !== b) {
    console.error('check:api: src/api/schema.gen.ts is stale; run `npm run gen:api` and commit it.');
    process.exit(1);
  }
  console.log('check:api: src/api/schema.gen.ts matches ../openapi.yaml');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
