// Note §2, "nodeJS中的libuv异步实现原理": the Node event loop example with
// process.nextTick, promises and two timers.
// The note describes Node before v11: the timers phase runs ALL due timers
// and only then the microtasks. Since Node 11 (and in Node 20, which made
// the .expected file) microtasks run after EACH timer callback, as in the
// browser, so the order differs from the note's description.
// Look for: 1 7 (sync), 6 (nextTick before promise), 8 (promise), then each
// timer followed by its own nextTick and promise callbacks.
// More: `minijs --loop=node10 node-loop.js` prints the pre-Node-11 order the
// note describes (2 4 9 11 before 3 5 10 12); `--trace-loop` shows phases.
console.log('1'); //同步代码
//timer阶段的宏任务1
setTimeout(function() {
    console.log('2');
    process.nextTick(function() {
        console.log('3');
    })
    new Promise(function(resolve) {
        console.log('4');
        resolve();
    }).then(function() {
        console.log('5')
    })
})
//微任务Promise
new Promise(function(resolve) {
    console.log('7');
    resolve();
}).then(function() {
    console.log('8')
})
//微任务nextTick
process.nextTick(function() {
console.log('6');
})
//timer阶段的宏任务2
setTimeout(function() {
    console.log('9');
    process.nextTick(function() {
        console.log('10');
    })
    new Promise(function(resolve) {
        console.log('11');
        resolve();
    }).then(function() {
        console.log('12')
    })
})
