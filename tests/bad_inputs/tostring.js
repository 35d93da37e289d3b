const o = { toString() { throw new Error('ts'); } };
const v = { valueOf() { throw new TypeError('vo'); } };
try { String(o); } catch (e) { console.log('1', e.message); }
try { '' + o; } catch (e) { console.log('2', e.message); }
try { v + 1; } catch (e) { console.log('3', e.message); }
try { `${o}`; } catch (e) { console.log('4', e.message); }
try { [o].join(); } catch (e) { console.log('5', e.message); }
try { v < 2; } catch (e) { console.log('6', e.message); }
try { +v; } catch (e) { console.log('7', e.message); }
try { ({[o]: 1}); } catch (e) { console.log('8', e.message); }
console.log('done');
