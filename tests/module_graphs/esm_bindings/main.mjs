// live bindings, read-only imports, namespace objects
import { count, increment, later } from './counter.mjs';
import * as ns from './counter.mjs';
console.log(count, ns.count);
increment();
increment();
console.log(count, ns.count);
try {
  count = 10;
} catch (e) {
  console.log(e.constructor.name, e.message);
}
console.log(Object.keys(ns).join(','), Reflect.ownKeys(ns).length);
console.log(Object.getOwnPropertyDescriptor(ns, 'count'));
console.log(Object.isExtensible(ns), Object.isSealed(ns), Object.isFrozen(ns), Object.getPrototypeOf(ns));
console.log(ns[Symbol.toStringTag], String(Object.prototype.toString.call(ns)));
try {
  ns.count = 5;
} catch (e) {
  console.log(e.constructor.name);
}
try {
  delete ns.count;
} catch (e) {
  console.log(e.constructor.name);
}
try {
  ns.extra = 1;
} catch (e) {
  console.log(e.constructor.name);
}
console.log('count' in ns, 'extra' in ns, Reflect.has(ns, 'increment'));
console.log(ns);
console.log(later);
setTimeout(() => console.log(later, ns.later), 5);
