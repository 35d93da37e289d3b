// os facts that are the same under Node and minijs's os module
const os = require('os');
console.log(JSON.stringify(os.EOL), os.platform(), os.tmpdir() === (process.env.TMPDIR || '/tmp').replace(/(.)\/$/, '$1'));
console.log(typeof os.hostname(), os.cpus().length > 0, os.totalmem() > os.freemem(), os.homedir().length > 0, os.endianness());
console.log(os.type(), typeof os.release(), Array.isArray(os.loadavg()), typeof os.uptime());
