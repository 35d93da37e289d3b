// events.once and events.on
const { once, on, EventEmitter } = require('events');
const e = new EventEmitter();
(async () => {
  process.nextTick(() => e.emit('ready', 1, 2));
  console.log('once resolved', await once(e, 'ready'));
  process.nextTick(() => e.emit('error', new Error('bad')));
  try { await once(e, 'never'); } catch (err) { console.log('once rejected', err.message); }
  console.log('listeners left', e.listenerCount('never'), e.listenerCount('error'));
  setTimeout(() => { e.emit('tick', 'a'); e.emit('tick', 'b'); e.emit('tick', 'stop'); }, 1);
  for await (const [v] of on(e, 'tick')) { console.log('tick', v); if (v === 'stop') break; }
  console.log('after loop', e.listenerCount('tick'));
})();
