// synchronous API: files, directories, stats, errors
const fs = require('fs');
const path = require('path');
const os = require('os');
const dir = path.join(os.tmpdir(), `minijs-sync-${process.pid}`);
fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
fs.writeFileSync(path.join(dir, 'a', 'one.txt'), 'first\n');
fs.appendFileSync(path.join(dir, 'a', 'one.txt'), 'second\n');
fs.writeFileSync(path.join(dir, 'bin'), Buffer.from([0, 255, 128]));
console.log(fs.readFileSync(path.join(dir, 'a', 'one.txt'), 'utf8'));
console.log(fs.readFileSync(path.join(dir, 'bin')));
console.log(fs.readFileSync(path.join(dir, 'a', 'one.txt'), { encoding: 'base64' }));
const st = fs.statSync(path.join(dir, 'a', 'one.txt'));
console.log(st.isFile(), st.isDirectory(), st.size, st.mtime instanceof Date, typeof st.mtimeMs);
console.log(fs.statSync(dir).isDirectory(), fs.existsSync(dir), fs.existsSync(dir + 'x'));
console.log(fs.readdirSync(path.join(dir, 'a')).sort());
console.log(fs.readdirSync(path.join(dir, 'a'), { withFileTypes: true }).sort((x, y) => x.name < y.name ? -1 : 1).map((d) => [d.name, d.isFile(), d.isDirectory()]));
try { fs.readFileSync(path.join(dir, 'nope')); } catch (e) { console.log(e.code, e.errno, e.syscall, e.message.replace(dir, 'DIR')); }
try { fs.mkdirSync(path.join(dir, 'a')); } catch (e) { console.log(e.code, e.message.replace(dir, 'DIR')); }
try { fs.rmdirSync(path.join(dir, 'a')); } catch (e) { console.log(e.code); }
console.log(fs.statSync(path.join(dir, 'nope'), { throwIfNoEntry: false }));
fs.renameSync(path.join(dir, 'bin'), path.join(dir, 'bin2'));
fs.copyFileSync(path.join(dir, 'bin2'), path.join(dir, 'bin3'));
const fd = fs.openSync(path.join(dir, 'bin3'), 'r+');
const buf = Buffer.alloc(5);
console.log('readSync', fs.readSync(fd, buf, 1, 3, 0), buf);
console.log('writeSync', fs.writeSync(fd, 'XY', 1));
fs.closeSync(fd);
console.log(fs.readFileSync(path.join(dir, 'bin3')));
fs.unlinkSync(path.join(dir, 'bin2'));
fs.rmSync(dir, { recursive: true, force: true });
fs.rmSync(dir, { recursive: true, force: true });
console.log('removed', fs.existsSync(dir));
