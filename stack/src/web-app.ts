import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '@trading/platform';
import { REPO_ROOT } from './processes';

/** Where `npm run build:web` leaves the web app. */
export const WEB_APP_DIST = path.join(REPO_ROOT, 'web', 'dist');

/**
 * The built web app for `npm start` to serve, built first if it never was (about 15 s, once): a clean clone is one
 * `npm start` away from the app. Rebuild after changing it with `npm run build:web` (or use `npm run dev`). Null when
 * the build fails: the API still starts.
 */
export function builtWebApp(log: Logger): string | null {
  if (fs.existsSync(path.join(WEB_APP_DIST, 'index.html'))) return WEB_APP_DIST;
  log.info('building the web app (first start only)');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status === 0 && fs.existsSync(path.join(WEB_APP_DIST, 'index.html'))) return WEB_APP_DIST;
  log.warn({ status: build.status }, 'the web app could not be built: serving the API only (see npm run build:web)');
  return null;
}
