//! The minijs parser: a LALRPOP grammar over the `lexer` tokens, producing
//! the spanned AST in [`ast`], with static semantics and early errors.

pub mod ast;
mod build;
pub mod semantics;
pub mod sexpr;

#[allow(clippy::all, unused_parens, unused_imports, dead_code)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/grammar.rs"));
}

use std::rc::Rc;

use lalrpop_util::ParseError as LalrError;
pub use lexer::Span;
use lexer::{Context, LexError, Lexer, Tok};

/// Brackets nested deeper than this are reported instead of risking the
/// stack of the passes that walk the tree recursively.
pub const MAX_NESTING: usize = 3000;

/// The message of the error for source nested deeper than `MAX_NESTING`
/// (V8 reports such source as a RangeError when it compiles it).
pub const TOO_DEEP: &str = "Maximum call stack size exceeded";

/// A syntax error with the span it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
    /// The input ended before the program was complete (an open brace,
    /// an unterminated template, a trailing operator): the REPL reads more.
    pub incomplete: bool,
}

impl ParseError {
    /// The source is nested deeper than `MAX_NESTING`.
    pub fn is_too_deep(&self) -> bool {
        self.message == TOO_DEEP
    }

    /// `file:line:col`, the source line, a caret under the span, then
    /// `SyntaxError: message`, as Node shows it.
    pub fn render(&self, file: &str, source: &str) -> String {
        let (line, col, text) = lexer::line_col(source, self.span.start as usize);
        let text = text.trim_end_matches('\r');
        let shown: String = text.chars().take(400).collect();
        let width = source
            .get(self.span.start as usize..self.span.end as usize)
            .map_or(1, |s| s.chars().take_while(|c| *c != '\n').count())
            .clamp(1, shown.chars().count().saturating_sub(col - 1).max(1));
        format!(
            "{file}:{line}:{col}\n{shown}\n{}{}\n\nSyntaxError: {}",
            " ".repeat(col.saturating_sub(1).min(400)),
            "^".repeat(width),
            self.message
        )
    }
}

/// What kind of code is parsed, and what the surrounding code allows.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Parse as an ES module (strict, `import`/`export`, top-level await).
    pub module: bool,
    /// Start in strict mode (direct eval inside strict code).
    pub strict: bool,
    /// `new.target` is allowed (eval inside a function).
    pub allow_new_target: bool,
    /// `super.x` is allowed (eval inside a method).
    pub allow_super_property: bool,
    /// `super()` is allowed (eval inside a derived constructor).
    pub allow_super_call: bool,
    /// The code is a function body (`return` allowed): `new Function`.
    pub function_body: bool,
    /// A script whose top level may use `await` (REPL input): its
    /// declarations are still global, its body runs as an async body.
    pub top_level_await: bool,
}

/// Parse a classic script.
pub fn parse_script(source: &str) -> Result<ast::Program, ParseError> {
    parse(source, &ParseOptions::default())
}

/// Parse an ES module.
pub fn parse_module(source: &str) -> Result<ast::Program, ParseError> {
    parse(
        source,
        &ParseOptions {
            module: true,
            ..ParseOptions::default()
        },
    )
}

/// Parse with explicit options.
pub fn parse(source: &str, options: &ParseOptions) -> Result<ast::Program, ParseError> {
    let ctx = Rc::new(Context {
        module: options.module,
        top_level_await: options.top_level_await && !options.module,
        ..Context::default()
    });
    let tracker = Rc::new(build::FnTracker::default());
    let tokens = NestingGuard {
        inner: Lexer::new(source, ctx.clone()),
        depth: 0,
        tracker: tracker.clone(),
        ctx: ctx.clone(),
    };
    let state = build::State::new(source, ctx.clone(), tracker);
    let body = grammar::ProgramParser::new()
        .parse(&state, tokens)
        .map_err(|e| convert_error(e, source))?;
    state
        .check_pending()
        .map_err(|e| convert_error(e, source))?;
    let mut program = ast::Program {
        body,
        is_module: options.module,
        strict: false,
        scope: ast::Scope::default(),
        has_top_level_await: false,
        span: Span::new(0, source.len()),
    };
    let octal = ctx.legacy_octal.borrow();
    let allow = semantics::Allow {
        new_target: options.allow_new_target,
        super_property: options.allow_super_property,
        super_call: options.allow_super_call,
        in_function: options.function_body,
        top_level_await: options.top_level_await,
    };
    semantics::Analyzer::new(options.module, &octal)
        .program(&mut program, source, options.strict, allow)
        .map_err(|e| ParseError {
            span: e.span,
            message: e.message,
            incomplete: false,
        })?;
    Ok(program)
}

/// Counts open brackets so that absurdly nested input gets a diagnostic.
/// Also feeds each token to the function-context tracker.
struct NestingGuard<'a> {
    inner: Lexer<'a>,
    depth: usize,
    tracker: Rc<build::FnTracker>,
    ctx: Rc<Context>,
}

impl Iterator for NestingGuard<'_> {
    type Item = Result<(usize, Tok, usize), LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.inner.next()?;
        if let Ok((l, tok, r)) = &item {
            self.tracker.on_token(&self.ctx, tok);
            match tok {
                Tok::LParen
                | Tok::LBracket
                | Tok::LBrace
                | Tok::ArrowLBrace
                | Tok::TemplateHead(_) => {
                    self.depth += 1;
                    if self.depth > MAX_NESTING {
                        return Some(Err(LexError {
                            span: Span::new(*l, *r),
                            message: TOO_DEEP.into(),
                            incomplete: false,
                        }));
                    }
                }
                Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::TemplateTail(_) => {
                    self.depth = self.depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        Some(item)
    }
}

fn describe_unexpected(tok: &Tok) -> String {
    match tok {
        Tok::Ident(n) => format!("Unexpected identifier '{n}'"),
        Tok::EscapedKeyword(_) => "Keyword must not contain escaped characters".into(),
        Tok::PrivateName(n) => format!("Unexpected identifier '#{n}'"),
        Tok::Num(_) => "Unexpected number".into(),
        Tok::Str(_) => "Unexpected string".into(),
        Tok::NoSubstTemplate(_)
        | Tok::TemplateHead(_)
        | Tok::TemplateMiddle(_)
        | Tok::TemplateTail(_) => "Unexpected template string".into(),
        Tok::ThrowNewline => "Illegal newline after throw".into(),
        // An assignment operator where none may stand: the left side was
        // not a reference (`a + b = c`).
        Tok::Eq
        | Tok::PlusEq
        | Tok::MinusEq
        | Tok::StarEq
        | Tok::SlashEq
        | Tok::PercentEq
        | Tok::StarStarEq
        | Tok::ShlEq
        | Tok::ShrEq
        | Tok::UShrEq
        | Tok::AmpEq
        | Tok::PipeEq
        | Tok::CaretEq
        | Tok::AmpAmpEq
        | Tok::PipePipeEq
        | Tok::QuestionQuestionEq => "Invalid left-hand side in assignment".into(),
        Tok::Enum | Tok::Await => "Unexpected reserved word".into(),
        Tok::Let => "Unexpected identifier 'let'".into(),
        Tok::Yield | Tok::YieldNoArg => "Unexpected identifier 'yield'".into(),
        _ => format!("Unexpected {}", tok.describe()),
    }
}

fn convert_error(e: LalrError<usize, Tok, LexError>, source: &str) -> ParseError {
    match e {
        LalrError::InvalidToken { location } => ParseError {
            span: Span::new(location, location + 1),
            message: "Invalid or unexpected token".into(),
            incomplete: false,
        },
        LalrError::UnrecognizedEof { location, .. } => ParseError {
            span: Span::new(location.min(source.len()), location.min(source.len())),
            message: "Unexpected end of input".into(),
            incomplete: true,
        },
        LalrError::UnrecognizedToken {
            token: (l, tok, r), ..
        }
        | LalrError::ExtraToken { token: (l, tok, r) } => ParseError {
            span: Span::new(l, r),
            message: describe_unexpected(&tok),
            incomplete: false,
        },
        LalrError::User { error } => ParseError {
            span: error.span,
            message: error.message,
            incomplete: error.incomplete,
        },
    }
}

/// The text of a number used as a property key (`{ 1.5() {} }` names the
/// method `1.5`); the interpreter has the full Number::toString.
pub fn number_key(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
