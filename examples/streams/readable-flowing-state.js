// Note §3, "readable可读流": the three values of
// readable._readableState.flowing (no code in the note). The public getter
// `readable.readableFlowing` reads the same field.
//   null  - no consumer yet, nothing is read from the source
//   true  - flowing: a 'data' listener, pipe() or resume()
//   false - paused by pause() or unpipe(); data still buffers
// Look for: null, then true after on('data'), false after pause(), true
// after resume(); chunks arrive only while flowing.
// More: `minijs --trace-loop readable-flowing-state.js` shows the ticks in
// which the stream reads and emits.
const { Readable } = require('stream');

const readable = Readable.from(['a', 'b', 'c']);
console.log('new stream:        flowing =', readable._readableState.flowing);

readable.on('data', (chunk) => {
  console.log('data:', chunk);
  if (chunk === 'a') {
    readable.pause();
    console.log('after pause():     flowing =', readable.readableFlowing);
    setTimeout(() => {
      readable.resume();
      console.log('after resume():    flowing =', readable.readableFlowing);
    }, 10);
  }
});
console.log("after on('data'):  flowing =", readable.readableFlowing);
readable.on('end', () => console.log('end'));
