#!/usr/bin/env node
// `npm test`'s pretest: the HTML report is tested in a real headless browser, Debian's chromium at
// /usr/bin/chromium (driven by playwright-core, which downloads no browser). When it is missing, this
// installs it with apt-get as root, or through sudo when sudo needs no password; otherwise it says
// how to get it and fails, so the test suite is not started only to fail in the browser test.
// apt-get waits for a dpkg lock held by another install (DPkg::Lock::Timeout) instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=900'];

function fail(why) {
  console.error(`byzcheck's tests need Debian's chromium at ${CHROMIUM} for the HTML report's browser test, and ${why}.
Install it yourself (Debian/Ubuntu: sudo apt-get install -y chromium), then run npm test again.`);
  process.exit(1);
}

/** Runs apt-get as root or through sudo; true when it succeeded. */
function aptGet(prefix, args) {
  const argv = [...prefix, 'apt-get', ...LOCK_WAIT, ...args];
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

if (!existsSync(CHROMIUM)) {
  if (process.platform !== 'linux' || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) fail('this machine has no apt-get to install it');
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) fail('this user is not root and cannot use sudo without a password');
  const prefix = root ? [] : ['sudo', '-n'];
  console.error(`byzcheck: installing chromium for the browser test (apt-get${root ? '' : ' through sudo'})…`);
  const install = ['install', '-y', '-qq', '--no-install-recommends', 'chromium'];
  // Package lists may be missing (a fresh container) or being refreshed by another process: update, retry once.
  const installed = aptGet(prefix, install) || (aptGet(prefix, ['update', '-qq']) && aptGet(prefix, install)) || (aptGet(prefix, ['update', '-qq']) && aptGet(prefix, install));
  if (!installed || !existsSync(CHROMIUM)) fail(`apt-get could not install it (see its output above)`);
}
