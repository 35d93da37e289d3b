//! The token stream the grammar consumes: raw logos tokens plus the
//! context an LR(1) parser cannot supply to its lexer.
//!
//! - **Regex or division.** A `/` starts a regular expression unless the
//!   previous token ends a value (a name, literal, `this`, `]`, postfix
//!   `++`, ...). A `)` ends a value unless it closes the head of
//!   `if`/`while`/`for`/`with` (a stack of open groups records which `(`
//!   was a control head). A `}` ends a value when it closes an object
//!   literal or the body of a function or class *expression*, and ends a
//!   statement when it closes a block, so `x = function(){}\n/re/g` divides
//!   and `if (a) {}\n/re/.test(s)` matches, as the spec says.
//! - **Blocks and objects.** A `{` opens a block where a statement may start
//!   (start of input, after `;`, `{` of a block, `}`, `)`, `else`, `do`,
//!   `try`, `finally`, a label's `:`, a name followed by a line break...) and
//!   an object literal where an expression is expected (after `=`, `(`, `,`,
//!   `return`, a conditional's `:` (`?` are counted per bracket), a
//!   property's `:`...). The body of a `function`/`class` is the first `{`
//!   at the keyword's nesting depth (a stack, so functions in parameter
//!   defaults are fine). When the keyword stood where a statement may start
//!   it is a declaration and its body counts as a block; otherwise it is an
//!   expression and its body holds statements but its `}` ends a value. A
//!   `{` right after `=>` is [`Tok::ArrowLBrace`] and counts as a block (a
//!   `/` after an arrow function can only start a new statement).
//! - **Templates.** `${` pushes a template entry on the same stack; the `}`
//!   that pops it resumes the template.
//! - **Restricted productions.** `++`/`--`/`=>` after a line terminator get
//!   their own token kinds; `return`/`break`/`continue` followed by a line
//!   terminator are followed by a zero-width `;`; `throw` followed by one is
//!   [`Tok::ThrowNewline`]; `yield` followed by one is [`Tok::YieldNoArg`].
//! - **Contextual words.** `let` is [`Tok::Let`] where a statement or a
//!   `for` head may start and `[`, `{` or a name follows (in a single-
//!   statement position such as `if (a) let`, a line break after it makes
//!   it a name). `async` is [`Tok::Async`] before a name, `(`, `[`, `*`, a
//!   string, a number or `#` on the same line. `yield`/`await` follow
//!   [`Context::functions`] (read when the token is produced), except where
//!   the parser has not entered the function yet: a `function`'s parameters
//!   and a function expression's name use that function's own kind, and
//!   `yield` is never a keyword in an arrow function's body.
//!
//! Known misreads and gaps (all need contrived code): `async * x`
//! (multiplication) lexes `async` as the keyword; a keyword property name
//! followed by a line break (`{ return\n: 1 }`) gets a `;`; HTML-like
//! comments are not seen by the peeks for `let`/`async`/`yield` and the
//! restricted productions; a method's parameters (`*m(a = yield)`) are lexed
//! in the enclosing function's context; `await` in a non-async arrow body
//! and in a class static block follows the enclosing context; `let` after
//! the `)` of `do ... while (...)` on the same line is taken for a
//! single-statement position.

use std::collections::HashSet;
use std::rc::Rc;

use logos::Logos;

use crate::ident::{self, is_id_start, Name};
use crate::number::scan_number;
use crate::raw::{Extras, RawError, RawTok};
use crate::regex::scan_regex;
use crate::string::{scan_string, scan_template};
use crate::trivia::line_end;
use crate::{Context, FunctionContext, LexError, Span, Tok};

type Spanned = (usize, Tok, usize);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BraceKind {
    /// A block statement, or the body of a declaration: a statement may
    /// follow its `}`.
    Block,
    /// An object literal: its `}` ends a value.
    Object,
    /// The body of a function or class expression: statements (or class
    /// elements) inside, but its `}` ends a value.
    ExpressionBody,
    /// `${ ... }` in a template.
    Template,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Group {
    /// `(`; `control` when it opens the head of `if`/`while`/`for`/`with`.
    Paren {
        control: bool,
    },
    Bracket,
    Brace(BraceKind),
}

/// An open bracket and the number of conditional `?` waiting for their `:`
/// directly inside it.
#[derive(Debug)]
struct Frame {
    group: Group,
    ternaries: u32,
    /// A `case` waits for its `:`.
    case_open: bool,
}

/// What a token leaves behind for the next one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum After {
    /// A value ended: a `/` divides. A `{`, `function` or `class` here can
    /// only start a new statement (after automatic semicolon insertion).
    Value,
    /// An operator or keyword: an expression follows, `/` starts a regex.
    Operand,
    /// A statement may start here; `/` starts a regex.
    Statement,
    /// Like `Statement`, but only the single statement that is the body of
    /// `if (...)`, `while (...)`, `else`, `do`, a label...: no declaration.
    SubStatement,
}

/// The previous token, where the next one depends on it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    Other,
    /// `.` or `?.`: the next word is a property name.
    Dot,
    /// `=>`: a `{` is an arrow body.
    Arrow,
    /// `extends`: a `{` is part of the heritage expression.
    Extends,
    /// `if`, `while`, `with`: the next `(` opens a control head.
    Control,
    /// `for` or `for await`.
    For,
    /// `function` or `class`: a `:` after it makes it a property name.
    FunctionOrClass,
    /// `function *`.
    FunctionStar,
    /// The `(` of a `for` head: `let` may start a declaration.
    ForParen,
    /// `default` (a `:` after it ends a case label).
    Default,
    /// `async`, remembering whether a statement could start before it
    /// (`async function` declarations).
    Async {
        statement: bool,
    },
}

/// A `function` or `class` keyword whose body `{` has not been seen yet.
#[derive(Debug)]
struct PendingBody {
    depth: usize,
    kind: BraceKind,
    /// The kind of function (`None` for a class).
    function: Option<FunctionContext>,
    /// A function or class expression (not a declaration).
    expression: bool,
    /// The parameter list has been opened.
    params_seen: bool,
}

/// What decides whether `yield` and `await` are keywords, for the tokens
/// inside a group. The parser enters a function's context only when it
/// reaches the body, so the lexer covers what comes before.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    /// The parameters of a `function`: that function's own kind
    /// (`function f(a = yield)` in a generator names a variable).
    Params(FunctionContext),
    /// A body the parser has entered (function, class, object literal):
    /// [`Context::functions`] decides.
    Body,
    /// The block body of an arrow function: `yield` is never a keyword
    /// there; [`Context::functions`] decides for `await`.
    ArrowBody,
}

/// The next raw token, looked at without consuming it.
struct Peek {
    tok: Option<Result<RawTok, RawError>>,
    newline_at: Option<u32>,
    start: usize,
    end: usize,
}

pub struct Lexer<'a> {
    src: &'a str,
    raw: logos::Lexer<'a, RawTok>,
    ctx: Rc<Context>,
    /// A synthetic `;` to return next.
    queued: Option<Spanned>,
    done: bool,
    /// No token produced yet (`-->` may start a comment).
    first: bool,
    after: After,
    prev: Prev,
    /// Open brackets; `frames[0]` stands for the top level and is never
    /// popped.
    frames: Vec<Frame>,
    bodies: Vec<PendingBody>,
    /// Scopes with the frame depth they belong to, innermost last.
    scopes: Vec<(usize, Scope)>,
    /// Identifier names seen so far: every occurrence of a name shares one
    /// `Rc<str>`, so the interpreter's binding lookups usually match names
    /// by pointer instead of comparing their text.
    names: HashSet<Rc<str>>,
}

impl<'a> Lexer<'a> {
    pub fn new(source: &'a str, ctx: Rc<Context>) -> Lexer<'a> {
        let mut raw = RawTok::lexer(source);
        if source.starts_with("#!") {
            raw.bump(line_end(source, 0));
        }
        Lexer {
            src: source,
            raw,
            ctx,
            queued: None,
            done: false,
            first: true,
            after: After::Statement,
            prev: Prev::Other,
            frames: vec![Frame {
                group: Group::Brace(BraceKind::Block),
                ternaries: 0,
                case_open: false,
            }],
            bodies: Vec::new(),
            scopes: Vec::new(),
            names: HashSet::new(),
        }
    }

    /// The shared `Rc<str>` for an identifier name.
    fn intern(&mut self, name: &str) -> Rc<str> {
        if let Some(n) = self.names.get(name) {
            return n.clone();
        }
        let n: Rc<str> = Rc::from(name);
        self.names.insert(n.clone());
        n
    }

    fn regex_allowed(&self) -> bool {
        self.after != After::Value
    }

    fn statement_may_start(&self) -> bool {
        self.after != After::Operand
    }

    fn top(&self) -> Group {
        self.frames
            .last()
            .map_or(Group::Brace(BraceKind::Block), |f| f.group)
    }

    fn push(&mut self, group: Group) {
        self.frames.push(Frame {
            group,
            ternaries: 0,
            case_open: false,
        });
    }

    /// Pop the innermost group if it is `group` (or, for braces, any brace
    /// kind); the top-level frame stays.
    fn pop_if(&mut self, matches: impl Fn(Group) -> bool) -> Option<Group> {
        if self.frames.len() > 1 && matches(self.top()) {
            let group = self.frames.pop().map(|f| f.group);
            let depth = self.frames.len();
            while self.scopes.last().is_some_and(|&(d, _)| d > depth) {
                self.scopes.pop();
            }
            group
        } else {
            None
        }
    }

    fn top_function(&self) -> Option<FunctionContext> {
        self.ctx
            .functions
            .try_borrow()
            .ok()
            .and_then(|stack| stack.last().copied())
    }

    fn record_legacy_octal(&self, start: usize, end: usize) {
        if let Ok(mut spans) = self.ctx.legacy_octal.try_borrow_mut() {
            spans.push(Span::new(start, end));
        }
    }

    /// Move the raw scan forward to `pos` (after a literal scanned by hand).
    fn seek(&mut self, pos: usize) -> Result<(), LexError> {
        let end = self.raw.span().end;
        if pos >= end && self.src.is_char_boundary(pos) {
            self.raw.bump(pos - end);
            Ok(())
        } else {
            Err(LexError::new(end, end, "Invalid or unexpected token"))
        }
    }

    fn peek(&self) -> Peek {
        let mut raw = self.raw.clone();
        raw.extras = Extras::default();
        let tok = raw.next();
        let span = raw.span();
        Peek {
            tok,
            newline_at: raw.extras.newline_at,
            start: span.start,
            end: span.end,
        }
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    /// Does the peeked raw token start an identifier (or a word)?
    fn starts_name(&self, p: &Peek) -> bool {
        match p.tok {
            Some(Ok(RawTok::Backslash)) => true,
            Some(Ok(RawTok::NonAscii)) => self.char_at(p.start).is_some_and(is_id_start),
            Some(Ok(t)) => t.is_word(),
            _ => false,
        }
    }

    fn lex(&mut self) -> Result<Option<Spanned>, LexError> {
        self.raw.extras = Extras::default();
        let (raw, start, end) = loop {
            let tok = self.raw.next();
            let span = self.raw.span();
            let tok = match tok {
                None => return Ok(None),
                Some(Err(RawError::Invalid)) => {
                    return Err(LexError::new(
                        span.start,
                        span.end,
                        "Invalid or unexpected token",
                    ))
                }
                Some(Err(RawError::UnterminatedComment)) => {
                    return Err(
                        LexError::new(span.start, span.end, "Unterminated comment").incomplete()
                    )
                }
                Some(Ok(tok)) => tok,
            };
            if self.html_comment(tok) {
                self.seek(line_end(self.src, span.end))?;
                continue;
            }
            break (tok, span.start, span.end);
        };
        let newline = self.raw.extras.newline_at.is_some();
        self.first = false;

        let (tok, end, after) = self.token(raw, start, end, newline)?;
        let after = after.unwrap_or_else(|| after_token(&tok));
        self.advance(&tok, after);

        if matches!(tok, Tok::Return | Tok::Break | Tok::Continue) {
            let next = self.peek();
            if let Some(at) = next.newline_at {
                if next.tok != Some(Ok(RawTok::Semi)) {
                    let at = at as usize;
                    self.queued = Some((at, Tok::Semi, at));
                    self.advance(&Tok::Semi, self.after_semicolon());
                }
            }
        }
        Ok(Some((start, tok, end)))
    }

    /// `<!--` anywhere, and `-->` at the start of a line, begin single-line
    /// comments in scripts (ECMA-262 Annex B.1.1).
    fn html_comment(&self, tok: RawTok) -> bool {
        if self.ctx.module {
            return false;
        }
        match tok {
            RawTok::Lt => self.raw.remainder().starts_with("!--"),
            RawTok::MinusMinus => {
                (self.first || self.raw.extras.newline_at.is_some())
                    && self.raw.remainder().starts_with('>')
            }
            _ => false,
        }
    }

    /// Update the context after producing `tok`.
    fn advance(&mut self, tok: &Tok, after: After) {
        let statement = self.statement_may_start();
        self.prev = match tok {
            Tok::Dot | Tok::QuestionDot => Prev::Dot,
            Tok::Arrow | Tok::ArrowAfterNewline => Prev::Arrow,
            Tok::Extends => Prev::Extends,
            Tok::If | Tok::While | Tok::With => Prev::Control,
            Tok::For => Prev::For,
            Tok::Function | Tok::Class => Prev::FunctionOrClass,
            Tok::Star if self.prev == Prev::FunctionOrClass => Prev::FunctionStar,
            Tok::LParen if self.prev == Prev::For => Prev::ForParen,
            Tok::Default => Prev::Default,
            Tok::Await if self.prev == Prev::For => Prev::For,
            Tok::Ident(name) if self.prev == Prev::For && &**name == "await" => Prev::For,
            Tok::Async => Prev::Async { statement },
            _ => Prev::Other,
        };
        self.after = after;
    }

    fn after_semicolon(&self) -> After {
        match self.top() {
            Group::Brace(BraceKind::Block | BraceKind::ExpressionBody) => After::Statement,
            _ => After::Operand,
        }
    }

    /// Produce the token for raw token `raw` at `start..end`, scanning
    /// literals by hand. Returns the token, its end, and how it leaves the
    /// context when that is not fixed by its kind.
    fn token(
        &mut self,
        raw: RawTok,
        start: usize,
        end: usize,
        newline: bool,
    ) -> Result<(Tok, usize, Option<After>), LexError> {
        use RawTok as R;
        let tok = match raw {
            _ if raw.is_word() => return self.word(raw, start, end),
            R::Backslash | R::NonAscii => {
                let name = ident::scan_name(self.src, start)?;
                self.seek(name.end)?;
                let end = name.end;
                return Ok((self.name_token(name), end, None));
            }
            R::Hash => {
                let name = ident::scan_name(self.src, end)?;
                self.seek(name.end)?;
                return Ok((Tok::PrivateName(name.text.into()), name.end, None));
            }
            R::Digit | R::DotDigit => {
                let lit = scan_number(self.src, start)?;
                self.seek(lit.end)?;
                if lit.legacy_octal {
                    self.record_legacy_octal(start, lit.end);
                }
                if let Some(digits) = lit.bigint {
                    return Ok((Tok::BigInt(digits), lit.end, None));
                }
                return Ok((Tok::Num(lit.value), lit.end, None));
            }
            R::Quote => {
                let lit = scan_string(self.src, start)?;
                self.seek(lit.end)?;
                if lit.legacy_octal {
                    self.record_legacy_octal(start, lit.end);
                }
                return Ok((Tok::Str(lit.value), lit.end, None));
            }
            R::Backtick => {
                let lit = scan_template(self.src, end, start)?;
                self.seek(lit.end)?;
                let tok = if lit.tail {
                    Tok::NoSubstTemplate(lit.part)
                } else {
                    self.push(Group::Brace(BraceKind::Template));
                    Tok::TemplateHead(lit.part)
                };
                return Ok((tok, lit.end, None));
            }
            R::Slash | R::SlashEq if self.regex_allowed() => {
                let lit = scan_regex(self.src, start)?;
                self.seek(lit.end)?;
                return Ok((Tok::Regex(lit.body, lit.flags), lit.end, None));
            }
            R::LBrace => return Ok(self.open_brace(end)),
            R::RBrace => return self.close_brace(start, end),
            R::LParen => {
                let control = matches!(self.prev, Prev::Control | Prev::For);
                let depth = self.frames.len();
                let params = match self.bodies.last_mut() {
                    Some(body) if body.depth == depth && !body.params_seen => {
                        body.params_seen = true;
                        body.function
                    }
                    _ => None,
                };
                self.push(Group::Paren { control });
                if let Some(function) = params {
                    self.scopes
                        .push((self.frames.len(), Scope::Params(function)));
                }
                Tok::LParen
            }
            R::RParen => {
                let after = match self.pop_if(|g| matches!(g, Group::Paren { .. })) {
                    Some(Group::Paren { control: true }) => After::SubStatement,
                    _ => After::Value,
                };
                return Ok((Tok::RParen, end, Some(after)));
            }
            R::LBracket => {
                self.push(Group::Bracket);
                Tok::LBracket
            }
            R::RBracket => {
                self.pop_if(|g| g == Group::Bracket);
                Tok::RBracket
            }
            R::Question => {
                let rest = self.raw.remainder().as_bytes();
                if rest.first() == Some(&b'.') && !rest.get(1).is_some_and(u8::is_ascii_digit) {
                    self.seek(end + 1)?;
                    return Ok((Tok::QuestionDot, end + 1, None));
                }
                if let Some(frame) = self.frames.last_mut() {
                    frame.ternaries = frame.ternaries.saturating_add(1);
                }
                Tok::Question
            }
            R::Colon => {
                if self.prev == Prev::FunctionOrClass {
                    // `{ function: 1 }`: a property name, not a definition.
                    self.bodies.pop();
                }
                let after_default = self.prev == Prev::Default;
                let after = match self.frames.last_mut() {
                    Some(frame) if frame.ternaries > 0 => {
                        frame.ternaries -= 1;
                        After::Operand
                    }
                    Some(frame)
                        if matches!(
                            frame.group,
                            Group::Brace(BraceKind::Block | BraceKind::ExpressionBody)
                        ) =>
                    {
                        if frame.case_open || after_default {
                            // `case x:` / `default:` start a statement list.
                            frame.case_open = false;
                            After::Statement
                        } else {
                            // A label: its body is a single statement.
                            After::SubStatement
                        }
                    }
                    _ => After::Operand,
                };
                return Ok((Tok::Colon, end, Some(after)));
            }
            R::Semi => return Ok((Tok::Semi, end, Some(self.after_semicolon()))),
            R::Star => {
                if self.prev == Prev::FunctionOrClass {
                    if let Some(function) = self.bodies.last_mut().and_then(|b| b.function.as_mut())
                    {
                        function.generator = true;
                    }
                }
                Tok::Star
            }
            R::PlusPlus if newline => Tok::PlusPlusPrefix,
            R::MinusMinus if newline => Tok::MinusMinusPrefix,
            R::Arrow if newline => Tok::ArrowAfterNewline,
            _ => match punctuator(raw) {
                Some(tok) => tok,
                None => return Err(LexError::new(start, end, "Invalid or unexpected token")),
            },
        };
        Ok((tok, end, None))
    }

    fn open_brace(&mut self, end: usize) -> (Tok, usize, Option<After>) {
        let depth = self.frames.len();
        while self.bodies.last().is_some_and(|b| b.depth > depth) {
            self.bodies.pop();
        }
        let (tok, kind, scope) = if self.prev == Prev::Arrow {
            (Tok::ArrowLBrace, BraceKind::Block, Some(Scope::ArrowBody))
        } else if self.prev != Prev::Extends && self.bodies.last().is_some_and(|b| b.depth == depth)
        {
            let kind = self.bodies.pop().map_or(BraceKind::Block, |b| b.kind);
            (Tok::LBrace, kind, Some(Scope::Body))
        } else if self.statement_may_start() {
            (Tok::LBrace, BraceKind::Block, None)
        } else {
            // Object literals in an arrow body may hold generator methods,
            // whose context the parser enters.
            let in_arrow_body = self.scopes.last().map(|s| s.1) == Some(Scope::ArrowBody);
            (
                Tok::LBrace,
                BraceKind::Object,
                in_arrow_body.then_some(Scope::Body),
            )
        };
        self.push(Group::Brace(kind));
        if let Some(scope) = scope {
            self.scopes.push((self.frames.len(), scope));
        }
        let after = match kind {
            BraceKind::Object => After::Operand,
            _ => After::Statement,
        };
        (tok, end, Some(after))
    }

    fn close_brace(
        &mut self,
        start: usize,
        end: usize,
    ) -> Result<(Tok, usize, Option<After>), LexError> {
        match self.pop_if(|g| matches!(g, Group::Brace(_))) {
            Some(Group::Brace(BraceKind::Template)) => {
                let lit = scan_template(self.src, end, start)?;
                self.seek(lit.end)?;
                let tok = if lit.tail {
                    Tok::TemplateTail(lit.part)
                } else {
                    self.push(Group::Brace(BraceKind::Template));
                    Tok::TemplateMiddle(lit.part)
                };
                Ok((tok, lit.end, None))
            }
            Some(Group::Brace(BraceKind::Object | BraceKind::ExpressionBody)) => {
                Ok((Tok::RBrace, end, Some(After::Value)))
            }
            _ => Ok((Tok::RBrace, end, Some(After::Statement))),
        }
    }

    /// A word the raw scan matched (`start..end` is ASCII).
    fn word(
        &mut self,
        raw: RawTok,
        start: usize,
        end: usize,
    ) -> Result<(Tok, usize, Option<After>), LexError> {
        if ident::continues_at(self.src, end) {
            let name = ident::scan_name(self.src, start)?;
            self.seek(name.end)?;
            let end = name.end;
            return Ok((self.name_token(name), end, None));
        }
        let text = self.src.get(start..end).unwrap_or("");
        if self.prev == Prev::Dot {
            return Ok((Tok::Ident(self.intern(text)), end, None));
        }
        let statement = self.statement_may_start();
        let tok = match raw {
            RawTok::Let if self.let_is_declaration() => Tok::Let,
            RawTok::Async if self.async_is_keyword() => Tok::Async,
            RawTok::Yield if self.yield_is_keyword() => {
                if self.peek().newline_at.is_some() {
                    Tok::YieldNoArg
                } else {
                    Tok::Yield
                }
            }
            RawTok::Await if self.await_is_keyword() => Tok::Await,
            RawTok::Case => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.case_open = true;
                }
                Tok::Case
            }
            RawTok::Throw if self.peek().newline_at.is_some() => Tok::ThrowNewline,
            RawTok::Get => Tok::Get,
            RawTok::Set => Tok::Set,
            RawTok::Static => Tok::Static,
            RawTok::As => Tok::As,
            RawTok::From => Tok::From,
            RawTok::Of => {
                // `for (x of /re/)`: after a value, directly in a for head.
                let after = if self.after == After::Value
                    && self.top() == (Group::Paren { control: true })
                {
                    After::Operand
                } else {
                    After::Value
                };
                return Ok((Tok::Of, end, Some(after)));
            }
            RawTok::Function | RawTok::Class => {
                let (declaration, is_async) = match self.prev {
                    Prev::Async { statement } => (statement, true),
                    _ => (statement, false),
                };
                self.bodies.push(PendingBody {
                    depth: self.frames.len(),
                    kind: if declaration {
                        BraceKind::Block
                    } else {
                        BraceKind::ExpressionBody
                    },
                    function: (raw == RawTok::Function).then_some(FunctionContext {
                        generator: false,
                        is_async,
                    }),
                    expression: !declaration,
                    params_seen: false,
                });
                if raw == RawTok::Function {
                    Tok::Function
                } else {
                    Tok::Class
                }
            }
            _ => match reserved_word(raw) {
                Some(t) => t,
                None => Tok::Ident(self.intern(text)),
            },
        };
        Ok((tok, end, None))
    }

    /// The token for an identifier name scanned by hand (escapes or
    /// non-ASCII characters).
    fn name_token(&mut self, name: Name) -> Tok {
        if name.escaped && self.prev != Prev::Dot {
            let mut raw = RawTok::lexer(&name.text);
            if let Some(Ok(t)) = raw.next() {
                if raw.span().end == name.text.len() && reserved_word(t).is_some() {
                    return Tok::EscapedKeyword(name.text.into());
                }
            }
        }
        Tok::Ident(self.intern(&name.text))
    }

    /// `let` starts a declaration where a statement or a `for` head may
    /// start, when followed by `[`, `{` or a name other than `in` /
    /// `instanceof`. Where only a single statement may follow (`if (a)`,
    /// `else`, a label...), a line break after `let` makes it a name
    /// (`if (a) let // ASI`), except before `[`.
    fn let_is_declaration(&self) -> bool {
        if !(self.statement_may_start() || self.prev == Prev::ForParen) {
            return false;
        }
        let next = self.peek();
        let single_statement = self.after == After::SubStatement;
        match next.tok {
            Some(Ok(RawTok::LBracket)) => true,
            _ if single_statement && next.newline_at.is_some() => false,
            Some(Ok(RawTok::LBrace)) => true,
            Some(Ok(RawTok::In | RawTok::Instanceof)) => ident::continues_at(self.src, next.end),
            _ => self.starts_name(&next),
        }
    }

    /// The kind of the function whose name this word is, when it is a
    /// function expression's name (which belongs to the function itself:
    /// `(function yield() {})` is fine in a generator).
    fn named_function_expression(&self) -> Option<FunctionContext> {
        if !matches!(self.prev, Prev::FunctionOrClass | Prev::FunctionStar) {
            return None;
        }
        self.bodies
            .last()
            .filter(|b| b.expression && b.depth == self.frames.len())
            .and_then(|b| b.function)
    }

    fn yield_is_keyword(&self) -> bool {
        if self.prev == Prev::Arrow {
            // An arrow function's expression body.
            return false;
        }
        if let Some(function) = self.named_function_expression() {
            return function.generator;
        }
        match self.scopes.last() {
            Some((_, Scope::Params(function))) => function.generator,
            Some((_, Scope::ArrowBody)) => false,
            _ => self.top_function().is_some_and(|f| f.generator),
        }
    }

    fn await_is_keyword(&self) -> bool {
        if let Some(function) = self.named_function_expression() {
            return function.is_async;
        }
        match self.scopes.last() {
            Some((_, Scope::Params(function))) => function.is_async,
            _ => self
                .top_function()
                .map_or(self.ctx.module || self.ctx.top_level_await, |f| f.is_async),
        }
    }

    /// `async` is the keyword when followed on the same line by a name,
    /// `(`, `[`, `*`, a string, a number or `#` -- except `async of` not
    /// followed by `=>` (`for await (async of x)`).
    fn async_is_keyword(&self) -> bool {
        let next = self.peek();
        if next.newline_at.is_some() {
            return false;
        }
        match next.tok {
            Some(Ok(RawTok::Of)) if !ident::continues_at(self.src, next.end) => {
                let mut raw = self.raw.clone();
                raw.next();
                raw.next() == Some(Ok(RawTok::Arrow))
            }
            Some(Ok(
                RawTok::LParen
                | RawTok::LBracket
                | RawTok::Star
                | RawTok::Quote
                | RawTok::Digit
                | RawTok::Hash,
            )) => true,
            _ => self.starts_name(&next),
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Spanned, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(tok) = self.queued.take() {
            return Some(Ok(tok));
        }
        if self.done {
            return None;
        }
        match self.lex() {
            Ok(Some(tok)) => Some(Ok(tok)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// How a token leaves the context, for tokens whose effect is fixed by
/// their kind.
fn after_token(tok: &Tok) -> After {
    use Tok::*;
    match tok {
        Ident(_) | EscapedKeyword(_) | PrivateName(_) | Num(_) | BigInt(_) | Str(_)
        | NoSubstTemplate(_) | TemplateTail(_) | Regex(..) | This | Super | Null | True | False
        | Get | Set | Static | As | From | RBracket | PlusPlus | MinusMinus | PlusPlusPrefix
        | MinusMinusPrefix => After::Value,
        Try | Finally | Catch | Export | Default => After::Statement,
        Else | Do => After::SubStatement,
        _ => After::Operand,
    }
}

/// Reserved words (ECMA-262 §12.7.2, plus `enum`): their escaped spellings
/// are [`Tok::EscapedKeyword`].
fn reserved_word(raw: RawTok) -> Option<Tok> {
    use RawTok as R;
    Some(match raw {
        R::Break => Tok::Break,
        R::Case => Tok::Case,
        R::Catch => Tok::Catch,
        R::Class => Tok::Class,
        R::Const => Tok::Const,
        R::Continue => Tok::Continue,
        R::Debugger => Tok::Debugger,
        R::Default => Tok::Default,
        R::Delete => Tok::Delete,
        R::Do => Tok::Do,
        R::Else => Tok::Else,
        R::Enum => Tok::Enum,
        R::Export => Tok::Export,
        R::Extends => Tok::Extends,
        R::False => Tok::False,
        R::Finally => Tok::Finally,
        R::For => Tok::For,
        R::Function => Tok::Function,
        R::If => Tok::If,
        R::Import => Tok::Import,
        R::In => Tok::In,
        R::Instanceof => Tok::Instanceof,
        R::New => Tok::New,
        R::Null => Tok::Null,
        R::Return => Tok::Return,
        R::Super => Tok::Super,
        R::Switch => Tok::Switch,
        R::This => Tok::This,
        R::Throw => Tok::Throw,
        R::True => Tok::True,
        R::Try => Tok::Try,
        R::Typeof => Tok::Typeof,
        R::Var => Tok::Var,
        R::Void => Tok::Void,
        R::While => Tok::While,
        R::With => Tok::With,
        _ => return None,
    })
}

/// Punctuators that need no context.
fn punctuator(raw: RawTok) -> Option<Tok> {
    use RawTok as R;
    Some(match raw {
        R::LBrace => Tok::LBrace,
        R::RBrace => Tok::RBrace,
        R::LParen => Tok::LParen,
        R::RParen => Tok::RParen,
        R::LBracket => Tok::LBracket,
        R::RBracket => Tok::RBracket,
        R::Dot => Tok::Dot,
        R::Ellipsis => Tok::Ellipsis,
        R::Semi => Tok::Semi,
        R::Comma => Tok::Comma,
        R::Lt => Tok::Lt,
        R::Gt => Tok::Gt,
        R::LtEq => Tok::LtEq,
        R::GtEq => Tok::GtEq,
        R::EqEq => Tok::EqEq,
        R::NotEq => Tok::NotEq,
        R::EqEqEq => Tok::EqEqEq,
        R::NotEqEq => Tok::NotEqEq,
        R::Plus => Tok::Plus,
        R::Minus => Tok::Minus,
        R::Star => Tok::Star,
        R::Slash => Tok::Slash,
        R::Percent => Tok::Percent,
        R::StarStar => Tok::StarStar,
        R::PlusPlus => Tok::PlusPlus,
        R::MinusMinus => Tok::MinusMinus,
        R::Shl => Tok::Shl,
        R::Shr => Tok::Shr,
        R::UShr => Tok::UShr,
        R::Amp => Tok::Amp,
        R::Pipe => Tok::Pipe,
        R::Caret => Tok::Caret,
        R::Bang => Tok::Bang,
        R::Tilde => Tok::Tilde,
        R::AmpAmp => Tok::AmpAmp,
        R::PipePipe => Tok::PipePipe,
        R::QuestionQuestion => Tok::QuestionQuestion,
        R::Question => Tok::Question,
        R::Colon => Tok::Colon,
        R::Eq => Tok::Eq,
        R::PlusEq => Tok::PlusEq,
        R::MinusEq => Tok::MinusEq,
        R::StarEq => Tok::StarEq,
        R::SlashEq => Tok::SlashEq,
        R::PercentEq => Tok::PercentEq,
        R::StarStarEq => Tok::StarStarEq,
        R::ShlEq => Tok::ShlEq,
        R::ShrEq => Tok::ShrEq,
        R::UShrEq => Tok::UShrEq,
        R::AmpEq => Tok::AmpEq,
        R::PipeEq => Tok::PipeEq,
        R::CaretEq => Tok::CaretEq,
        R::AmpAmpEq => Tok::AmpAmpEq,
        R::PipePipeEq => Tok::PipePipeEq,
        R::QuestionQuestionEq => Tok::QuestionQuestionEq,
        R::Arrow => Tok::Arrow,
        _ => return None,
    })
}
