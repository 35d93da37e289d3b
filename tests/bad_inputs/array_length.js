try { new Array(2**32); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
const a = []; a.length = 2**32 - 1; console.log(a.length);
a[5] = 1; console.log(a.length);
try { a.length = 2**32; } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { a.push(1); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
const b = new Array(2**32-1); console.log(b.length);
