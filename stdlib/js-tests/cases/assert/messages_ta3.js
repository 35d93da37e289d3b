// assertion messages for failed comparisons
const assert = require('assert');
const t = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(e.message); console.log('----'); } };
t(() => assert.deepStrictEqual([1, 2], [1, 2, 3]));
t(() => assert.deepStrictEqual({ a: 1, b: 2, c: 3 }, { a: 1, c: 3 }));
t(() => assert.deepStrictEqual({ x: 1, y: 2 }, { x: 2, y: 3 }));
t(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8], [0, 2, 3, 4, 5, 6, 7, 8]));
t(() => assert.deepStrictEqual({ name: 'x', list: [1, 2, 3, 4, 5, 6, 7, 8, 9], z: 1 }, { name: 'x', list: [1, 2, 3, 4, 5, 6, 7, 8, 9], z: 2 }));
