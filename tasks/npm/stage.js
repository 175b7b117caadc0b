// Stages ferroute's npm packages for `npm pack` (tasks/npm/pack.sh): OUT/ferroute, the launcher
// package (npm/ferroute), and OUT/platform, the package of this machine's platform
// (npm/platforms/<name>) with BINARY in it; both at the version of crates/ferroute_cli.
//
//   node tasks/npm/stage.js BINARY OUT
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const [binary, out] = process.argv.slice(2);
if (!binary || !out) fail('usage: node tasks/npm/stage.js BINARY OUT');

if (!fs.existsSync(binary)) fail(`no binary at ${binary}`);
const version = cargoVersion();
const reported = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
if (reported !== `ferroute ${version}`) {
  fail(`${binary} --version says "${reported}", but crates/ferroute_cli is at ${version}: rebuild it`);
}

const main = readJson('npm/ferroute/package.json');
const platforms = fs
  .readdirSync(path.join(root, 'npm/platforms'))
  .map((dir) => readJson(`npm/platforms/${dir}/package.json`));
checkPlatforms(main, platforms);
const libc = process.platform === 'linux' ? libcName() : undefined;
const here = platforms.find(
  (p) => p.os.includes(process.platform) && p.cpu.includes(process.arch) && p.libc?.[0] === libc,
);
if (!here) fail(`no package in npm/platforms for ${process.platform} ${process.arch} ${libc ?? ''}`);

fs.rmSync(out, { recursive: true, force: true });

const launcher = path.join(out, 'ferroute');
copy(path.join(root, 'npm/ferroute/bin/ferroute.js'), path.join(launcher, 'bin/ferroute.js'));
copy(path.join(root, 'npm/ferroute/README.md'), path.join(launcher, 'README.md'));
main.version = version;
for (const name of Object.keys(main.optionalDependencies)) main.optionalDependencies[name] = version;
writeJson(path.join(launcher, 'package.json'), main);

const platform = path.join(out, 'platform');
const staged = path.join(platform, 'bin/ferroute');
copy(binary, staged);
// A debug build carries hundreds of megabytes of debug information that users have no use for.
try {
  execFileSync('strip', [staged]);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
writeJson(path.join(platform, 'package.json'), { ...here, version });

// The launcher finds a platform's package by name (bin/ferroute.js): the names must follow its
// rule, and the launcher's optionalDependencies must list every package of npm/platforms.
function checkPlatforms(main, platforms) {
  for (const p of platforms) {
    const expected = `@ferroute/${p.os[0]}-${p.cpu[0]}${p.libc ? '-gnu' : ''}`;
    if (p.name !== expected) fail(`npm/platforms: ${p.name} should be named ${expected}`);
  }
  const listed = Object.keys(main.optionalDependencies).sort().join(', ');
  const present = platforms.map((p) => p.name).sort().join(', ');
  if (listed !== present) {
    fail(`npm/ferroute/package.json lists ${listed} but npm/platforms has ${present}`);
  }
}

function libcName() {
  return process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl';
}

function cargoVersion() {
  const manifest = fs.readFileSync(path.join(root, 'crates/ferroute_cli/Cargo.toml'), 'utf8');
  const found = /^version = "([^"]+)"/m.exec(manifest); // [package] comes first
  if (!found) fail('no version in crates/ferroute_cli/Cargo.toml');
  return found[1];
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, fs.statSync(from).mode);
}

function fail(message) {
  process.stderr.write(`stage.js: ${message}\n`);
  process.exit(1);
}
