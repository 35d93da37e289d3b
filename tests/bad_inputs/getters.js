const a = { get x() { return b.y; } };
const b = { get y() { return a.x; } };
try { a.x; } catch (e) { console.log(e.constructor.name, e.message); }
console.log('after');
