'use strict';
// Generates random stream programs (sources, transforms, sinks, consumers,
// with synchronous and deferred callbacks of every kind), runs each under
// Node with Node's modules and with ours, and reports programs whose output
// differs. Usage: node fuzz_streams.js [count] [seed]

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const count = Number(process.argv[2] || 50);
let seed = Number(process.argv[3] || 1);
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// No setTimeout: its race with setImmediate from the main module is not deterministic in Node.
const DEFERS = ['sync', 'nextTick', 'microtask', 'immediate'];
function deferred(kind, body) {
  switch (kind) {
    case 'sync': return body;
    case 'nextTick': return `process.nextTick(() => { ${body} });`;
    case 'microtask': return `Promise.resolve().then(() => { ${body} });`;
    default: return `setImmediate(() => { ${body} });`;
  }
}

function program() {
  const objectMode = rand() < 0.3;
  const chunks = int(0, 6);
  const srcHwm = objectMode ? int(0, 3) : int(0, 12);
  const pushDefer = pick(DEFERS);
  const lines = [
    "const { Readable, Writable, Transform, PassThrough, pipeline } = require('stream');",
    'const log = (...a) => console.log(...a);',
    "const show = (x) => (typeof x === 'object' && x !== null && !Buffer.isBuffer(x) ? JSON.stringify(x) : String(x));",
    'function watch(name, s, events) { for (const ev of events) s.on(ev, (x) => log(name, ev, x instanceof Error ? x.message : x === undefined || ev === \'pipe\' || ev === \'unpipe\' ? \'\' : show(x))); }',
    'let n = 0;',
    `const src = new Readable({ objectMode: ${objectMode}, highWaterMark: ${srcHwm}, read(size) {`,
    `  n++; log('read', n, this.readableLength);`,
    `  const value = n <= ${chunks} ? ${objectMode ? '{ n }' : "'x'.repeat(n % 4 + 1) + n"} : null;`,
    `  ${deferred(pushDefer, "log('push', show(value), this.push(value));")}`,
    '} });',
  ];
  if (!objectMode && rand() < 0.2) lines.push("src.setEncoding('utf8');");
  // Sometimes one stage fails: a transform or the sink calls back with an
  // error at some chunk, or the source is destroyed after some pushes.
  const failAt = rand() < 0.3 ? int(1, 4) : 0;
  const failWhere = pick(['transform', 'sink', 'source']);
  if (failAt && failWhere === 'source') {
    lines.push(`src.on('data', () => {}); let seen = 0; src.on('data', () => { if (++seen === ${failAt}) ${deferred(pick(DEFERS), "src.destroy(new Error('source failed'));")} });`);
  }
  const transforms = [];
  for (let i = int(0, 2); i > 0; i--) {
    const name = `t${transforms.length}`;
    const d = pick(DEFERS);
    const hwm = objectMode ? int(1, 3) : int(1, 10);
    const flush = rand() < 0.5;
    lines.push(`const ${name} = new Transform({ objectMode: ${objectMode}, highWaterMark: ${hwm},`,
      `  transform(c, e, cb) { log('${name} transform', show(c)); this.k = (this.k || 0) + 1; ${deferred(d,
        failAt && failWhere === 'transform' && transforms.length === 0 ? `cb(this.k === ${failAt} ? new Error('transform failed') : null, c);` : 'cb(null, c);')} },`,
      flush ? `  flush(cb) { log('${name} flush'); ${deferred(pick(DEFERS), 'cb();')} },` : '',
      '});');
    transforms.push(name);
  }
  const sinkDefer = pick(DEFERS);
  const sinkHwm = objectMode ? int(1, 3) : int(1, 10);
  const writev = rand() < 0.3;
  const final = rand() < 0.3;
  lines.push(`const sink = new Writable({ objectMode: ${objectMode}, highWaterMark: ${sinkHwm},`,
    `  write(c, e, cb) { log('write', show(c), this.writableLength); this.k = (this.k || 0) + 1; ${deferred(sinkDefer,
      failAt && failWhere === 'sink' ? `cb(this.k === ${failAt} ? new Error('sink failed') : null);` : 'cb();')} },`,
    writev ? `  writev(cs, cb) { log('writev', cs.length); ${deferred(sinkDefer, 'cb();')} },` : '',
    final ? `  final(cb) { log('final'); ${deferred(pick(DEFERS), 'cb();')} },` : '',
    '});');
  lines.push("watch('src', src, ['end', 'close', 'pause', 'resume', 'error']);");
  for (const t of transforms) lines.push(`watch('${t}', ${t}, ['end', 'finish', 'close', 'drain', 'prefinish', 'pipe', 'unpipe', 'error']);`);
  lines.push("watch('sink', sink, ['finish', 'close', 'drain', 'prefinish', 'pipe', 'unpipe', 'error']);");
  const chain = ['src', ...transforms, 'sink'];
  const consumer = pick(['pipe', 'pipeline', 'data', 'readable', 'asyncIterator', 'dataPause']);
  switch (consumer) {
    case 'pipe':
      lines.push(`${chain.join('.pipe(')}${')'.repeat(chain.length - 1)};`);
      break;
    case 'pipeline':
      lines.push(`pipeline(${chain.join(', ')}, (err) => log('pipeline done', err && err.message));`);
      break;
    case 'data':
      lines.push("src.on('data', (d) => log('data', show(d)));");
      break;
    case 'dataPause':
      lines.push("src.on('data', (d) => { log('data', show(d)); src.pause(); setImmediate(() => src.resume()); });");
      break;
    case 'readable':
      lines.push("src.on('readable', () => { log('readable', src.readableLength); let c; while ((c = src.read()) !== null) log('got', show(c)); });");
      break;
    default:
      lines.push("(async () => { for await (const c of src) log('iter', show(c)); log('iter done'); })();");
  }
  lines.push("process.nextTick(() => log('main tick'));", "Promise.resolve().then(() => log('main microtask'));");
  return lines.filter(Boolean).join('\n') + '\n';
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minijs-fuzz-'));
const loader = path.join(__dirname, 'loader.js');
let failures = 0;
for (let i = 0; i < count; i++) {
  const file = path.join(dir, `p${i}.js`);
  fs.writeFileSync(file, program());
  const run = (args) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 10000 });
  const a = run([file]);
  const b = run(['-r', loader, file]);
  if (a.stdout !== b.stdout || a.status !== b.status) {
    failures++;
    console.log(`DIFF ${file}`);
  }
}
console.log(`${count - failures} same, ${failures} different (programs in ${dir})`);
