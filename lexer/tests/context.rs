//! The context the wrapper tracks: regex vs division, blocks vs objects,
//! restricted productions and contextual keywords.

mod common;

use common::*;
use lexer::Tok::{self, *};
use lexer::{Context, FunctionContext, Lexer};
use std::rc::Rc;

fn has_regex(src: &str) -> bool {
    toks(src).iter().any(|t| matches!(t, Regex(..)))
}

#[test]
fn division_after_values() {
    assert_eq!(
        toks("a / b / c"),
        vec![id("a"), Slash, id("b"), Slash, id("c")]
    );
    assert_eq!(
        toks("(a) / 2"),
        vec![LParen, id("a"), RParen, Slash, num(2.0)]
    );
    assert_eq!(toks("a++ / 2"), vec![id("a"), PlusPlus, Slash, num(2.0)]);
    assert_eq!(toks("a-- / 2"), vec![id("a"), MinusMinus, Slash, num(2.0)]);
    assert_eq!(toks("a[0] / 2")[4], Slash);
    assert_eq!(toks("f() / 2")[3], Slash);
    assert_eq!(toks("1 / 2")[1], Slash);
    assert_eq!(toks("'s' / 2")[1], Slash);
    assert_eq!(toks("`t` / 2")[1], Slash);
    assert_eq!(toks("/re/ / 2")[1], Slash);
    for kw in ["this", "super", "null", "true", "false"] {
        assert_eq!(toks(&format!("{kw} / 2"))[1], Slash, "{kw}");
    }
    assert_eq!(toks("x.if / 2")[3], Slash);
    assert_eq!(toks("a /= 2")[1], SlashEq);
    assert_eq!(toks("#x / 2")[1], Slash);
    assert_eq!(toks("get / 2")[1], Slash);
}

#[test]
fn regex_after_operators_and_keywords() {
    assert_eq!(toks("x = /re/g"), vec![id("x"), Eq, regex("re", "g")]);
    assert_eq!(toks("/re/"), vec![regex("re", "")]);
    assert_eq!(toks("return /re/"), vec![Return, regex("re", "")]);
    assert_eq!(toks("typeof /re/"), vec![Typeof, regex("re", "")]);
    for prefix in [
        "(",
        ",",
        "[",
        "!",
        "&&",
        "? a :",
        "case",
        "do",
        "else",
        "in",
        "delete",
        "void",
        "new",
        "throw",
        "=>",
        "{",
        ";",
        "+",
        "==",
        "instanceof",
        "export default",
    ] {
        assert!(has_regex(&format!("{prefix} /re/")), "after {prefix}");
    }
    assert_eq!(toks("x = /=/"), vec![id("x"), Eq, regex("=", "")]);
}

#[test]
fn parenthesis_closing_a_control_head_allows_regex() {
    assert_eq!(
        toks("if (x) /re/.test(y)"),
        vec![
            If,
            LParen,
            id("x"),
            RParen,
            regex("re", ""),
            Dot,
            id("test"),
            LParen,
            id("y"),
            RParen
        ]
    );
    assert!(has_regex("while (f(x)) /re/"));
    assert!(has_regex("for (;;) /re/"));
    assert!(has_regex("with (o) /re/"));
    assert!(has_regex("do {} while (x) /re/"));
    assert!(has_regex("for await (x of y) /re/"));
    assert!(!has_regex("if (x) a / b / c"));
    assert!(!has_regex("f(x) / a / b"));
    assert!(!has_regex("if ((a) / b / c) d"));
}

#[test]
fn brace_closing_a_block_allows_regex() {
    assert!(has_regex("{} /re/"));
    assert!(has_regex("if (a) {}\n/re/.test(s)"));
    assert!(has_regex("function f() {}\n/re/g"));
    assert!(has_regex("class A {}\n/re/g"));
    assert!(has_regex("async function f() {}\n/re/g"));
    assert!(has_regex("export function f() {}\n/re/g"));
    assert!(has_regex("try {} catch (e) {} finally {}\n/re/"));
    assert!(has_regex("label: {}\n/re/"));
    assert!(has_regex("switch (x) { case 1: {} }\n/re/"));
    assert!(has_regex("f = () => {}\n/re/"));
    assert!(has_regex("a\n{}\n/re/"));
}

#[test]
fn brace_closing_an_object_or_expression_body_divides() {
    assert_eq!(
        toks("x = {} / 2"),
        vec![id("x"), Eq, LBrace, RBrace, Slash, num(2.0)]
    );
    assert!(!has_regex("x = function(){}\n/re/g"));
    assert!(!has_regex("x = class {}\n/re/g"));
    assert!(!has_regex("x = class extends B { m() {} }\n/re/g"));
    assert!(!has_regex("(function(a = {}) {}) / 2 / 3"));
    assert!(!has_regex("x = a ? {} : {} / 2 / 3"));
    assert!(!has_regex("x = { a: {} / 2 / 3 }"));
    assert!(!has_regex("{ x = { a: 1 } / 2 / 3 }"));
    assert!(!has_regex("f({}) / 2 / 3"));
    assert!(!has_regex("x = [{}] / 2 / 3"));
    assert!(!has_regex("return {} / 2 / 3"));
    assert!(!has_regex("let {a} = b / 2 / 3"));
    assert!(!has_regex("`${ {} / 2 / 3 }`"));
    assert!(!has_regex("x = async function () {} / 2 / 3"));
    assert!(!has_regex("x = function f(a = function(){}) {} / 2 / 3"));
    assert!(!has_regex("x = class extends f(class {}) {} / 2 / 3"));
}

#[test]
fn method_bodies_and_nested_functions() {
    // Statements inside an expression body still see blocks.
    assert!(has_regex("x = function () { if (a) {} /re/ }"));
    assert!(has_regex("x = { m() { {} /re/ } }"));
    assert!(has_regex("class A { m() { {} /re/ } static { {} /re/ } }"));
    assert!(has_regex("x = y => { {} /re/ }"));
    // Statements in the body of a function expression.
    assert!(has_regex("x = function () { a; {} /re/ }"));
    assert!(has_regex("f(function () { a; function g() {} /re/ })"));
    assert!(has_regex("f(function () { l: {} /re/ })"));
    assert!(has_regex("x = class { m() { a; {} /re/ } }"));
    assert!(!has_regex(
        "f(function () { a; x = function () {} / 2 / 3 })"
    ));
    // Keywords as property and method names.
    assert!(!has_regex("x = { function: 1, y: { a: {} / 2 / 3 } }"));
    assert!(!has_regex("x = { class: 1, y: { a: {} / 2 / 3 } }"));
    assert!(has_regex("x = class { function() { a; {} /re/ } }"));
    assert!(has_regex("x = { if(a) { {} /re/ } }"));
}

#[test]
fn arrow_body_brace() {
    assert_eq!(toks("x => {}"), vec![id("x"), Arrow, ArrowLBrace, RBrace]);
    assert_eq!(
        toks("(a) => ({})"),
        vec![
            LParen,
            id("a"),
            RParen,
            Arrow,
            LParen,
            LBrace,
            RBrace,
            RParen
        ]
    );
    assert_eq!(toks("async () => {}")[4], ArrowLBrace);
}

#[test]
fn of_in_for_heads() {
    assert!(has_regex("for (x of /re/g.exec(s)) ;"));
    assert!(has_regex("for (const [a] of /re/) ;"));
    assert!(!has_regex("of / 2 / 3"));
    assert!(!has_regex("for (;of / 2 / 3;) ;"));
}

#[test]
fn newline_before_increment_makes_it_prefix() {
    assert_eq!(toks("a\n++b"), vec![id("a"), PlusPlusPrefix, id("b")]);
    assert_eq!(toks("a\n--b"), vec![id("a"), MinusMinusPrefix, id("b")]);
    assert_eq!(toks("a /*\n*/ ++b"), vec![id("a"), PlusPlusPrefix, id("b")]);
    assert_eq!(toks("a\u{2028}++b"), vec![id("a"), PlusPlusPrefix, id("b")]);
    assert_eq!(toks("a++\nb"), vec![id("a"), PlusPlus, id("b")]);
    assert_eq!(toks("a /* */ ++"), vec![id("a"), PlusPlus]);
}

#[test]
fn newline_before_arrow() {
    assert_eq!(toks("a\n=> b"), vec![id("a"), ArrowAfterNewline, id("b")]);
    assert_eq!(toks("a => b"), vec![id("a"), Arrow, id("b")]);
}

#[test]
fn return_break_continue_before_newline_get_a_semicolon() {
    assert_eq!(
        spanned("return\nx"),
        vec![(0, Return, 6), (6, Semi, 6), (7, id("x"), 8)]
    );
    assert_eq!(toks("break\nx"), vec![Break, Semi, id("x")]);
    assert_eq!(toks("continue // c\nx"), vec![Continue, Semi, id("x")]);
    assert_eq!(spanned("return /*\n*/ x")[1], (9, Semi, 9));
    assert_eq!(toks("return\n;"), vec![Return, Semi]);
    assert_eq!(toks("return x\n"), vec![Return, id("x")]);
    assert_eq!(toks("break foo;"), vec![Break, id("foo"), Semi]);
    assert_eq!(toks("return\n"), vec![Return, Semi]);
    assert_eq!(toks("return"), vec![Return]);
    // After the inserted `;` a statement starts: regex, prefix ++.
    assert_eq!(toks("return\n/re/"), vec![Return, Semi, regex("re", "")]);
    assert_eq!(
        toks("return\n++a"),
        vec![Return, Semi, PlusPlusPrefix, id("a")]
    );
    // `}` after `return` on the next line.
    assert_eq!(toks("{return\n}"), vec![LBrace, Return, Semi, RBrace]);
}

#[test]
fn throw_before_newline() {
    assert_eq!(toks("throw\nx"), vec![ThrowNewline, id("x")]);
    assert_eq!(toks("throw /*\n*/ x"), vec![ThrowNewline, id("x")]);
    assert_eq!(toks("throw x"), vec![Throw, id("x")]);
    assert_eq!(toks("throw /re/"), vec![Throw, regex("re", "")]);
}

#[test]
fn let_decisions() {
    assert_eq!(toks("let x"), vec![Let, id("x")]);
    assert_eq!(
        toks("let [a] = b"),
        vec![Let, LBracket, id("a"), RBracket, Eq, id("b")]
    );
    assert_eq!(toks("let {a} = b")[0], Let);
    assert_eq!(toks("let\nx")[0], Let);
    assert_eq!(toks("let /* c */ yield")[0], Let);
    assert_eq!(toks("let \\u0061")[0], Let);
    assert_eq!(toks("let é")[0], Let);
    assert_eq!(toks("let await")[0], Let);
    assert_eq!(toks("let in x"), vec![id("let"), In, id("x")]);
    assert_eq!(toks("let instanceof x")[0], id("let"));
    assert_eq!(toks("let inner")[0], Let);
    assert_eq!(toks("let iné")[0], Let);
    assert_eq!(toks("let = 1"), vec![id("let"), Eq, num(1.0)]);
    assert_eq!(toks("let;"), vec![id("let"), Semi]);
    assert_eq!(toks("let(1)")[0], id("let"));
    assert_eq!(toks("let"), vec![id("let")]);
    assert_eq!(toks("let / 2"), vec![id("let"), Slash, num(2.0)]);
    assert_eq!(toks("a.let x")[2], id("let"));
}

#[test]
fn async_decisions() {
    assert_eq!(toks("async function f(){}")[0], Async);
    assert_eq!(toks("async x => x")[0], Async);
    assert_eq!(toks("async (x) => x")[0], Async);
    assert_eq!(toks("async(x)")[0], Async);
    for rest in [
        "[a]",
        "*g(){}",
        "'s'(){}",
        "\"s\"(){}",
        "1(){}",
        "#p(){}",
        "\\u0061",
        "é",
    ] {
        assert_eq!(toks(&format!("async {rest}"))[0], Async, "async {rest}");
    }
    assert_eq!(toks("async\nfunction f(){}")[0], id("async"));
    assert_eq!(toks("async /*\n*/ function f(){}")[0], id("async"));
    assert_eq!(toks("async = 1")[0], id("async"));
    assert_eq!(toks("async;")[0], id("async"));
    assert_eq!(toks("async => 1")[0], id("async"));
    assert_eq!(toks("async.x")[0], id("async"));
    assert_eq!(toks("async")[0], id("async"));
    assert_eq!(toks("{ async: 1 }")[1], id("async"));
    assert_eq!(toks("a.async(x)")[2], id("async"));
}

#[test]
fn yield_depends_on_generator_context() {
    assert_eq!(toks("yield x"), vec![id("yield"), id("x")]);
    assert_eq!(
        toks_in("yield x", in_function(false, false)),
        vec![id("yield"), id("x")]
    );
    assert_eq!(
        toks_in("yield x", in_function(true, false)),
        vec![Yield, id("x")]
    );
    assert_eq!(
        toks_in("yield\nx", in_function(true, false)),
        vec![YieldNoArg, id("x")]
    );
    assert_eq!(
        toks_in("yield /*\n*/ x", in_function(true, true)),
        vec![YieldNoArg, id("x")]
    );
    assert_eq!(
        toks_in("yield /re/", in_function(true, false)),
        vec![Yield, regex("re", "")]
    );
    assert_eq!(
        toks("yield / 2 / 3"),
        vec![id("yield"), Slash, num(2.0), Slash, num(3.0)]
    );
    assert_eq!(toks_in("yield", module()), vec![id("yield")]);
    assert_eq!(toks_in("a.yield", in_function(true, false))[2], id("yield"));
}

#[test]
fn await_depends_on_async_context_and_module() {
    assert_eq!(toks("await x"), vec![id("await"), id("x")]);
    assert_eq!(toks_in("await x", module()), vec![Await, id("x")]);
    assert_eq!(
        toks_in("await x", in_function(false, true)),
        vec![Await, id("x")]
    );
    assert_eq!(
        toks_in("await x", in_function(true, false)),
        vec![id("await"), id("x")]
    );
    let ctx = module();
    ctx.functions.borrow_mut().push(FunctionContext {
        generator: false,
        is_async: false,
    });
    assert_eq!(toks_in("await", ctx), vec![id("await")]);
    assert_eq!(
        toks_in("await /re/", in_function(false, true)),
        vec![Await, regex("re", "")]
    );
}

#[test]
fn context_is_read_when_each_token_is_produced() {
    let ctx = Rc::new(Context::default());
    let mut lexer = Lexer::new("yield await yield await", ctx.clone());
    let mut next = || lexer.next().and_then(|r| r.map(|(_, t, _)| t).ok());
    assert_eq!(next(), Some(id("yield")));
    ctx.functions.borrow_mut().push(FunctionContext {
        generator: true,
        is_async: true,
    });
    assert_eq!(next(), Some(Await));
    assert_eq!(next(), Some(Yield));
    ctx.functions.borrow_mut().pop();
    assert_eq!(next(), Some(id("await")));
    assert_eq!(next(), None);
}

#[test]
fn realistic_snippet() {
    let src = "const re = /ab+c/gi, half = total / 2;\n\
               function f(x) { return x ? /y/.test(x) : a / b }\n\
               for (const k of list) if (k) /z/.exec(k)\n";
    let t = toks(src);
    let regexes: Vec<&Tok> = t.iter().filter(|t| matches!(t, Regex(..))).collect();
    assert_eq!(
        regexes,
        vec![&regex("ab+c", "gi"), &regex("y", ""), &regex("z", "")]
    );
    assert_eq!(t.iter().filter(|t| **t == Slash).count(), 2);
}

#[test]
fn let_only_starts_declarations_where_statements_start() {
    assert_eq!(toks("var let = 1")[1], id("let"));
    assert_eq!(toks("for (var let of x) ;")[3], id("let"));
    assert_eq!(toks("x = let[0]")[2], id("let"));
    assert_eq!(toks("f(let, y)")[2], id("let"));
    assert_eq!(toks("for (let x of y) ;")[2], Let);
    assert_eq!(toks("for (let [a] of y) ;")[2], Let);
    assert_eq!(toks("for await (let x of y) ;")[3], Let);
    assert_eq!(toks("{ let x }")[1], Let);
    assert_eq!(toks("a\nlet x")[1], Let);
    assert_eq!(toks("switch (a) { case 1: let\nx }")[8], Let);
    assert_eq!(toks("switch (a) { default: let\nx }")[7], Let);
    assert_eq!(toks("export let x")[1], Let);
}

#[test]
fn let_before_a_line_break_in_a_single_statement_position_is_a_name() {
    assert_eq!(toks("if (false) let // ASI\n{}")[4], id("let"));
    assert_eq!(toks("if (false) let\nx = 1")[4], id("let"));
    assert_eq!(toks("while (false) let\n{}")[4], id("let"));
    assert_eq!(toks("for (;;) let\nx")[5], id("let"));
    assert_eq!(toks("if (a) b; else let\nx")[7], id("let"));
    assert_eq!(toks("do let\nx; while (0)")[1], id("let"));
    assert_eq!(toks("L: let\nx")[2], id("let"));
    // Same line: a (misplaced) declaration, reported by the parser.
    assert_eq!(toks("if (false) let x")[4], Let);
    // `let [` can never start an expression statement.
    assert_eq!(toks("if (false) let\n[a] = b")[4], Let);
    // A case label is not a single-statement position.
    assert_eq!(toks("switch (a) { case b ? c : d: let\nx }")[12], Let);
    // A conditional's `:` is not a label.
    assert_eq!(toks("a ? b : let")[4], id("let"));
}

#[test]
fn async_of_in_for_await_heads() {
    assert_eq!(toks("for await (async of x) ;")[3], id("async"));
    assert_eq!(toks("for (async of => {};;) ;")[2], Async);
    assert_eq!(toks("async of => 1")[0], Async);
    assert_eq!(toks("async offset => 1")[0], Async);
}

#[test]
fn yield_in_function_expression_names_and_parameters() {
    let generator = || in_function(true, false);
    // The name of a function expression belongs to the function.
    assert_eq!(
        toks_in("(function yield() {})", generator())[2],
        id("yield")
    );
    assert_eq!(toks_in("(function* yield() {})", generator())[3], Yield);
    // A declaration's name belongs to the enclosing function.
    assert_eq!(toks_in("function yield() {}", generator())[1], Yield);
    // Parameters belong to the function being declared.
    let t = toks_in("function f(x = yield, [y = yield]) {}", generator());
    assert_eq!(t.iter().filter(|t| **t == id("yield")).count(), 2);
    let t = toks_in("function* f(x = yield) {}", Rc::new(Context::default()));
    assert!(t.contains(&Yield));
    let t = toks_in("x = function (a = g(yield)) {}", generator());
    assert!(t.contains(&id("yield")));
    // Functions nested in parameters: the parser's context decides again.
    let ctx = generator();
    let mut lexer = Lexer::new("function f(a = function* () { yield }) {}", ctx.clone());
    let mut seen = vec![];
    while let Some(Ok((_, tok, _))) = lexer.next() {
        if tok == RParen && seen.contains(&Star) && !seen.contains(&LBrace) {
            // The parser enters the generator at its `{`.
            ctx.functions.borrow_mut().push(FunctionContext {
                generator: true,
                is_async: false,
            });
        }
        seen.push(tok);
    }
    assert!(seen.contains(&Yield));
}

#[test]
fn await_in_function_expression_names_and_parameters() {
    let in_async = || in_function(false, true);
    assert_eq!(toks_in("(function await() {})", in_async())[2], id("await"));
    assert_eq!(
        toks_in("(async function await() {})", Rc::new(Context::default()))[3],
        Await
    );
    assert!(toks_in("function f(a = await) {}", in_async()).contains(&id("await")));
    assert!(toks_in(
        "async function f(a = await x) {}",
        Rc::new(Context::default())
    )
    .contains(&Await));
}

#[test]
fn yield_is_never_a_keyword_in_arrow_bodies() {
    let generator = || in_function(true, false);
    assert_eq!(toks_in("() => yield", generator())[3], id("yield"));
    assert!(toks_in("() => { return yield }", generator()).contains(&id("yield")));
    assert!(toks_in("() => { if (a) { yield } }", generator()).contains(&id("yield")));
    // ... but it is in generators nested in them, which the parser enters.
    let ctx = generator();
    let mut lexer = Lexer::new("() => { ({ *g() { yield 1 } }) }", ctx.clone());
    let mut seen = vec![];
    while let Some(Ok((_, tok, _))) = lexer.next() {
        if tok == RParen && seen.contains(&Star) {
            ctx.functions.borrow_mut().push(FunctionContext {
                generator: true,
                is_async: false,
            });
        }
        seen.push(tok);
    }
    assert!(seen.contains(&Yield));
    // Outside arrow bodies the context decides again.
    assert_eq!(toks_in("() => {}; yield", generator())[6], Yield);
    assert_eq!(toks_in("(() => 1, yield)", generator())[6], Yield);
}
