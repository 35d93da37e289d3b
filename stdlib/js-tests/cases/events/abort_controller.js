// AbortController, AbortSignal (abort, timeout, onabort order), EventTarget and Event
const ac = new AbortController();
console.log(ac.signal.aborted, typeof EventTarget, typeof Event);
ac.signal.addEventListener('abort', (e) => console.log('abort event', e.type, e.target === ac.signal));
ac.signal.onabort = () => console.log('onabort');
ac.abort();
console.log(ac.signal.aborted, ac.signal.reason.name, ac.signal.reason.code, ac.signal.reason instanceof Error);
console.log(ac.signal);
const t = new EventTarget();
const l = (e) => console.log('got', e.type);
t.addEventListener('x', l); t.addEventListener('x', l); t.addEventListener('y', { handleEvent(e) { console.log('obj', e.type) } }, { once: true });
console.log(t.dispatchEvent(new Event('x')), t.dispatchEvent(new Event('y')), t.dispatchEvent(new Event('y')));
const ev = new Event('c', { cancelable: true });
t.addEventListener('c', (e) => e.preventDefault());
console.log(t.dispatchEvent(ev), ev.defaultPrevented);
try { AbortSignal.abort('why').throwIfAborted() } catch (e) { console.log('thrown', e) }
const s = AbortSignal.timeout(5);
s.addEventListener('abort', () => console.log('timeout', s.reason.name));
const { setTimeout: sleep } = require('timers/promises');
const c2 = new AbortController();
sleep(1000, 'x', { signal: c2.signal }).catch((e) => console.log(e.name, e.code));
c2.abort();
try { new AbortSignal() } catch (e) { console.log(e.message) }
