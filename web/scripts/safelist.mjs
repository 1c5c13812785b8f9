// npm run safelist -w web [-- --check]: writes persisted-query-manifest.json, the app's operations as the router's
// safelist (SAFELIST_FILE) takes them, with Apollo's generator; --check fails if the committed file is stale.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committed = path.join(web, 'persisted-query-manifest.json');
const check = process.argv.includes('--check');
const config = JSON.parse(fs.readFileSync(path.join(web, 'persisted-query-manifest.config.json'), 'utf8'));
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'safelist-'));
try {
  const output = check ? path.join(folder, 'manifest.json') : committed;
  const configFile = path.join(folder, 'config.json');
  // Globs are relative to the working directory: run from web/ with an absolute output.
  fs.writeFileSync(configFile, JSON.stringify({ ...config, output }));
  execFileSync(process.execPath, [path.join(web, '..', 'node_modules', '.bin', 'generate-persisted-query-manifest'), '--config', configFile], {
    cwd: web,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (check) {
    if (!fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== fs.readFileSync(output, 'utf8')) {
      console.error('web/persisted-query-manifest.json is stale: run npm run safelist -w web and commit it');
      process.exit(1);
    }
    console.log('web/persisted-query-manifest.json is up to date.');
  } else {
    console.log(`wrote ${path.relative(process.cwd(), committed)}`);
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
