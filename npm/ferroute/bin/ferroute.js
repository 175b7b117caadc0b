#!/usr/bin/env node
// The `ferroute` command of the npm package. The native binary comes in a second package,
// `@ferroute/<platform>`, one of this package's optional dependencies: npm installs only the
// one whose `os`, `cpu` and `libc` match the machine. No install script downloads anything, so
// an install works offline, from a lockfile, and with scripts disabled.
//
// This launcher runs that binary with the same arguments, environment and stdio, forwards the
// signals that stop it, and exits as the binary did (its exit code, or the same signal).
// FERROUTE_BINARY=/path/to/ferroute runs that binary instead (a build from source, say).
'use strict';

const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const { optionalDependencies } = require('../package.json');

// ferroute takes a second SIGINT or SIGTERM as "stop now, cut running requests". A signal sent
// to a whole process group (Ctrl-C, `kill %1`, a supervisor's killpg) would reach the binary
// twice, once directly and once forwarded, so the binary runs in a session of its own (the
// `detached` option) and gets each of these signals from this launcher only, exactly once.
// SIGHUP and SIGQUIT are forwarded too: otherwise closing the terminal or Ctrl-\ would end the
// launcher and leave the binary running.
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

const SOURCE_BUILD = `build ferroute from source and run that binary instead:
    cargo install --path crates/ferroute_cli --locked    (in a clone of the ferroute repository)
    FERROUTE_BINARY=~/.cargo/bin/ferroute npx ferroute ...`;

run(process.env.FERROUTE_BINARY || installedBinary());

function run(binary) {
  const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit', detached: true });
  let forwarded = false;
  const forward = (signal) => {
    forwarded = true;
    child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  if (process.env.npm_lifecycle_event) stopWithParent(child, () => forwarded);

  child.on('error', (error) => {
    const origin = process.env.FERROUTE_BINARY ? ' (FERROUTE_BINARY)' : '';
    fail(`ferroute: could not run ${binary}${origin}: ${error.message}`);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) {
      process.exitCode = code;
      return;
    }
    // End with the same signal, so whoever started us sees what happened to the binary.
    for (const name of FORWARDED) process.off(name, forward);
    process.kill(process.pid, signal);
    // Still alive: the signal is ignored here (SIGPIPE in Node, or any signal without a
    // handler when the launcher is a container's process 1); exit as a shell reports it.
    process.exitCode = 128 + (constants.signals[signal] ?? 0);
  });
}

// npm runs a script (`npm start`) or an `npx` command in `sh -c` and hands SIGINT and SIGTERM
// to that shell only. dash, /bin/sh on Debian and Ubuntu, dies of them without passing them on,
// which would leave the binary running. So under npm, the launcher's parent going away without
// a signal having reached the launcher means stop, and the binary gets SIGTERM.
function stopWithParent(child, signalled) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    // A signal sent to the whole process group reached the launcher too: let it be handled.
    setTimeout(() => signalled() || child.kill('SIGTERM'), 100).unref();
  }, 200);
  watch.unref();
}

function installedBinary() {
  const { platform, arch } = process;
  const name = platform === 'linux' ? `@ferroute/linux-${arch}-gnu` : `@ferroute/${platform}-${arch}`;
  try {
    return require.resolve(`${name}/bin/ferroute`);
  } catch {
    // Explained below.
  }
  const musl = platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
  if (musl || !(name in optionalDependencies)) {
    const built = Object.keys(optionalDependencies).map((pkg) => pkg.replace('@ferroute/', ''));
    fail(
      `ferroute: no prebuilt ferroute binary for ${platform} ${arch}${musl ? ' with musl' : ''}; ` +
        `there are binaries for ${built.join(', ')}.\n  You can ${SOURCE_BUILD}`,
    );
  }
  fail(`ferroute: the ferroute binary for ${platform} ${arch} is missing: the package ${name} is not installed.
  npm installs it with ferroute, as an optional dependency. It is left out by --omit=optional
  (or --no-optional), and sometimes by a package-lock.json written on another platform: then
  delete node_modules and package-lock.json and run npm install again.
  Or ${SOURCE_BUILD}`);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
