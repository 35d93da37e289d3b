// The classic hello-world server; prints `listening <port>` once it is.
const http = require('http');
const port = Number(process.argv[2] || 8000);
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello World\n');
});
server.listen(port, '127.0.0.1', () => console.log('listening', server.address().port));
