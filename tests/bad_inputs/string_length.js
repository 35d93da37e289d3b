try { const s = 'ab'.repeat(2**29); console.log('repeat ok', s.length); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { const s = 'x'.padStart(2**30); console.log('pad ok', s.length); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { const s = 'x'.repeat(2**29-23); console.log('max+1 ok', s.length); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
let s = 'x'; try { for (;;) s += s; } catch (e) { console.log(e.constructor.name + ': ' + e.message, s.length); }
try { new Array(2**31).join(','); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { 'x'.repeat(2**30); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
