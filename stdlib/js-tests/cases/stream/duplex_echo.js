// a Duplex whose writes come back out of its readable side
const { Duplex } = require('stream');
const echo = new Duplex({
  read() {},
  write(chunk, enc, cb) { this.push(chunk.toString().toUpperCase()); cb(); },
  final(cb) { this.push(null); cb(); },
});
echo.on('data', (d) => console.log('echo', d.toString()));
['finish', 'end', 'close'].forEach((ev) => echo.on(ev, () => console.log(ev)));
echo.write('hi');
echo.write('there');
echo.end();
