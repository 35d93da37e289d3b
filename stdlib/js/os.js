'use strict';
// os: operating system facts. Values that only the host knows come from a
// small native binding, globalThis.__minijs_os (provided by minijs's Rust side):
//   hostname() -> string        homedir() -> string (from the passwd entry)
//   release() -> string         uptime() -> seconds
//   totalmem() -> bytes         freemem() -> bytes
//   cpuCount() -> number        loadavg() -> [n1, n5, n15]
//   userInfo() -> { uid, gid, username, homedir, shell }

const binding = globalThis.__minijs_os;

function tmpdir() {
  const env = process.env || {};
  let path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function homedir() {
  const env = process.env || {};
  return env.HOME || binding.homedir();
}

/** One entry per CPU; minijs reports no model, speed or times. */
function cpus() {
  const list = [];
  for (let i = 0; i < binding.cpuCount(); i++) {
    list.push({ model: 'unknown', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } });
  }
  return list;
}

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => process.arch,
  availableParallelism: () => Math.max(1, binding.cpuCount()),
  cpus,
  endianness: () => 'LE',
  freemem: () => binding.freemem(),
  homedir,
  hostname: () => binding.hostname(),
  loadavg: () => binding.loadavg(),
  machine: () => process.arch === 'x64' ? 'x86_64' : process.arch,
  networkInterfaces: () => ({}),
  platform: () => process.platform,
  release: () => binding.release(),
  tmpdir,
  totalmem: () => binding.totalmem(),
  type: () => (process.platform === 'darwin' ? 'Darwin' : 'Linux'),
  uptime: () => binding.uptime(),
  userInfo: () => binding.userInfo(),
  version: () => binding.release(),
};
