// path functions over tricky inputs
const path = require('path');
const samples = ['', '.', '..', '/', '///a', 'a', 'a/', 'a//b', '/a/b/', '/a/b.js', 'b.js/', '.bashrc', '..a', '...', 'a..', 'a.', '.a.b',
  '/a/.b', 'a/b/../../..', '../x/./y', '/../a', 'a/./b/.', './', 'x/..', '/x/../', 'dir/file.tar.gz', '/foo/bar/baz/asdf/quux.html', '//a', '/a//'];
for (const s of samples) {
  console.log(JSON.stringify(s), path.normalize(s), path.dirname(s), path.basename(s), path.basename(s, '.js'), path.extname(s),
    path.isAbsolute(s), JSON.stringify(path.parse(s)), path.format(path.parse(s)));
  console.log('  ', path.join(s, 'x', '..', 'y'), path.relative('/a/b/c', path.resolve('/', s)), path.resolve('/base', s));
}
console.log(path.sep, path.delimiter, path.posix === path, path.join(), path.resolve('') === process.cwd());
console.log(path.format({ root: '/', name: 'x', ext: 'txt' }), path.format({ dir: '/a', base: 'b' }), path.format({ name: 'n', ext: '.e' }));
try { path.join('a', 5); } catch (e) { console.log(e.code, e.message); }
