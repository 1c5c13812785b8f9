import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@trading/stack/processes';
import { machine, writeSection } from './support';

// `npm run bench:bundle`: builds the web app and records the JavaScript a first visit downloads (gzipped, against
// the 300 KB budget) in docs/BENCHMARKS.md, from web/scripts/bundle-size.mjs's own figures.

execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const report = execFileSync(process.execPath, [path.join(REPO_ROOT, 'web', 'scripts', 'bundle-size.mjs')], { encoding: 'utf8' }).trimEnd();
process.stdout.write(`${report}\n`);
writeSection(
  path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md'),
  'web-bundle',
  ['## Web app: initial JavaScript', '', `\`npm run bench:bundle\` on ${machine()}.`, '', '```', report, '```'].join('\n'),
);
