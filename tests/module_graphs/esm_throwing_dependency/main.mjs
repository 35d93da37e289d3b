// an exception in a dependency stops the graph
import './ok.mjs';
import './boom.mjs';
console.log('main never runs');
