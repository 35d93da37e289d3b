import * as b from './b.mjs'; export let a = 1; export function f() {} export class C {}
