/**
 * Builds a Go replica for a subprocess target, once: `go build` into `<module>/.build/<name>` when
 * the binary is missing or older than a Go source of the module or of a module it replaces with a
 * local path (the Go binding). Go comes from Debian's `golang-go`; without it this says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Go is missing or a build failed: a setup problem of the target, not a finding. */
export class GoBuildError extends Error {
  override readonly name = 'GoBuildError';
}

/** The message every Go-dependent target and test gives when `go` is absent. */
export const GO_MISSING = 'Go is not installed: the Go replicas need it (Debian/Ubuntu: sudo apt-get install -y golang-go; Go >= 1.19)';

/** Whether a `go` command runs here. */
export function goAvailable(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.go') || entry.name === 'go.mod') newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Module folders a go.mod's `replace … => ../path` lines point at (rebuilt when they change). */
function localReplacements(moduleDir: string): string[] {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  return [...goMod.matchAll(/=>\s*(\.{1,2}\/\S+)/g)].map((m) => resolve(moduleDir, m[1] as string)).filter((dir) => existsSync(dir));
}

/** Environment for `go`: no workspace file (go.mod's replace lines suffice) and a build cache even without $HOME. */
function goEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  if (env['GOCACHE'] === undefined && env['HOME'] === undefined && env['XDG_CACHE_HOME'] === undefined) env['GOCACHE'] = join(tmpdir(), 'byzcheck-go-cache');
  return env;
}

/** Builds (if stale) the main package `pkg` (default: the module's root) of `moduleDir` and returns the binary's path. */
export function buildGoBinary(moduleDir: string, name: string, pkg = '.'): string {
  const out = join(moduleDir, '.build', name);
  const sources = Math.max(newestSource(moduleDir), ...localReplacements(moduleDir).map(newestSource));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return out;
  if (!goAvailable()) throw new GoBuildError(`${GO_MISSING}; needed to build ${moduleDir}`);
  mkdirSync(join(moduleDir, '.build'), { recursive: true });
  // Parallel test workers may build at once: each writes its own file, then renames it into place.
  const partial = `${out}.partial-${process.pid}`;
  const built = spawnSync('go', ['build', '-o', partial, pkg], { cwd: moduleDir, env: goEnv(), encoding: 'utf8' });
  if (built.status !== 0) throw new GoBuildError(`go build in ${moduleDir} failed:\n${built.stderr}`);
  renameSync(partial, out);
  return out;
}
