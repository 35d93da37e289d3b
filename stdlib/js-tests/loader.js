'use strict';
// Preload (`node -r ./loader.js main.js`) that makes a program running under
// real Node use minijs's JavaScript host modules instead of Node's built-ins:
// `require('events')`, `require('node:stream')`, ... resolve to ../js/*.js,
// the global Buffer is ours, the native fs binding is emulated with Node's fs
// (fs_binding_shim.js), and process.stdout/stderr become our stdio streams.
// Modules minijs does not implement in JavaScript (net, ...) stay Node's.

const Module = require('module');
const path = require('path');

const JS = path.resolve(__dirname, '../js');

/** Module name -> file in ../js. */
const MODULES = {
  assert: 'assert.js',
  'assert/strict': 'assert_strict.js',
  buffer: 'buffer.js',
  events: 'events.js',
  fs: 'fs.js',
  os: 'os.js',
  'fs/promises': 'fs_promises.js',
  path: 'path.js',
  'path/posix': 'path.js',
  stream: 'stream.js',
  'stream/promises': 'stream_promises.js',
  string_decoder: 'string_decoder.js',
  timers: 'timers.js',
  'timers/promises': 'timers_promises.js',
  util: 'util.js',
};

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  const name = request.startsWith('node:') ? request.slice(5) : request;
  // Our modules and this harness get Node's own modules.
  const fromOurs = parent && parent.filename &&
    (parent.filename.startsWith(JS + path.sep) || path.dirname(parent.filename) === __dirname);
  if (!fromOurs && Object.prototype.hasOwnProperty.call(MODULES, name)) {
    return originalLoad.call(this, path.join(JS, MODULES[name]), parent, isMain);
  }
  return originalLoad.call(this, request, parent, isMain);
};

globalThis.__minijs_fs = require('./fs_binding_shim.js');
globalThis.__minijs_os = require('./os_binding_shim.js');
globalThis.Buffer = require(path.join(JS, 'buffer.js')).Buffer;

// console keeps writing straight to the real file descriptors, as minijs's
// native console does; process.stdout/stderr become our Writable streams.
const { Console } = require('console');
const realStdout = process.stdout;
const realStderr = process.stderr;
globalThis.console = new Console({ stdout: realStdout, stderr: realStderr });
const { createStdioStream } = require(path.join(JS, 'stdio.js'));
const NodeBuffer = require('buffer').Buffer;
const forward = (real) => (data) => {
  real.write(typeof data === 'string' ? data : NodeBuffer.from(data));
};
const stdout = createStdioStream(1, forward(realStdout));
const stderr = createStdioStream(2, forward(realStderr));
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdout });
Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stderr });
