//! Unit tests of the evaluator through a small DSL:
//! `assert_eval("'hi'.length", "2")` runs a classic script and compares the
//! completion value, shown as `util.inspect` shows it.

use interp::execution_context::Source;
use interp::inspect::{inspect, InspectOptions};
use interp::{Interp, InterpOptions, JsError};

/// Runs `src` as a script on a thread with a large stack; returns the
/// inspected completion value or `throws <error>`.
fn eval(src: &str) -> String {
    let src = src.to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let program = match parser::parse_script(&src) {
                Ok(p) => p,
                Err(e) => return format!("SyntaxError: {}", e.message),
            };
            let mut interp = Interp::new(InterpOptions::default());
            interp.set_stack_size(256 << 20);
            let r = interp
                .run_script(&program, Source::new("test.js", src.as_str()))
                .and_then(|v| interp.run_jobs().map(|_| v));
            match r {
                Ok(v) => inspect(&mut interp, &v, &InspectOptions::default()),
                Err(JsError::Throw(e)) => {
                    let shown = interp::error::error_header(&e)
                        .unwrap_or_else(|| inspect(&mut interp, &e, &InspectOptions::default()));
                    format!("throws {shown}")
                }
                Err(e) => format!("{e:?}"),
            }
        })
        .expect("spawn")
        .join()
        .expect("join")
}

fn assert_eval(src: &str, expected: &str) {
    assert_eq!(eval(src), expected, "evaluating {src:?}");
}

#[test]
fn strings_have_utf16_length() {
    assert_eval("'hi'.length", "2");
    assert_eval("'😀'.length", "2");
    assert_eval("[...'a😀'].length", "2");
}

#[test]
fn numbers_print_like_javascript() {
    assert_eval("0.1 + 0.2", "0.30000000000000004");
    assert_eval("1e21", "1e+21");
    assert_eval("-0", "-0");
    assert_eval("String(-0)", "'0'");
    assert_eval("(25).toString(2)", "'11001'");
}

#[test]
fn hoisting_and_tdz() {
    assert_eval("typeof f; function f() {}", "'function'");
    assert_eval("var r = typeof v; var v = 1; r", "'undefined'");
    assert_eval(
        "x; let x = 1",
        "throws ReferenceError: Cannot access 'x' before initialization",
    );
    assert_eval("typeof notDeclared", "'undefined'");
    assert_eval(
        "notDeclared",
        "throws ReferenceError: notDeclared is not defined",
    );
}

#[test]
fn global_code_creates_global_properties() {
    assert_eval("var g1 = 1; globalThis.g1", "1");
    assert_eval("function g2() {} typeof globalThis.g2", "'function'");
    assert_eval("let g3 = 1; globalThis.g3", "undefined");
    assert_eval("this === globalThis", "true");
}

#[test]
fn closures_capture_per_iteration_bindings() {
    assert_eval(
        "const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); fs.map(f => f())",
        "[ 0, 1, 2 ]",
    );
    assert_eval(
        "const fs = []; for (var i = 0; i < 3; i++) fs.push(() => i); fs.map(f => f())",
        "[ 3, 3, 3 ]",
    );
}

#[test]
fn this_rules() {
    assert_eval("(function () { return this === globalThis })()", "true");
    assert_eval("(function () { 'use strict'; return this })()", "undefined");
    assert_eval("({ m() { return () => this.v }, v: 7 }).m()()", "7");
    assert_eval("(function () { return this.x }).call({ x: 3 })", "3");
    assert_eval(
        "(function (a, b) { return this.x + a + b }).apply({ x: 1 }, [2, 3])",
        "6",
    );
    assert_eval("(function () { return this.x }).bind({ x: 4 })()", "4");
}

#[test]
fn classes() {
    assert_eval(
        "class A { #p = 1; get p() { return this.#p } } new A().p",
        "1",
    );
    assert_eval("class A { static s = 2 } A.s", "2");
    assert_eval(
        "class A {} class B extends A { constructor() { super(); this.b = 1 } } new B()",
        "B { b: 1 }",
    );
    assert_eval(
        "class A { constructor() {} } A()",
        "throws TypeError: Class constructor A cannot be invoked without 'new'",
    );
}

#[test]
fn generators_suspend_and_resume() {
    assert_eval("function* g() { const x = yield 1; yield x * 2 } const it = g(); it.next(); it.next(5).value", "10");
    assert_eval("function* g() { try { yield 1 } finally { globalThis.done = true } } const it = g(); it.next(); it.return(); done", "true");
    assert_eval(
        "[...(function* () { yield* [1, 2]; yield 3 })()]",
        "[ 1, 2, 3 ]",
    );
}

#[test]
fn async_functions_resolve_through_the_job_queue() {
    assert_eval(
        "var log = []; (async () => { await 1; log.push('a') })(); log.push('b'); log",
        "[ 'b', 'a' ]",
    );
    assert_eval("async function f() { return 1 } f()", "Promise { 1 }");
}

#[test]
fn deep_recursion_is_a_range_error() {
    assert_eval(
        "function f() { f() } f()",
        "throws RangeError: Maximum call stack size exceeded",
    );
    assert_eval(
        "let d = 0; function f() { d++; f() } try { f() } catch (e) {} d > 1000",
        "true",
    );
}

#[test]
fn operators_convert_like_the_spec() {
    assert_eval("[1] == 1", "true");
    assert_eval("'b' + 1 + 2", "'b12'");
    assert_eval("({ valueOf() { return 4 } }) * 2", "8");
    assert_eval("-7 % 3", "-1");
    assert_eval("2 ** 32 | 0", "0");
    assert_eval("-1 >>> 28", "15");
    assert_eval("null ?? 'd'", "'d'");
    assert_eval("({ a: { b: null } }).a.b?.c.d", "undefined");
}

#[test]
fn destructuring_and_spread() {
    assert_eval("const { a, ...r } = { a: 1, b: 2 }; r", "{ b: 2 }");
    assert_eval("const [x, , y = 3] = [1, 2]; x + y", "4");
    assert_eval("Math.max(...[1, 5, 2])", "5");
}

#[test]
fn eval_scoping() {
    assert_eval(
        "function f() { var v = 'local'; return eval('v') } f()",
        "'local'",
    );
    assert_eval(
        "var v = 'global'; function f() { var v = 'local'; return (0, eval)('v') } f()",
        "'global'",
    );
    assert_eval("function f() { eval('var w = 1'); return w } f()", "1");
}

/// A member-access site remembers where it found its key (`PropName::hint`)
/// and probes there first: the probe must never answer for another key —
/// sites that see objects of several layouts, deletes that shift positions,
/// a data property redefined as an accessor or read-only, frozen objects,
/// inherited properties shadowed by a write, prototype methods removed.
/// The expected string is what node v20 prints.
#[test]
fn member_site_hints_follow_the_objects() {
    assert_eval(
        r#"const log = [];
function read(o) { return o.x; }
function write(o, v) { o.x = v; return o.x; }
const shapes = [{ x: 1 }, { a: 0, x: 2 }, { a: 0, b: 0, x: 3 }, Object.create({ y: 0, x: 4 }), { a: 0 }];
for (let r = 0; r < 2; r++) for (const o of shapes) log.push(read(o));
const d = { a: 1, b: 2, x: 3 }; read(d); delete d.a; log.push(read(d), write(d, 5), Object.keys(d).join());
delete d.x; log.push(read(d), write(d, 6), Object.keys(d).join());
Object.defineProperty(d, 'x', { get() { return 'getter'; }, set(v) { log.push('set ' + v); }, configurable: true });
log.push(read(d), write(d, 7));
Object.defineProperty(d, 'x', { value: 8, writable: false });
log.push(read(d), write(d, 9));
const f = Object.freeze({ q: 0, x: 1 }); log.push(write(f, 2));
const p = { x: 'proto' }; const c = Object.create(p); log.push(read(c), write(c, 'own'), p.x, Object.keys(c).join());
class A { m() { return 'A'; } n() { return 'n'; } }
class B extends A { m() { return 'B'; } }
const objs = [new A(), new B(), new A()]; for (const o of objs) log.push(o.m(), o.n());
A.prototype.z = 1; delete A.prototype.m; log.push(objs[0].m === undefined, objs[1].m());
log.join('|');"#,
        r#"'1|2|3|4||1|2|3|4||3|5|b,x||6|b,x|set 7|getter|getter|8|8|1|proto|own|proto|x|A|n|B|n|A|n|true|B'"#,
    );
}

/// Shapes and the inline caches at member sites (`storage.rs`, `shape.rs`):
/// one read site over an inherited property whose holder changes (a
/// shadowing write, a delete, getter, read-only redefinition, a swapped
/// prototype), writes into own properties that get frozen or read-only,
/// deletes that drop objects to their parent shape or to dictionary mode,
/// constructor adds whose cached transition must yield to a prototype
/// setter or a read-only inherited property, non-extensible objects,
/// arrays, String objects, arguments, 40-key dictionaries, symbol keys and
/// key order. The expected string is what node v20 prints.
#[test]
fn shapes_and_inline_caches_follow_the_objects() {
    assert_eval(
        r#"const log = [];
function get(o) { return o.m; }
function put(o, v) { o.m = v; }
function make(v) { const o = {}; o.m = v; return o; }
const base = { m: 'base' }; const mid = Object.create(base); const leaf = Object.create(mid);
for (let i = 0; i < 8; i++) {
  if (i === 2) mid.m = 'mid';
  if (i === 3) delete mid.m;
  if (i === 4) Object.defineProperty(base, 'm', { get() { return 'getter'; }, configurable: true });
  if (i === 5) Object.defineProperty(base, 'm', { value: 'plain', writable: false, configurable: true });
  if (i === 6) Object.setPrototypeOf(leaf, { m: 'swapped' });
  if (i === 7) leaf.own = 1;
  log.push(get(leaf));
}
const a = make(1), b = make(2); put(a, 3); Object.freeze(b); put(b, 4); log.push(get(a), get(b));
const c = make(5); Object.defineProperty(c, 'm', { value: 6, writable: false }); put(c, 7); log.push(get(c));
const d = make(8); delete d.m; log.push(get(d)); put(d, 9); log.push(get(d), Object.keys(d).join());
const e = make(10); e.z = 1; delete e.m; put(e, 11); log.push(Object.keys(e).join(), get(e));
function Pt(x) { this.x = x; this.m = x * 2; }
const pts = [];
for (let i = 0; i < 6; i++) {
  if (i === 2) Object.defineProperty(Pt.prototype, 'm', { set(v) { this.fromSetter = v; }, configurable: true });
  if (i === 3) delete Pt.prototype.m;
  if (i === 4) Object.defineProperty(Object.prototype, 'x', { value: 0, writable: false, configurable: true });
  if (i === 5) delete Object.prototype.x;
  pts.push(JSON.stringify(new Pt(i)));
}
log.push(pts.join(' '));
function Np() { this.m = 1; } const np = Object.preventExtensions(new Np()); put(np, 2); np.q = 3; log.push(Object.keys(np).join());
const arr = [1, 2]; const arrs = [arr, Object.assign([3], { m: 'own' })]; for (const x of arrs) log.push(get(x), x.length);
Array.prototype.m = 'arrproto'; log.push(get(arr)); delete Array.prototype.m; log.push(get(arr));
log.push(get(new String('s')), (function () { return get(arguments); })(1));
const big = {}; for (let i = 0; i < 40; i++) big['k' + i] = i; big.m = 'big'; log.push(get(big)); delete big.k3; log.push(get(big), Object.keys(big).length);
const s = Symbol('s'); const sy = { [s]: 1, m: 'sym' }; log.push(get(sy), sy[s]);
const order = {}; order.b = 1; order[2] = 1; order.a = 1; order[s] = 1; order[1] = 1; log.push(Object.getOwnPropertyNames(order).concat(Object.getOwnPropertySymbols(order)).map(String).join());
log.join('|');
"#,
        r#"'base|base|mid|base|getter|plain|swapped|swapped|3|2|6||9|m|z,m|11|{"x":0,"m":0} {"x":1,"m":2} {"x":2,"fromSetter":4} {"x":3,"m":6} {"m":8} {"x":5,"m":10}|m||2|own|1|arrproto||||big|big|40|sym|1|1,2,b,a,Symbol(s)'"#,
    );
}

/// Member sites read and write through their inline cache before making
/// their key, and `o.n++`, `o.n += v` and `o.n ||= v` share one site for
/// the read and the write: the cached paths must still yield to other
/// receivers at the same site (an inherited property, frozen, accessors,
/// a property made read-only, arrays and String objects), to strict-mode
/// failures and to `length` on arrays, strings and their descendants.
/// The expected string is what node v20 prints.
#[test]
fn member_sites_read_and_write_through_their_cache() {
    assert_eval(
        r#"const log = [];
function inc(o) { o.n++; return o.n; }
function add(o) { o.n += 10; return o.n; }
function orAssign(o) { o.n ||= 'set'; return o.n; }
function assign(o, v) { return (o.n = v); }
function read(o) { return o.n; }
const base = { n: 100 }; const child = Object.create(base);
const objs = [{ n: 1 }, { n: 2, extra: 1 }, child, Object.freeze({ n: 5 }), { get n() { return 7; }, set n(v) { log.push('set ' + v); } }];
for (let round = 0; round < 3; round++) {
  for (const o of objs) log.push(inc(o), add(o), orAssign(o));
  if (round === 1) Object.defineProperty(objs[0], 'n', { value: 50, writable: false });
}
log.push(Object.keys(child).join(), base.n, child.n);
const arr = [1, 2]; arr.n = 0; log.push(inc(arr), add(arr), read(arr), arr.length);
const str = new String('ab'); log.push(read(str)); str.n = 3; log.push(inc(str), read(str));
'use strict';
function strictAssign(o, v) { 'use strict'; try { o.n = v; return o.n; } catch (e) { return e.constructor.name; } }
const ro = { n: 1 }; log.push(strictAssign(ro, 2), strictAssign(ro, 3)); Object.freeze(ro); log.push(strictAssign(ro, 4));
function len(o) { return o.length; }
log.push(len([1, 2, 3]), len({ length: 'own' }), len('xyz'), len(Object.create([1])), len(Object.create({ length: 9 })));
const p = { n: 0 }; let k = 'n'; p[k] += 5; p[k]++; log.push(p.n);
log.join(',');
"#,
        r#"'2,12,12,3,13,13,101,111,111,5,5,5,set 8,set 17,7,7,7,13,23,23,14,24,24,112,122,122,5,5,5,set 8,set 17,7,7,7,50,50,50,25,35,35,123,133,133,5,5,5,set 8,set 17,7,7,7,n,100,133,1,11,11,2,,4,4,2,3,TypeError,3,own,3,1,9,6'"#,
    );
}

/// String property keys are interned (keys compare by address): keys built
/// at run time must find properties named in the source and the reverse,
/// across the interner's sweeps of dead keys (thousands of short-lived
/// keys), deletes, non-ASCII and lone-surrogate keys, and JSON.parse.
/// The expected string is what node v20 prints.
#[test]
fn interned_keys_match_by_text() {
    assert_eval(
        r#"const log = [];
const o = { alpha: 1 };
const k = ['al', 'pha'].join('');
log.push(o[k], k in o, Object.keys(o)[0] === k);
o[k + '2'] = 2; log.push(o.alpha2, Object.keys(o).join());
const big = {};
for (let i = 0; i < 3000; i++) big['key' + i] = i;
for (let i = 0; i < 3000; i += 2) delete big['key' + i];
let sum = 0; for (const name in big) sum += big[name];
log.push(Object.keys(big).length, sum, big['key' + 2999], big.key1, big['key' + 2]);
let fresh = {}; for (let i = 0; i < 5000; i++) fresh = { ['tmp' + i]: i };
log.push(Object.keys(fresh)[0], fresh['tmp' + 4999], fresh.tmp4999);
const u = { 'é': 1, '\ud800': 2 }; log.push(u['\u00e9'], u[String.fromCharCode(0xd800)]);
const m = new Map([[k, 1]]); log.push(m.get('alpha'), JSON.stringify(JSON.parse('{"alpha":3,"b":{"alpha":4}}')));
log.join('|');"#,
        r#"'1|true|true|2|alpha,alpha2|1500|2250000|2999|1||tmp4999|4999|4999|1|2|1|{"alpha":3,"b":{"alpha":4}}'"#,
    );
}

/// [[Get]]/[[Set]] take fast paths over plain property storage (the
/// prototype walk without clones, dense array elements, adding a property):
/// setters, getters, read-only and frozen properties, non-extensible
/// objects and arrays with a read-only length on the way must still count.
/// The expected string is what node v20 prints.
#[test]
fn property_fast_paths_keep_set_semantics() {
    assert_eval(
        r#"const log = [];
const proto = { set s(v) { log.push('set ' + v); }, get g() { return this.k; } };
Object.defineProperty(proto, 'ro', { value: 1, writable: false });
const o = Object.create(proto); o.k = 7;
o.s = 5; o.ro = 2; o.n = 3;
log.push(JSON.stringify(Object.keys(o)), o.g, o.ro, 's' in o, 'zz' in o);
const sealed = Object.preventExtensions({ a: 1 }); sealed.b = 2; sealed.a = 9;
log.push(JSON.stringify(sealed));
const fa = Object.freeze([1, 2]); fa[0] = 5; fa[2] = 3;
log.push(fa.join(), fa.length);
const na = [1, 2]; Object.defineProperty(na, 'length', { writable: false }); na[5] = 1; na[0] = 4;
log.push(na.join(), na.length);
Array.prototype[3] = 'p'; const pa = []; pa[3] = 'own'; log.push(pa.length, Object.keys(pa).join());
delete Array.prototype[3];
Object.defineProperty(Array.prototype, 7, { set(v) { log.push('proto set ' + v); }, configurable: true });
const sa = []; sa[7] = 'x'; log.push(sa.length, sa[7] === undefined);
delete Array.prototype[7];
const ea = Object.preventExtensions([0]); ea[0] = 1; ea[1] = 2; log.push(ea.join(), ea.length);
function F() {} F.prototype.m = function () { return 'm'; }; const f = new F(); f.m = 'own'; log.push(f.m, F.prototype.m());
log.join('|');"#,
        r#"'set 5|["k","n"]|7|1|true|false|{"a":9}|1,2|2|4,2|2|4|3|proto set x|0|true|1|1|own|m'"#,
    );
}
