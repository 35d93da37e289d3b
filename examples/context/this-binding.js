// Note §1: "确定this的值" (determine the value of this) is the last step of
// the creation phase (no code in the note). `this` depends on how the
// function is called, not where it is written; arrow functions have no
// `this` of their own and use the enclosing context's.
// Look for: the same function `who` gets a different `this` per call form.
// More: `minijs --trace-context this-binding.js` prints the this binding of
// each new context.
function who() {
  if (this === globalThis) return 'globalThis';
  if (this === undefined) return 'undefined';
  return this.name;
}
function strictWho() {
  'use strict';
  return this === undefined ? 'undefined' : this.name;
}

var obj = { name: 'obj', who: who };
console.log('plain call (sloppy):     ', who());
console.log('plain call (strict):     ', strictWho());
console.log('method call obj.who():   ', obj.who());
console.log('who.call({ name: "c" }): ', who.call({ name: 'c' }));
console.log('bound to { name: "b" }:  ', who.bind({ name: 'b' })());
console.log('new:                     ', typeof new who());

var holder = {
  name: 'holder',
  later: function () {
    var arrow = () => this.name; // takes `this` from `later`'s context
    return arrow();
  },
};
console.log('arrow inside method:     ', holder.later());
