// package.json "imports": #names private to the package
console.log(require('#util').name, require('#dep')('x'), require('#cond').kind, require('#internal/deep').deep);
try {
  require('#missing');
} catch (e) {
  console.log(e.code, e.message.split(__dirname).join('<dir>'));
}
import('#cond').then((ns) => console.log(ns.kind));
import('#dep').then((ns) => console.log(ns.default('y')));
