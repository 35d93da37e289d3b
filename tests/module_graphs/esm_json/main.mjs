// JSON modules: `with { type: 'json' }` is required, and only for JSON
import data from './data.json' with { type: 'json' };
import again from './data.json' with { 'type': 'json' };
console.log(data.name, data.list.length, data === again);
for (const [file, attrs] of [['./other.json', ''], ['./plain.mjs', 'json'], ['./plain.mjs', 'css']]) {
  try {
    await import(attrs === 'css' ? './css-import.mjs' : attrs ? './bad-type.mjs' : './missing-attr.mjs');
  } catch (e) {
    console.log(file, e.code, e.message.split(import.meta.dirname).join('<dir>'));
  }
}
