// assertion messages for failed comparisons
const assert = require('assert');
const t = (f) => { try { f(); console.log('no throw'); } catch (e) { console.log(JSON.stringify(e.message), e.generatedMessage); } };
t(() => assert.strictEqual(1, 2, 'custom'));
t(() => assert.strictEqual('hello world', 'hello there', 'custom'));
t(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'custom'));
t(() => assert.equal(1, 2, 'custom'));
t(() => assert.notStrictEqual(1, 1, 'custom'));
t(() => assert.deepEqual(1, 2, 'custom'));
t(() => assert.ok(false, 'custom'));
