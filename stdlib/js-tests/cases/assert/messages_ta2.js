// assertion messages for failed comparisons
const assert = require('assert');
const t = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(JSON.stringify(e.message)); } };
t(() => assert.strictEqual('hello world', 'hello there'));
t(() => assert.strictEqual('a'.repeat(30), 'b'));
t(() => assert.strictEqual(1, '1'));
t(() => assert.strictEqual(123456789, 987654321));
t(() => assert.strictEqual([1, 2], [1, 2]));
t(() => assert.strictEqual({ a: 1 }, { a: 2 }));
t(() => assert.deepStrictEqual({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }));
t(() => assert.strictEqual(null, undefined));
t(() => assert.deepStrictEqual(1, 2));
t(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
t(() => assert.notDeepEqual({ a: 1 }, { a: 1 }));
t(() => assert.deepEqual(1, 2));
t(() => assert.strictEqual(true, false));
t(() => assert.ok(null, undefined));
t(() => assert.equal(1, 2, new TypeError('own error')));
