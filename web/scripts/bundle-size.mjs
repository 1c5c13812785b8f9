// Measures the JavaScript a first visit downloads: the entry script of the built web/dist/index.html, its
// modulepreloads, and every chunk they import statically (not the lazy route chunks), gzipped. Builds nothing.
// Usage: npm run size -w web [-- --budget <KB>]   (default budget 300 KB; exits 1 above it)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetFlag = process.argv.indexOf('--budget');
const budgetKb = budgetFlag > -1 ? Number(process.argv[budgetFlag + 1]) : 300;

const indexFile = path.join(dist, 'index.html');
if (!fs.existsSync(indexFile)) {
  console.error('web/dist/index.html is missing: run `npm run build -w web` first.');
  process.exit(1);
}
const html = fs.readFileSync(indexFile, 'utf8');

/** The JS files index.html loads: <script type="module" src> and <link rel="modulepreload" href>. */
function htmlEntries(text) {
  const found = [];
  for (const match of text.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) found.push(match[1]);
  for (const match of text.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) found.push(match[1]);
  return found;
}

/** Static `import ... from "./x.js"`, `import "./x.js"` and `export ... from "./x.js"` of a chunk; `import()` is lazy and left out. */
function staticImports(code) {
  const found = [];
  const pattern = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
  for (const match of code.matchAll(pattern)) found.push(match[1]);
  return found;
}

const resolveFrom = (fromFile, specifier) =>
  specifier.startsWith('/') ? path.join(dist, specifier) : path.resolve(path.dirname(fromFile), specifier);

const seen = new Map();
const queue = htmlEntries(html).map((src) => resolveFrom(indexFile, src));
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file) || !file.endsWith('.js')) continue;
  const code = fs.readFileSync(file);
  seen.set(file, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
  for (const specifier of staticImports(code.toString('utf8'))) queue.push(resolveFrom(file, specifier));
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let raw = 0;
let gzip = 0;
for (const [file, size] of seen) {
  raw += size.raw;
  gzip += size.gzip;
  console.log(`  ${path.relative(dist, file).padEnd(48)} ${kb(size.raw).padStart(10)} ${kb(size.gzip).padStart(10)} gzip`);
}
console.log(`Initial JavaScript: ${seen.size} files, ${kb(raw)} raw, ${kb(gzip)} gzipped (budget ${budgetKb} KB).`);
if (gzip > budgetKb * 1024) {
  console.error(`Over budget by ${kb(gzip - budgetKb * 1024)}.`);
  process.exit(1);
}
