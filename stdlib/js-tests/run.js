'use strict';
// Runs JavaScript programs twice under Node: once with Node's built-in
// modules (the reference) and once with minijs's JavaScript host modules
// (through loader.js), and compares stdout and exit code.
//
//   node run.js [--verbose] [--regen] [--sandbox] [PATH ...]
//
// PATH is a program (.js), a test folder (main.js inside) or a folder of
// either; default: cases/ here and the shared streams conformance tests.
// --regen writes each case's reference output beside it (NAME.out) so the
// Rust side can use the cases as golden fixtures. --sandbox runs our side in
// sandbox.js (a context without the built-ins minijs lacks) instead.

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const LOADER = path.join(__dirname, 'loader.js');
const SANDBOX = path.join(__dirname, 'sandbox.js');
const DEFAULT_PATHS = [
  path.join(__dirname, 'cases'),
  path.resolve(__dirname, '../../../shared/conformance/streams'),
];

function collect(target, out) {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    out.push({ file: target, dir: path.dirname(target) });
  } else if (fs.existsSync(path.join(target, 'main.js'))) {
    out.push({ file: path.join(target, 'main.js'), dir: target });
  } else {
    for (const name of fs.readdirSync(target).sort()) {
      const child = path.join(target, name);
      if (fs.statSync(child).isDirectory() || name.endsWith('.js')) collect(child, out);
    }
  }
  return out;
}

function runNode(args, cwd) {
  const res = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 10000, input: '' });
  return { stdout: res.stdout, code: res.status, stderr: res.stderr };
}

function firstDiff(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: node ${JSON.stringify(lb[i])} vs ours ${JSON.stringify(la[i])}`;
  }
  return 'identical stdout';
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const regen = args.includes('--regen');
const sandbox = args.includes('--sandbox');
const targets = args.filter((a) => !a.startsWith('--'));
const tests = [];
for (const t of targets.length ? targets : DEFAULT_PATHS) collect(path.resolve(t), tests);

let passed = 0;
const failed = [];
for (const { file, dir } of tests) {
  const name = path.relative(process.cwd(), file);
  const expected = runNode([file], dir);
  const ours = runNode(sandbox ? [SANDBOX, file] : ['-r', LOADER, file], dir);
  if (regen && file.startsWith(path.join(__dirname, 'cases'))) {
    fs.writeFileSync(file.replace(/\.js$/, '.out'), expected.stdout);
  }
  const ok = expected.stdout === ours.stdout && expected.code === ours.code;
  if (ok) {
    passed++;
    if (verbose) console.log(`ok   ${name}`);
  } else {
    failed.push(name);
    const why = expected.code !== ours.code ? `exit ${expected.code} vs ours ${ours.code}; ` : '';
    console.log(`FAIL ${name}: ${why}${firstDiff(ours.stdout, expected.stdout)}`);
    if (verbose) console.log(ours.stderr.split('\n').slice(0, 12).join('\n'));
  }
}
console.log(`${passed} passed, ${failed.length} failed`);
process.exitCode = failed.length ? 1 : 0;
