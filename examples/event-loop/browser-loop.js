// Note §2, "浏览器的异步实现原理": the browser event loop example. After the
// synchronous code, all microtasks run; then ONE macrotask (timer) runs,
// followed by all microtasks it queued, then the next macrotask.
// Look for: 1 4 7 (synchronous), 5 (microtask), 2 3 (first timer and its
// microtask), 6 (second timer). Node 20 prints the same order.
// More: `minijs --loop=browser browser-loop.js` runs it on the browser
// model (one macrotask queue, one microtask queue); add `--trace-loop` to
// see each task taken from its queue.
console.log(1); //同步代码
//第一个宏任务
setTimeout(() => {
console.log(2);
Promise.resolve().then(() => {
    console.log(3) //第二个微任务
});
});

new Promise((resolve, reject) => {
console.log(4) //同步代码
resolve(5)
}).then((data) => {
console.log(data); //第一个微任务
})
//第二个宏 任务
setTimeout(() => {
console.log(6);
})

console.log(7); // 同步代码
