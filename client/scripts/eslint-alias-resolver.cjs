// Resolves the "@/..." alias (src/...) for eslint-plugin-import, so its zones see through it.
// (eslint-import-resolver-typescript would pull native bindings the package mirror lacks.)
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

const src = path.resolve(__dirname, '../src');
const extensions = ['', '.ts', '.tsx', '.js', '.json', '/index.ts', '/index.tsx'];

exports.interfaceVersion = 2;

exports.resolve = function resolve(source) {
  if (!source.startsWith('@/')) return { found: false };
  const base = path.join(src, source.slice(2));
  for (const ext of extensions) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return { found: true, path: candidate };
  }
  return { found: false };
};
