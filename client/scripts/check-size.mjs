// Builds (unless --no-build) and prints the initial gzipped JavaScript of the sign-in and
// customers routes: the entry chunk, the route modules and everything they import statically.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 250;
const root = resolve(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) {
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const manifest = JSON.parse(readFileSync(join(root, 'dist/.vite/manifest.json'), 'utf8'));

const routes = {
  'sign-in': ['src/app/routes/sign-in.tsx'],
  customers: ['src/app/routes/app-root.tsx', 'src/app/routes/customers/customers-list.tsx'],
};

function collect(key, seen) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`check:size: ${key} is not in the build manifest`);
  if (seen.has(chunk.file)) return;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) collect(dep, seen);
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
let failed = false;
for (const [name, modules] of Object.entries(routes)) {
  const files = new Set();
  collect(entry, files);
  for (const m of modules) collect(m, files);
  let bytes = 0;
  for (const f of files) if (f.endsWith('.js')) bytes += gzipSync(readFileSync(join(root, 'dist', f)), { level: 9 }).length;
  const kb = bytes / 1024;
  const ok = kb <= LIMIT_KB;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: initial JS ${kb.toFixed(1)} KB gzipped (${files.size} chunks, limit ${LIMIT_KB} KB)`);
}
process.exit(failed ? 1 : 0);
