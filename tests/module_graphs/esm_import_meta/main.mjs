// import.meta: url, filename, dirname, resolve
import { meta as childMeta } from './child/child.mjs';
const url = import.meta.url;
console.log(url.startsWith('file:///'), url.endsWith('/esm_import_meta/main.mjs'));
console.log(import.meta.filename.endsWith('/main.mjs'), import.meta.dirname + '/main.mjs' === import.meta.filename);
console.log(import.meta === import.meta, childMeta === import.meta, childMeta.url.endsWith('/child/child.mjs'));
console.log(import.meta.resolve('./child/child.mjs') === childMeta.url);
console.log(Object.keys(import.meta).sort().join(','), Object.getPrototypeOf(import.meta));
