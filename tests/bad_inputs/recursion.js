function f(){ return f(); }
try { f(); } catch (e) { console.log(e instanceof RangeError, e.message); }
console.log('continues');
