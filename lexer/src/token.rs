//! The tokens the grammar sees.

use std::rc::Rc;

/// A byte range in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Template literal part: cooked value (`None` when an escape is invalid,
/// which only tagged templates allow) and raw value, both UTF-16.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplatePart {
    pub cooked: Option<Rc<[u16]>>,
    pub raw: Rc<[u16]>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    // ---- names and literals ----
    /// An identifier, or a word right after `.`/`?.` (always a name there,
    /// even `a.if`), or `yield`/`await` outside the context that makes them
    /// keywords, or `let`/`async` where the lexer decides they are names.
    Ident(Rc<str>),
    /// A reserved word written with a Unicode escape (`v\u0061r`): usable
    /// only as a property name.
    EscapedKeyword(Rc<str>),
    /// `#name` (the name without `#`).
    PrivateName(Rc<str>),
    Num(f64),
    /// A BigInt literal's digits with their radix prefix, without
    /// separators or the `n` (`0x1F` for `0x1_Fn`).
    BigInt(Rc<str>),
    Str(Rc<[u16]>),
    /// `` `abc` ``
    NoSubstTemplate(TemplatePart),
    /// `` `abc${ ``
    TemplateHead(TemplatePart),
    /// `` }abc${ ``
    TemplateMiddle(TemplatePart),
    /// `` }abc` ``
    TemplateTail(TemplatePart),
    Regex(Rc<str>, Rc<str>),

    // ---- reserved words ----
    Break,
    Case,
    Catch,
    Class,
    Const,
    Continue,
    Debugger,
    Default,
    Delete,
    Do,
    Else,
    Enum,
    Export,
    Extends,
    False,
    Finally,
    For,
    Function,
    If,
    Import,
    In,
    Instanceof,
    New,
    Null,
    Return,
    Super,
    Switch,
    This,
    Throw,
    True,
    Try,
    Typeof,
    Var,
    Void,
    While,
    With,

    // ---- contextual words the grammar needs as their own tokens ----
    /// `let` followed by an identifier, `[` or `{` (a declaration).
    Let,
    /// `yield` inside a generator body.
    Yield,
    /// `yield` inside a generator body, followed by a line terminator: no
    /// argument (restricted production).
    YieldNoArg,
    /// `await` inside an async function body or at module top level.
    Await,
    /// `async` followed on the same line by a name, `function`, `(`, `[`,
    /// `*`, a string, a number or `#`.
    Async,
    Get,
    Set,
    Static,
    Of,
    As,
    From,

    // ---- punctuators ----
    LBrace,
    /// `{` right after `=>`: an arrow function's block body.
    ArrowLBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
    Ellipsis,
    Semi,
    Comma,
    Lt,
    Gt,
    LtEq,
    GtEq,
    EqEq,
    NotEq,
    EqEqEq,
    NotEqEq,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    StarStar,
    PlusPlus,
    MinusMinus,
    /// `++` preceded by a line terminator: prefix only (restricted
    /// production: `a\n++b` is `a; ++b`).
    PlusPlusPrefix,
    /// `--` preceded by a line terminator.
    MinusMinusPrefix,
    Shl,
    Shr,
    UShr,
    Amp,
    Pipe,
    Caret,
    Bang,
    Tilde,
    AmpAmp,
    PipePipe,
    QuestionQuestion,
    Question,
    QuestionDot,
    Colon,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    SlashEq,
    PercentEq,
    StarStarEq,
    ShlEq,
    ShrEq,
    UShrEq,
    AmpEq,
    PipeEq,
    CaretEq,
    AmpAmpEq,
    PipePipeEq,
    QuestionQuestionEq,
    Arrow,
    /// `=>` preceded by a line terminator: no rule accepts it.
    ArrowAfterNewline,
    /// `throw` followed by a line terminator: no rule accepts it
    /// ("Illegal newline after throw").
    ThrowNewline,
}

impl Tok {
    /// How the token is written, for diagnostics (`Unexpected token '}'`).
    pub fn describe(&self) -> String {
        use Tok::*;
        let s = match self {
            Ident(n) | EscapedKeyword(n) => return format!("identifier '{n}'"),
            PrivateName(n) => return format!("identifier '#{n}'"),
            Num(_) | BigInt(_) => return "number".into(),
            Str(_) => return "string".into(),
            NoSubstTemplate(_) | TemplateHead(_) | TemplateMiddle(_) | TemplateTail(_) => {
                return "template string".into()
            }
            Regex(..) => return "regular expression".into(),
            Break => "break",
            Case => "case",
            Catch => "catch",
            Class => "class",
            Const => "const",
            Continue => "continue",
            Debugger => "debugger",
            Default => "default",
            Delete => "delete",
            Do => "do",
            Else => "else",
            Enum => "enum",
            Export => "export",
            Extends => "extends",
            False => "false",
            Finally => "finally",
            For => "for",
            Function => "function",
            If => "if",
            Import => "import",
            In => "in",
            Instanceof => "instanceof",
            New => "new",
            Null => "null",
            Return => "return",
            Super => "super",
            Switch => "switch",
            This => "this",
            Throw | ThrowNewline => "throw",
            True => "true",
            Try => "try",
            Typeof => "typeof",
            Var => "var",
            Void => "void",
            While => "while",
            With => "with",
            Let => "let",
            Yield | YieldNoArg => "yield",
            Await => "await",
            Async => "async",
            Get => "get",
            Set => "set",
            Static => "static",
            Of => "of",
            As => "as",
            From => "from",
            LBrace | ArrowLBrace => "{",
            RBrace => "}",
            LParen => "(",
            RParen => ")",
            LBracket => "[",
            RBracket => "]",
            Dot => ".",
            Ellipsis => "...",
            Semi => ";",
            Comma => ",",
            Lt => "<",
            Gt => ">",
            LtEq => "<=",
            GtEq => ">=",
            EqEq => "==",
            NotEq => "!=",
            EqEqEq => "===",
            NotEqEq => "!==",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            Percent => "%",
            StarStar => "**",
            PlusPlus | PlusPlusPrefix => "++",
            MinusMinus | MinusMinusPrefix => "--",
            Shl => "<<",
            Shr => ">>",
            UShr => ">>>",
            Amp => "&",
            Pipe => "|",
            Caret => "^",
            Bang => "!",
            Tilde => "~",
            AmpAmp => "&&",
            PipePipe => "||",
            QuestionQuestion => "??",
            Question => "?",
            QuestionDot => "?.",
            Colon => ":",
            Eq => "=",
            PlusEq => "+=",
            MinusEq => "-=",
            StarEq => "*=",
            SlashEq => "/=",
            PercentEq => "%=",
            StarStarEq => "**=",
            ShlEq => "<<=",
            ShrEq => ">>=",
            UShrEq => ">>>=",
            AmpEq => "&=",
            PipeEq => "|=",
            CaretEq => "^=",
            AmpAmpEq => "&&=",
            PipePipeEq => "||=",
            QuestionQuestionEq => "??=",
            Arrow | ArrowAfterNewline => "=>",
        };
        format!("token '{s}'")
    }
}
