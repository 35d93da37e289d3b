'use strict';
// Runs a program in a fresh V8 context that lacks what minijs lacks (typed
// arrays, ArrayBuffer, DataView, Proxy, Reflect, BigInt, WeakMap, WeakSet,
// WeakRef, FinalizationRegistry, SharedArrayBuffer, Atomics, Intl), with our
// modules for require() and only the host surface minijs provides. It checks
// that the JavaScript modules do not lean on anything else.
//
//   node sandbox.js main.js

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { Console } = require('console');
const { Buffer: NodeBuffer } = require('buffer');

const JS = path.resolve(__dirname, '../js');
const MISSING = ['Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array',
  'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer', 'DataView',
  'SharedArrayBuffer', 'Atomics', 'Proxy', 'Reflect', 'BigInt', 'WeakMap', 'WeakSet', 'WeakRef',
  'FinalizationRegistry', 'Intl'];
const MODULES = {
  assert: 'assert.js', 'assert/strict': 'assert_strict.js', buffer: 'buffer.js', events: 'events.js', fs: 'fs.js',
  'fs/promises': 'fs_promises.js', os: 'os.js', path: 'path.js', 'path/posix': 'path.js', stream: 'stream.js',
  'stream/promises': 'stream_promises.js', string_decoder: 'string_decoder.js', timers: 'timers.js',
  'timers/promises': 'timers_promises.js', util: 'util.js',
};

const context = vm.createContext({});
vm.runInContext(MISSING.map((name) => `delete globalThis.${name};`).join('\n'), context);

const cache = new Map();
function load(file) {
  if (cache.has(file)) return cache.get(file).exports;
  const module = { exports: {}, filename: file, id: file };
  cache.set(file, module);
  const source = fs.readFileSync(file, 'utf8');
  const fn = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, context, { filename: file });
  fn.call(module.exports, module.exports, makeRequire(path.dirname(file)), module, file, path.dirname(file));
  return module.exports;
}

function makeRequire(dir) {
  return function require(request) {
    const name = request.startsWith('node:') ? request.slice(5) : request;
    if (Object.prototype.hasOwnProperty.call(MODULES, name)) return load(path.join(JS, MODULES[name]));
    if (name.startsWith('./') || name.startsWith('../') || name.startsWith('/')) {
      let file = path.resolve(dir, name);
      if (!fs.existsSync(file) && fs.existsSync(`${file}.js`)) file = `${file}.js`;
      return load(file);
    }
    throw new Error(`minijs sandbox: no module '${request}'`);
  };
}

// The host surface minijs provides (issue 5) and the native bindings.
const realStdout = process.stdout;
const realStderr = process.stderr;
// Node's emitWarning only accepts Errors of its own realm: copy sandbox Errors over.
const emitWarning = process.emitWarning;
process.emitWarning = function emitWarningAcrossRealms(warning, ...rest) {
  if (warning && typeof warning === 'object' && !(warning instanceof Error)) {
    warning = Object.assign(new Error(warning.message), warning, { name: warning.name });
  }
  return emitWarning.call(process, warning, ...rest);
};
const host = {
  console: new Console({ stdout: realStdout, stderr: realStderr }),
  process,
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask,
  // Used by test programs only, not by the modules.
  AbortController,
  __minijs_fs: require('./fs_binding_shim.js'),
  __minijs_os: require('./os_binding_shim.js'),
};
for (const [key, value] of Object.entries(host)) context[key] = value;
context.Buffer = load(path.join(JS, 'buffer.js')).Buffer;
const { createStdioStream } = load(path.join(JS, 'stdio.js'));
const forward = (real) => (data) => real.write(typeof data === 'string' ? data : NodeBuffer.from(data));
const stdout = createStdioStream(1, forward(realStdout));
const stderr = createStdioStream(2, forward(realStderr));
Object.defineProperty(process, 'stdout', { configurable: true, get: () => stdout });
Object.defineProperty(process, 'stderr', { configurable: true, get: () => stderr });

load(path.resolve(process.argv[2]));
