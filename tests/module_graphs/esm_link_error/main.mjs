// a missing export is a SyntaxError before anything runs
import './first.mjs';
import { nope } from './lib.mjs';
console.log('never printed', nope);
