// Note §7, leak 2: a closure. `inner` is assigned without a declaration, so
// it becomes a global (the note: "inner直接挂在了root上"); it closes over
// out()'s scope, so `bigData` stays reachable as long as `inner` does.
// The note only defines out(); this file also calls it and shows the fact
// that matters: after out() returns, a global function still reaches
// bigData. (`new Buffer(10)` is kept from the note; Node prints a
// deprecation warning for it on stderr - Buffer.alloc(10) is today's form.)
// Memory figures are left out because they differ from run to run.
// Look for: `inner` is global after out() returns; setting it to null is
// what lets bigData be collected.
// More: `minijs --trace-context closure-leak.js`: the call innerShowing()
// made after outShowing() returned still has outShowing in its scope chain.
function out(){
    const bigData = new Buffer(10);
    inner = function(){
        void bigData;
    }
}

out();
console.log('after out() returned: typeof inner =', typeof inner);
console.log("'inner' in globalThis:", 'inner' in globalThis);

// A variant that can show what it holds: the closure returns its buffer.
function outShowing() {
  const bigData = Buffer.alloc(10);
  innerShowing = function () {
    return bigData;
  };
}
outShowing();
console.log('the global closure still reaches bigData:', innerShowing().length, 'bytes');

inner = null; // the fix: drop the reference (or declare it with const inside out)
innerShowing = null;
console.log('after inner = null: nothing reaches bigData any more');
