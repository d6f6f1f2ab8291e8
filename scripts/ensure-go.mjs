#!/usr/bin/env node
// `npm test`'s pretest, beside ensure-chromium.mjs: the Go binding, the tiny Go replica and seed 001's
// Go target are tested with Debian's Go (golang-go, Go >= 1.19). When `go` is missing, this installs
// it with apt-get as root, or through sudo when sudo needs no password; otherwise it says how to get
// it and fails, so the suite does not start only to fail in the Go tests (which never skip).
import { spawnSync } from 'node:child_process';

const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=900'];
const hasGo = () => spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;

function fail(why) {
  console.error(`byzcheck's tests need Go (Debian's golang-go, Go >= 1.19) for the Go binding and the seed001-go target, and ${why}.
Install it yourself (Debian/Ubuntu: sudo apt-get install -y golang-go), then run npm test again.`);
  process.exit(1);
}

function aptGet(prefix, args) {
  const argv = [...prefix, 'apt-get', ...LOCK_WAIT, ...args];
  return spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

if (!hasGo()) {
  if (process.platform !== 'linux' || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) fail('this machine has no apt-get to install it');
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) fail('this user is not root and cannot use sudo without a password');
  const prefix = root ? [] : ['sudo', '-n'];
  console.error(`byzcheck: installing golang-go for the Go binding's tests (apt-get${root ? '' : ' through sudo'})…`);
  const install = ['install', '-y', '-qq', '--no-install-recommends', 'golang-go'];
  const installed = aptGet(prefix, install) || (aptGet(prefix, ['update', '-qq']) && aptGet(prefix, install));
  if (!installed || !hasGo()) fail('apt-get could not install it (see its output above)');
}
