//! Helpers shared by the lexer tests.
#![allow(dead_code)]

use std::rc::Rc;

use lexer::{Context, FunctionContext, LexError, Lexer, TemplatePart, Tok};

/// All tokens of `src` as a script; panics on a lexical error.
pub fn toks(src: &str) -> Vec<Tok> {
    toks_in(src, Rc::new(Context::default()))
}

pub fn toks_in(src: &str, ctx: Rc<Context>) -> Vec<Tok> {
    Lexer::new(src, ctx)
        .map(|r| match r {
            Ok((_, t, _)) => t,
            Err(e) => panic!("lex error in {src:?}: {e:?}"),
        })
        .collect()
}

/// Tokens with their spans.
pub fn spanned(src: &str) -> Vec<(usize, Tok, usize)> {
    Lexer::new(src, Rc::new(Context::default()))
        .map(|r| r.unwrap_or_else(|e| panic!("lex error in {src:?}: {e:?}")))
        .collect()
}

/// The first lexical error of `src`; panics if there is none.
pub fn err(src: &str) -> LexError {
    err_in(src, Rc::new(Context::default()))
}

pub fn err_in(src: &str, ctx: Rc<Context>) -> LexError {
    for r in Lexer::new(src, ctx) {
        if let Err(e) = r {
            return e;
        }
    }
    panic!("expected a lex error in {src:?}")
}

/// A context whose function stack holds one function.
pub fn in_function(generator: bool, is_async: bool) -> Rc<Context> {
    let ctx = Context::default();
    ctx.functions.borrow_mut().push(FunctionContext {
        generator,
        is_async,
    });
    Rc::new(ctx)
}

pub fn module() -> Rc<Context> {
    Rc::new(Context {
        module: true,
        ..Context::default()
    })
}

pub fn u16s(s: &str) -> Rc<[u16]> {
    s.encode_utf16().collect()
}

pub fn id(s: &str) -> Tok {
    Tok::Ident(s.into())
}

pub fn string(s: &str) -> Tok {
    Tok::Str(u16s(s))
}

pub fn num(v: f64) -> Tok {
    Tok::Num(v)
}

/// The value of the single string literal `src`.
pub fn str_value(src: &str) -> Rc<[u16]> {
    match toks(src).as_slice() {
        [Tok::Str(s)] => s.clone(),
        other => panic!("expected one string for {src:?}, got {other:?}"),
    }
}

/// The value of the single number literal `src`.
pub fn num_value(src: &str) -> f64 {
    match toks(src).as_slice() {
        [Tok::Num(v)] => *v,
        other => panic!("expected one number for {src:?}, got {other:?}"),
    }
}

/// A template part with equal cooked and raw values.
pub fn part(s: &str) -> TemplatePart {
    TemplatePart {
        cooked: Some(u16s(s)),
        raw: u16s(s),
    }
}

pub fn regex(body: &str, flags: &str) -> Tok {
    Tok::Regex(body.into(), flags.into())
}
