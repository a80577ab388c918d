// `npm run build` builds the web app with Vite into web/dist/app (docs/adr/0072), unless that
// build is newer than every source of it: `npm start`, `npm run token` and the rest build first,
// and an unchanged app should cost them nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const output = join(here, 'dist', 'app', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'index.html', 'vite.config.ts', 'build.mjs', '../package-lock.json'];
const changed =
  !existsSync(output) ||
  Math.max(...sources.map((s) => newest(join(here, s)))) > statSync(output).mtimeMs;
if (changed || process.argv.includes('--force')) {
  // Loaded only when needed: importing Vite alone takes longer than the freshness check.
  const { build } = await import('vite');
  await build({ configFile: join(here, 'vite.config.ts') });
}
