'use strict';
// The native os binding (documented at the top of ../js/os.js) implemented
// with Node's own os module, for testing under Node.

const os = require('os');

module.exports = {
  hostname: () => os.hostname(),
  homedir: () => os.userInfo().homedir,
  release: () => os.release(),
  uptime: () => os.uptime(),
  totalmem: () => os.totalmem(),
  freemem: () => os.freemem(),
  cpuCount: () => os.cpus().length,
  loadavg: () => os.loadavg(),
  userInfo: () => {
    const { uid, gid, username, homedir, shell } = os.userInfo();
    return { uid, gid, username, homedir, shell };
  },
};
