const o = { get bad() { throw new Error('getter boom'); }, ok: 1 };
console.log(o);
try { console.log('%s', { toString() { throw new Error('x') } }); } catch (e) { console.log('caught', e.message); }
console.log('end');
