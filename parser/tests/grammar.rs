//! Golden tests of the grammar: each source is parsed and its AST printed
//! as an S-expression (see `parser::sexpr`). They cover automatic
//! semicolon insertion, regex vs division, arrows, templates, optional
//! chains, destructuring and contextual keywords.

fn ast(src: &str) -> String {
    match parser::parse_script(src) {
        Ok(p) => parser::sexpr::program(&p),
        Err(e) => panic!("{src:?} failed: {}", e.render("t.js", src)),
    }
}

const GOLDEN: &[(&str, &str)] = &[
    ("const [...a] = b", "(const (= [ ...a] b))"),
    ("function f([...x], [, ...y]) {}", "(function f ([ ...x] [_ ...y]))"),
    ("a\n++b", "(expr a) (expr (++ b))"),
    ("a\n--b", "(expr a) (expr (-- b))"),
    ("a++\nb", "(expr (post++ a)) (expr b)"),
    ("function f(){ l: while(1) { continue\nl } }", "(function f () (label l (while 1 (block (continue) (expr l)))))"),
    ("x\n(y)", "(expr (call x y))"),
    ("x\n[0]", "(expr (. x [0]))"),
    ("x\n`t`", "(expr (tag x `t`))"),
    ("a = b\n/hi/g.exec(c)", "(expr (= a (/ (/ b hi) (call (. g exec) c))))"),
    ("{ 1\n2 } 3", "(block (expr 1) (expr 2)) (expr 3)"),
    ("if (a) b\nelse c", "(if a (expr b) (expr c))"),
    ("do x\nwhile (y) z", "(do (expr x) y) (expr z)"),
    ("var a = 1\nvar b = 2", "(var (= a 1)) (var (= b 2))"),
    ("let x = 1\nlet y\n= 2", "(let (= x 1)) (let (= y 2))"),
    ("(a, [b, c], {d}) => 0", "(expr (=> (a [b c] {d}) 0))"),
    ("(a = 1, {b: [c] = []}, ...d) => a", "(expr (=> ((= a 1) {b:(= [c] [])} ...d) a))"),
    ("() => {}", "(expr (=> ()))"),
    ("async () => {}", "(expr (async => ()))"),
    ("async\nfunction f(){}", "(expr async) (function f ())"),
    ("a = async\n(x)", "(expr (= a (call async x)))"),
    ("x = y => ({a: 1})", "(expr (= x (=> x (y) (paren {a:1}))))"),
    ("tag`a${b}c`", "(expr (tag tag `a${b}c`))"),
    ("`a${`b${c}d`}e`", "(expr `a${`b${c}d`}e`)"),
    ("`${ {a: 1}.a }`", "(expr `${(. {a:1} a)}`)"),
    ("a?.b?.[c]?.(d)", "(expr (chain (?.call (chain (?. (chain (?. a b)) [c])) d)))"),
    ("a?.b.c(d)", "(expr (chain (call (. (?. a b) c) d)))"),
    ("new a.b.c()", "(expr (new (. (. a b) c)))"),
    ("new new X()()", "(expr (new (new X)))"),
    ("new X", "(expr (new X))"),
    ("a ?? b", "(expr (?? a b))"),
    ("a ** -b", "(expr (** a (- b)))"),
    ("(-a) ** b", "(expr (** (paren (- a)) b))"),
    ("a = b = c", "(expr (= a (= b c)))"),
    ("a += b -= c", "(expr (+= a (-= b c)))"),
    ("a ||= b &&= c ??= d", "(expr (||= a (&&= b (??= c d))))"),
    ("x = a ? b : c ? d : e", "(expr (= x (? a b (? c d e))))"),
    ("typeof a === 'undefined' && void 0", "(expr (&& (=== (typeof a) 'undefined') (void 0)))"),
    ("delete a.b, a in b, a instanceof B", "(expr (, (delete (. a b)) (in a b) (instanceof a B)))"),
    ("if (a) function f(){}", "(if a (block (function f ())))"),
    ("/=/g.test(x)", "(expr (call (. /=/g test) x))"),
    ("a / b / c", "(expr (/ (/ a b) c))"),
    ("x = {}/1/g", "(expr (= x (/ (/ {} 1) g)))"),
    ("x = function(){}\n/re/g", "(expr (= x (/ (/ (function ()) re) g)))"),
    ("(function(){})\n/re/g", "(expr (/ (/ (paren (function ())) re) g))"),
    ("i++ / 2", "(expr (/ (post++ i) 2))"),
    ("for (const [k, v] of Object.entries(o)) {}", "(for-of (const [k v]) (call (. Object entries) o) (block))"),
    ("for (let i = 0, n = a.length; i < n; i++) {}", "(for (let (= i 0) (= n (. a length))) (< i n) (post++ i) (block))"),
    ("for (x in o) ;", "(for-in x o (empty))"),
    ("for (var i = 0 in o) ;", "(for-in (var i) o (empty))"),
    ("label: for (;;) { continue label }", "(label label (for _ _ _ (block (continue label))))"),
    ("switch (x) { case 1: case 2: y(); break; default: z() }", "(switch x (case 1) (case 2 (expr (call y)) (break)) (default (expr (call z))))"),
    ("try { a() } catch { b() } finally { c() }", "(try (block (expr (call a))) (catch _ (expr (call b))) (finally (expr (call c))))"),
    ("try { a() } catch ({message}) { }", "(try (block (expr (call a))) (catch {message}))"),
    ("class A { static #x = 1; static { A.#x++ } #m() {} get [k]() {} static async *gen() {} 'str'() {} 42() {} }", "(class A (static field #x 1) (static block static (expr (post++ (. A #x)))) (method #m (function #m ())) (get [k] (function ())) (static method gen (async function* gen ())) (method 'str' (function str ())) (method 42 (function 42 ())))"),
    ("class B extends (A, C) { constructor(...args) { super(...args); new.target } }", "(class B extends (paren (, A C)) (constructor B (...args) (expr (call super ...args)) (expr new.target)))"),
    ("({ a, b: [c, d = 1], ...rest } = obj)", "(expr (paren (= {a b:[c (= d 1)] ...rest} obj)))"),
    ("[a, , b, ...c] = d", "(expr (= [a _ b ...c] d))"),
    ("[[a], {b}] = [[1], {b: 2}]", "(expr (= [[a] {b}] [[1] {b:2}]))"),
    ("var { a: { b }, c = 3 } = x", "(var (= {a:{b} (= c 3)} x))"),
    ("let async = 1; async + 1", "(let (= async 1)) (expr (+ async 1))"),
    ("var let_ = 1; let\nx = 2", "(var (= let_ 1)) (let (= x 2))"),
    ("yield = 1", "(expr (= yield 1))"),
    ("function* g() { const x = yield; yield\n1; yield* other(); }", "(function* g () (const (= x (yield))) (expr (yield)) (expr 1) (expr (yield* (call other))))"),
    ("async function f() { await 1; const g = async x => await x; }", "(async function f () (expr (await 1)) (const (= g (async => (x) (await x)))))"),
    ("#!/usr/bin/env node\nx", "(expr x)"),
    ("a <!-- b", "(expr a)"),
    ("/* multi\nline */ a\n/* c */ b", "(expr a) (expr b)"),
    ("a = b\n(c)", "(expr (= a (call b c)))"),
    ("function f(){ return\nx }", "(function f () (return) (expr x))"),
    ("async function f(){ for await (const x of y) ; }", "(async function f () (for-await-of (const x) y (empty)))"),
    ("obj = { __proto__: null, a, b: 1, [c]: 2, ...d, e() {}, get f() {}, set f(v) {}, async g() {}, *h() {}, async *i() {} }", "(expr (= obj {__proto__:null a:a b:1 [c]:2 ...d e(method e ()) get f(method get f ()) set f(method set f (v)) g(async method g ()) h(method* h ()) i(async method* i ())}))"),
    ("function f(){ b: while(1) { break\nb } }", "(function f () (label b (while 1 (block (break) (expr b)))))"),
    ("async function m(){ function h(){}\nawait x }", "(async function m () (function h ()) (expr (await x)))"),
    ("function* g(){ function f(){}\nyield 1 }", "(function* g () (function f ()) (expr (yield 1)))"),
    ("x => x\n(y)", "(expr (=> (x) (call x y)))"),
    ("a\n?.5:1", "(expr (? a 0.5 1))"),
    ("a?.5:1", "(expr (? a 0.5 1))"),
    ("let\n[a] = b", "(let (= [a] b))"),
    ("var \\u0061b = 1", "(var (= ab 1))"),
    ("'\\u{1F600}'.length", "(expr (. '😀' length))"),
];

#[test]
fn golden_asts() {
    let mut bad = Vec::new();
    for (src, want) in GOLDEN {
        let got = ast(src);
        if got != *want {
            bad.push(format!("{src:?}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(GOLDEN.len() >= 40);
}

fn error_of(src: &str) -> parser::ParseError {
    match parser::parse_script(src) {
        Ok(p) => panic!("{src:?} parsed: {}", parser::sexpr::program(&p)),
        Err(e) => e,
    }
}

#[test]
fn syntax_errors_in_nodes_words() {
    let cases: &[(&str, &str)] = &[
        ("throw\nx", "Illegal newline after throw"),
        ("a }", "Unexpected token '}'"),
        ("let x = 1; let x = 2;", "Identifier 'x' has already been declared"),
        ("var x; let x;", "Identifier 'x' has already been declared"),
        ("const a;", "Missing initializer in const declaration"),
        ("let let = 1", "let is disallowed as a lexically bound name"),
        ("1 = 2", "Invalid left-hand side in assignment"),
        ("a + b = c", "Invalid left-hand side in assignment"),
        ("break;", "Illegal break statement"),
        ("while (1) { continue x; }", "Undefined label 'x'"),
        ("return 1", "Illegal return statement"),
        ("'use strict'; with (a) b", "Strict mode code may not include a with statement"),
        ("'use strict'; delete x", "Delete of an unqualified identifier in strict mode."),
        ("'use strict'; var eval = 1", "Unexpected eval or arguments in strict mode"),
        ("'use strict'; 010", "Octal literals are not allowed in strict mode."),
        ("function f(a, a) { 'use strict' }", "Duplicate parameter name not allowed in this context"),
        ("({__proto__: 1, __proto__: 2})", "Duplicate __proto__ fields are not allowed in object literals"),
        ("new.target", "new.target expression is not allowed here"),
        ("function f() { super.x }", "'super' keyword unexpected here"),
        ("x = {a = 1}", "Invalid shorthand property initializer"),
        ("a ?? b || c", "Unexpected token '??'"),
        ("-a ** b", "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence"),
        ("var x = y z", "Unexpected identifier 'z'"),
        ("import x from 'y'", "Cannot use import statement outside a module"),
        ("class A { constructor(){} constructor(){} }", "A class may only have one constructor"),
        ("this.#x", "Private field '#x' must be declared in an enclosing class"),
        ("(a)\n=> 1", "Unexpected token '=>'"),
        ("function f(){ return (a}", "Unexpected token '}'"),
        ("x = /(/", "Invalid regular expression: /(/: Unbalanced parenthesis"),
    ];
    for (src, msg) in cases {
        let e = error_of(src);
        assert_eq!(e.message, *msg, "for {src:?}");
    }
}

#[test]
fn diagnostic_shows_file_line_column_and_caret() {
    let src = "let a = 1;\nlet b = ;\n";
    let e = error_of(src);
    assert_eq!(
        e.render("main.js", src),
        "main.js:2:9\nlet b = ;\n        ^\n\nSyntaxError: Unexpected token ';'"
    );
}

#[test]
fn input_that_ends_early_is_marked_incomplete() {
    for src in [
        "function f() {",
        "a +",
        "`abc${",
        "if (x",
        "[1, 2,",
        "'abc",
        "/* comment",
    ] {
        let e = error_of(src);
        assert!(e.incomplete, "{src:?} should be incomplete: {}", e.message);
    }
    for src in ["a }", "let x = ;", "1 = 2"] {
        assert!(!error_of(src).incomplete, "{src:?}");
    }
}

#[test]
fn modules_parse_imports_and_exports() {
    let src = "import a, { b as c } from './m.js'; import * as ns from 'x';\n\
               export const d = 1; export default function () {}\n\
               export { c as e }; export * as f from 'y'; await ns.g();";
    let p = match parser::parse_module(src) {
        Ok(p) => p,
        Err(e) => panic!("{}", e.render("m.mjs", src)),
    };
    assert_eq!(
        parser::sexpr::program(&p),
        "(import './m.js' default=a b=c) (import 'x' *=ns) (export (const (= d 1))) \
         (export default (function default ())) (export {c=e}) (export * as f from 'y') \
         (expr (await (call (. ns g))))"
    );
    assert!(p.strict);
    assert!(parser::parse_module("export { nope }").is_err());
}

#[test]
fn hoisting_information_is_computed() {
    let src = "var a = 1; function b() { var x; let y; function z() {} if (1) { function w() {} } return arguments } let c; const d = 1; class E {}";
    let p = match parser::parse_script(src) {
        Ok(p) => p,
        Err(e) => panic!("{}", e.message),
    };
    let names = |v: &[std::rc::Rc<str>]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&p.scope.var_names), ["a", "b"]);
    let lexical: Vec<String> = p.scope.lexical.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(lexical, ["c", "d", "E"]);
    assert_eq!(p.scope.functions.len(), 1);
    let f = &p.scope.functions[0];
    assert_eq!(names(&f.scope.var_names), ["x", "z", "w"]);
    assert_eq!(names(&f.scope.annex_b_functions), ["w"]);
    assert!(f.uses_arguments);
    assert!(!f.strict);
}

/// Run `f` on a thread with a large stack, as the `minijs` binary does.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new().stack_size(512 << 20).spawn(f);
    match handle.map(|h| h.join()) {
        Ok(Ok(())) => {}
        _ => panic!("the parser thread failed"),
    }
}

#[test]
fn pathological_input_gets_a_diagnostic_not_a_crash() {
    with_big_stack(|| {
        let parens = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        let e = error_of(&parens);
        assert!(
            e.message.contains("Maximum call stack size exceeded"),
            "{}",
            e.message
        );
        let arrays = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(error_of(&arrays)
            .message
            .contains("Maximum call stack size exceeded"));
        let long = format!("x = '{}'", "a".repeat(10 << 20));
        assert!(parser::parse_script(&long).is_ok());
        let unterminated = format!("x = '{}", "a".repeat(10 << 20));
        assert!(parser::parse_script(&unterminated).is_err());
        let unary = format!("x = {}1", "- ".repeat(50_000));
        assert!(parser::parse_script(&unary).is_ok());
        // Deterministic pseudo-random bytes, kept as valid UTF-8.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let bytes: Vec<u8> = (0..200)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed >> 24) as u8
                })
                .collect();
            let src = String::from_utf8_lossy(&bytes).into_owned();
            let _ = parser::parse_script(&src);
            let _ = parser::parse_module(&src);
        }
    });
}
