// Whether dist/ lags the TypeScript sources of a checkout (an installed package ships no sources, so
// it is never stale). Walks the four source folders' mtimes: a few milliseconds for ~300 files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['src', 'targets', 'adversaries', 'properties', 'bindings'];

/** True when `root` is a checkout (has src/) whose dist/ build stamp is older than some source file. */
export function distIsStale(root) {
  if (!existsSync(join(root, 'src'))) return false;
  const stamp = join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const newer = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === '__pycache__') continue; // build caches (targets/seed001-go/.build, Python's)
      const full = join(dir, entry.name);
      if (entry.isDirectory() ? newer(full) : statSync(full).mtimeMs > built) return true;
    }
    return false;
  };
  return SOURCE_DIRS.some((dir) => existsSync(join(root, dir)) && newer(join(root, dir)));
}
