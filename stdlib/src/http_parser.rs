//! HTTP/1.x message framing for `stdlib/js/http.js`, fed from a socket's
//! reads in `tcp_binding.rs`: heads are parsed by `httparse`; a body is
//! delimited by `Content-Length`, by the chunked transfer coding, or (a
//! response only) by the end of the connection, as RFC 9112 §6.3 orders
//! them. Several pipelined messages in one read come out as consecutive
//! events. A malformed message ends parsing with an error whose code is
//! the one Node's llhttp gives (`HPE_INVALID_METHOD`, ...).

/// The largest head accepted (Node's default `--max-http-header-size`).
const MAX_HEAD: usize = 16 * 1024;
/// Header lines per message.
const MAX_HEADERS: usize = 128;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Request,
    Response,
}

/// A parsed request line or status line and its headers.
#[derive(Debug, Default)]
pub struct Head {
    pub method: String,
    pub url: String,
    pub status: u16,
    pub reason: String,
    /// The minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    pub minor: u8,
    /// Names as sent, values decoded as Latin-1 (as Node does).
    pub headers: Vec<(String, String)>,
    pub keep_alive: bool,
}

#[derive(Debug)]
pub enum Event {
    Head(Head),
    Body(Vec<u8>),
    /// The end of the current message.
    End,
    /// A malformed message: llhttp's code and reason. Nothing more is
    /// parsed from this connection.
    Error(&'static str, &'static str),
}

#[derive(Clone, Copy, Debug)]
enum Chunk {
    Size,
    Data(u64),
    DataEnd,
    Trailers,
}

#[derive(Clone, Copy, Debug)]
enum State {
    Head,
    Length(u64),
    Chunked(Chunk),
    UntilEof,
    Failed,
}

pub struct MessageParser {
    kind: Kind,
    buf: Vec<u8>,
    state: State,
    /// A response to HEAD: it has no body whatever its headers say.
    pub no_body: bool,
}

fn has_token(value: &str, token: &str) -> bool {
    value
        .split(',')
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn parse_error(e: httparse::Error) -> Event {
    match e {
        httparse::Error::HeaderName => {
            Event::Error("HPE_INVALID_HEADER_TOKEN", "Invalid header token")
        }
        httparse::Error::HeaderValue => {
            Event::Error("HPE_INVALID_HEADER_TOKEN", "Invalid header value char")
        }
        httparse::Error::NewLine => {
            Event::Error("HPE_LF_EXPECTED", "Missing expected LF after header value")
        }
        httparse::Error::Status => Event::Error("HPE_INVALID_STATUS", "Invalid response status"),
        httparse::Error::Token => Event::Error("HPE_INVALID_METHOD", "Invalid method encountered"),
        httparse::Error::TooManyHeaders => Event::Error("HPE_HEADER_OVERFLOW", "Header overflow"),
        httparse::Error::Version => Event::Error("HPE_INVALID_VERSION", "Invalid HTTP version"),
    }
}

impl MessageParser {
    pub fn new(kind: Kind) -> MessageParser {
        MessageParser {
            kind,
            buf: Vec::new(),
            state: State::Head,
            no_body: false,
        }
    }

    /// Parses what `data` completes; the events go to `out`.
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<Event>) {
        self.buf.extend_from_slice(data);
        let mut pos = 0;
        while pos < self.buf.len() {
            let rest = &self.buf[pos..];
            match self.state {
                State::Failed => {
                    pos = self.buf.len();
                }
                State::Head => {
                    // Blank lines before a request line are ignored (RFC 9112 §2.2).
                    if self.kind == Kind::Request && (rest[0] == b'\r' || rest[0] == b'\n') {
                        pos += 1;
                        continue;
                    }
                    match self.parse_head(rest) {
                        Ok(Some((n, _, _))) if n > MAX_HEAD => {
                            self.state = State::Failed;
                            out.push(Event::Error("HPE_HEADER_OVERFLOW", "Header overflow"));
                            break;
                        }
                        Ok(Some((n, head, body))) => {
                            pos += n;
                            match body {
                                Ok(state) => {
                                    out.push(Event::Head(head));
                                    self.state = state;
                                }
                                // A head whose body cannot be delimited is
                                // malformed as a whole.
                                Err(e) => {
                                    self.state = State::Failed;
                                    out.push(e);
                                    break;
                                }
                            }
                            if let State::Length(0) = self.state {
                                out.push(Event::End);
                                self.state = State::Head;
                            }
                        }
                        Ok(None) => {
                            if rest.len() > MAX_HEAD {
                                self.state = State::Failed;
                                out.push(Event::Error("HPE_HEADER_OVERFLOW", "Header overflow"));
                            }
                            break;
                        }
                        Err(e) => {
                            self.state = State::Failed;
                            out.push(e);
                            break;
                        }
                    }
                }
                State::Length(left) => {
                    let n = rest.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                    out.push(Event::Body(rest[..n].to_vec()));
                    pos += n;
                    let left = left - n as u64;
                    if left == 0 {
                        out.push(Event::End);
                        self.state = State::Head;
                    } else {
                        self.state = State::Length(left);
                    }
                }
                State::UntilEof => {
                    out.push(Event::Body(rest.to_vec()));
                    pos = self.buf.len();
                }
                State::Chunked(chunk) => {
                    let (state, used) = Self::chunk_step(chunk, rest, out);
                    self.state = state;
                    match used {
                        Some(n) => pos += n,
                        None => break,
                    }
                }
            }
        }
        self.buf.drain(..pos);
    }

    /// One step of the chunked coding: the next state, and the bytes it
    /// used (`None` when it needs more, or failed).
    fn chunk_step(chunk: Chunk, rest: &[u8], out: &mut Vec<Event>) -> (State, Option<usize>) {
        let fail = |out: &mut Vec<Event>| {
            out.push(Event::Error(
                "HPE_INVALID_CHUNK_SIZE",
                "Invalid character in chunk size",
            ));
            (State::Failed, None)
        };
        match chunk {
            Chunk::Size => match httparse::parse_chunk_size(rest) {
                Ok(httparse::Status::Complete((n, 0))) => {
                    (State::Chunked(Chunk::Trailers), Some(n))
                }
                Ok(httparse::Status::Complete((n, size))) => {
                    (State::Chunked(Chunk::Data(size)), Some(n))
                }
                Ok(httparse::Status::Partial) if rest.len() <= 1024 => {
                    (State::Chunked(chunk), None)
                }
                _ => fail(out),
            },
            Chunk::Data(left) => {
                let n = rest.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                out.push(Event::Body(rest[..n].to_vec()));
                let left = left - n as u64;
                let next = if left == 0 {
                    Chunk::DataEnd
                } else {
                    Chunk::Data(left)
                };
                (State::Chunked(next), Some(n))
            }
            Chunk::DataEnd => {
                if rest.starts_with(b"\r\n") {
                    (State::Chunked(Chunk::Size), Some(2))
                } else if rest == b"\r" {
                    (State::Chunked(chunk), None)
                } else {
                    fail(out)
                }
            }
            Chunk::Trailers => {
                // Trailer lines are skipped up to the empty line.
                match rest.windows(2).position(|w| w == b"\r\n") {
                    Some(0) => {
                        out.push(Event::End);
                        (State::Head, Some(2))
                    }
                    Some(end) => (State::Chunked(chunk), Some(end + 2)),
                    None => (State::Chunked(chunk), None),
                }
            }
        }
    }

    /// The head at the start of `buf`: its length, the head, and how its
    /// body is delimited (or the error that makes it unreadable).
    #[allow(clippy::type_complexity)]
    fn parse_head(&self, buf: &[u8]) -> Result<Option<(usize, Head, Result<State, Event>)>, Event> {
        let mut storage = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut head = Head::default();
        let (n, headers) = match self.kind {
            Kind::Request => {
                let mut req = httparse::Request::new(&mut storage);
                let n = match req.parse(buf).map_err(parse_error)? {
                    httparse::Status::Complete(n) => n,
                    httparse::Status::Partial => return Ok(None),
                };
                head.method = req.method.unwrap_or_default().to_string();
                head.url = req.path.unwrap_or_default().to_string();
                head.minor = req.version.unwrap_or(1);
                (n, req.headers)
            }
            Kind::Response => {
                let mut res = httparse::Response::new(&mut storage);
                let n = match res.parse(buf).map_err(parse_error)? {
                    httparse::Status::Complete(n) => n,
                    httparse::Status::Partial => return Ok(None),
                };
                head.status = res.code.unwrap_or(0);
                head.reason = res.reason.unwrap_or_default().to_string();
                head.minor = res.version.unwrap_or(1);
                (n, res.headers)
            }
        };
        let mut length: Option<u64> = None;
        let mut chunked = false;
        let mut transfer_encoding = false;
        let mut connection = String::new();
        let mut bad: Option<Event> = None;
        for h in headers.iter() {
            let value = latin1(h.value);
            if h.name.eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<u64>() {
                    Ok(v)
                        if length.is_none_or(|l| l == v)
                            && value.trim().bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        length = Some(v)
                    }
                    _ => {
                        bad = Some(Event::Error(
                            "HPE_UNEXPECTED_CONTENT_LENGTH",
                            "Invalid Content-Length",
                        ))
                    }
                }
            } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
                transfer_encoding = true;
                chunked = value
                    .rsplit(',')
                    .next()
                    .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
            } else if h.name.eq_ignore_ascii_case("connection") {
                if !connection.is_empty() {
                    connection.push(',');
                }
                connection.push_str(&value);
            }
            head.headers.push((h.name.to_string(), value));
        }
        head.keep_alive = if head.minor >= 1 {
            !has_token(&connection, "close")
        } else {
            has_token(&connection, "keep-alive")
        };
        let body = if let Some(e) = bad {
            Err(e)
        } else if transfer_encoding && length.is_some() {
            Err(Event::Error(
                "HPE_UNEXPECTED_CONTENT_LENGTH",
                "Content-Length can't be present with Transfer-Encoding",
            ))
        } else if self.kind == Kind::Response
            && (self.no_body || head.status / 100 == 1 || head.status == 204 || head.status == 304)
        {
            Ok(State::Length(0))
        } else if chunked {
            Ok(State::Chunked(Chunk::Size))
        } else if transfer_encoding && self.kind == Kind::Request {
            Err(Event::Error(
                "HPE_INVALID_TRANSFER_ENCODING",
                "Request has invalid `Transfer-Encoding`",
            ))
        } else if let Some(l) = length {
            Ok(State::Length(l))
        } else if self.kind == Kind::Response {
            head.keep_alive = false;
            Ok(State::UntilEof)
        } else {
            Ok(State::Length(0))
        };
        Ok(Some((n, head, body)))
    }

    /// The connection ended: a body delimited by the end ends; a message
    /// cut short is an error.
    pub fn finish(&mut self, out: &mut Vec<Event>) {
        match self.state {
            State::UntilEof => out.push(Event::End),
            State::Head if self.buf.iter().all(|b| *b == b'\r' || *b == b'\n') => {}
            State::Failed => {}
            _ => out.push(Event::Error("HPE_INVALID_EOF_STATE", "Invalid EOF state")),
        }
        self.state = State::Failed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(kind: Kind, pieces: &[&[u8]]) -> Vec<String> {
        let mut p = MessageParser::new(kind);
        let mut out = Vec::new();
        for piece in pieces {
            p.feed(piece, &mut out);
        }
        p.finish(&mut out);
        out.iter()
            .map(|e| match e {
                Event::Head(h) if kind == Kind::Request => {
                    format!(
                        "{} {} 1.{} ka={} {:?}",
                        h.method, h.url, h.minor, h.keep_alive, h.headers
                    )
                }
                Event::Head(h) => format!("{} {} ka={}", h.status, h.reason, h.keep_alive),
                Event::Body(b) => format!("body {}", String::from_utf8_lossy(b)),
                Event::End => "end".into(),
                Event::Error(code, _) => code.to_string(),
            })
            .collect()
    }

    #[test]
    fn pipelined_requests_split_anywhere() {
        let text = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /c HTTP/1.0\r\n\r\n";
        let whole = parse(Kind::Request, &[text]);
        assert_eq!(
            whole,
            [
                "GET /a 1.1 ka=true [(\"Host\", \"x\")]",
                "end",
                "POST /b 1.1 ka=true [(\"Content-Length\", \"5\")]",
                "body hello",
                "end",
                "GET /c 1.0 ka=false []",
                "end"
            ]
        );
        // Byte by byte: the same messages, the body in pieces.
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        let split = parse(Kind::Request, &bytes);
        let joined: Vec<String> = split
            .into_iter()
            .filter(|e| !e.starts_with("body"))
            .collect();
        let heads: Vec<String> = whole
            .into_iter()
            .filter(|e| !e.starts_with("body"))
            .collect();
        assert_eq!(joined, heads);
    }

    #[test]
    fn chunked_bodies_and_trailers() {
        let text: &[u8] = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nX-T: 1\r\n\r\n";
        assert_eq!(
            parse(Kind::Request, &[text]),
            [
                "POST / 1.1 ka=true [(\"Transfer-Encoding\", \"chunked\")]",
                "body hello",
                "body  world",
                "end"
            ]
        );
        assert_eq!(
            parse(
                Kind::Request,
                &[b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"]
            )[1],
            "HPE_INVALID_CHUNK_SIZE"
        );
    }

    #[test]
    fn malformed_requests_are_errors() {
        let first_error = |t: &[u8]| {
            parse(Kind::Request, &[t])
                .into_iter()
                .find(|e| e.starts_with("HPE"))
        };
        assert_eq!(
            first_error(b"G@T / HTTP/1.1\r\n\r\n").as_deref(),
            Some("HPE_INVALID_METHOD")
        );
        assert_eq!(
            first_error(b"GET / HTTP/9.1\r\n\r\n").as_deref(),
            Some("HPE_INVALID_VERSION")
        );
        assert_eq!(
            first_error(b"GET / HTTP/1.1\r\nBad Header: x\r\n\r\n").as_deref(),
            Some("HPE_INVALID_HEADER_TOKEN")
        );
        assert_eq!(
            first_error(b"POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n").as_deref(),
            Some("HPE_UNEXPECTED_CONTENT_LENGTH")
        );
        assert_eq!(
            first_error(
                b"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            .as_deref(),
            Some("HPE_UNEXPECTED_CONTENT_LENGTH")
        );
        let huge = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEAD + 1));
        assert_eq!(
            first_error(huge.as_bytes()).as_deref(),
            Some("HPE_HEADER_OVERFLOW")
        );
        // Cut off in the middle of a body.
        assert_eq!(
            first_error(b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc").as_deref(),
            Some("HPE_INVALID_EOF_STATE")
        );
    }

    #[test]
    fn response_bodies_by_length_chunks_or_end_of_connection() {
        assert_eq!(
            parse(
                Kind::Response,
                &[b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"]
            ),
            ["200 OK ka=true", "body hi", "end"]
        );
        assert_eq!(
            parse(
                Kind::Response,
                &[b"HTTP/1.1 404 Not Found\r\n\r\nuntil", b" the end"]
            ),
            [
                "404 Not Found ka=false",
                "body until",
                "body  the end",
                "end"
            ]
        );
        assert_eq!(
            parse(
                Kind::Response,
                &[b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"]
            ),
            ["204 No Content ka=false", "end"]
        );
    }
}
