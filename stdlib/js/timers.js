'use strict';
// timers: the global timer functions, plus timers/promises as `promises`.

module.exports = {
  setTimeout: (...args) => setTimeout(...args),
  clearTimeout: (handle) => clearTimeout(handle),
  setInterval: (...args) => setInterval(...args),
  clearInterval: (handle) => clearInterval(handle),
  setImmediate: (...args) => setImmediate(...args),
  clearImmediate: (handle) => clearImmediate(handle),
};

Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  get() {
    return require('./timers_promises.js');
  },
});
