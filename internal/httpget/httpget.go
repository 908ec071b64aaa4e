// Package httpget is a minimal HTTP/1.1 client for one job: a GET of a
// plain http:// URL whose answer is read once, the connection closed
// after it. It exists so that winload does not link net/http (and with
// it crypto/tls and HTTP/2), which would grow its resident memory by
// megabytes: the status line and headers are read with net/textproto,
// the body by Content-Length, chunked or up to the end of the
// connection.
package httpget

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// maxHeaderBytes bounds the status line and headers of an answer.
const maxHeaderBytes = 1 << 20

// ErrHTTPS is returned for an https:// URL.
var ErrHTTPS = errors.New("https is not supported; read the endpoint over http, or put it behind a proxy that speaks http on localhost")

// Response is an answer's status, headers and body. The body must be
// closed.
type Response struct {
	// StatusCode is the status, such as 200; Status is it with its
	// reason, such as "200 OK".
	StatusCode int
	Status     string
	// Header holds the answer's headers.
	Header textproto.MIMEHeader
	// ContentLength is the body's announced length, -1 when unknown.
	ContentLength int64
	// Body reads the body; closing it closes the connection.
	Body io.ReadCloser
}

// Get sends GET for u with the given extra headers (such as Accept) and
// returns the answer once its headers are read. ctx bounds everything,
// reading the body included: when it is done, the connection's reads
// fail with ctx's error.
func Get(ctx context.Context, u *url.URL, header map[string]string) (*Response, error) {
	switch u.Scheme {
	case "http":
	case "https":
		return nil, ErrHTTPS
	default:
		return nil, fmt.Errorf("%q: only http:// URLs are read", u.Redacted())
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &ctxConn{Conn: conn, ctx: ctx}
	c.stop = context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	resp, err := exchange(c, u, header)
	if err != nil {
		c.Close()
		return nil, c.wrap(err)
	}
	return resp, nil
}

// exchange writes the request and reads the answer's head.
func exchange(c *ctxConn, u *url.URL, header map[string]string) (*Response, error) {
	var req strings.Builder
	req.WriteString("GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\n")
	for k, v := range header {
		req.WriteString(k + ": " + v + "\r\n")
	}
	req.WriteString("Accept-Encoding: identity\r\nConnection: close\r\n\r\n")
	if _, err := io.WriteString(c, req.String()); err != nil {
		return nil, err
	}
	lim := &capped{r: c, n: maxHeaderBytes}
	br := bufio.NewReader(lim)
	resp, err := ReadResponse(br)
	if err != nil {
		return nil, err
	}
	lim.n = -1 // the body's limits are the caller's
	resp.Body = &body{Reader: resp.Body, c: c}
	return resp, nil
}

// ReadResponse reads an answer to a GET from r: the status line (1xx
// answers are skipped), the headers, and a body reader that stops at the
// body's end.
func ReadResponse(r *bufio.Reader) (*Response, error) {
	tp := textproto.NewReader(r)
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return nil, headErr(err)
		}
		proto, status, _ := strings.Cut(line, " ")
		code, _, _ := strings.Cut(status, " ")
		n, err := strconv.Atoi(code)
		if !strings.HasPrefix(proto, "HTTP/1.") || len(code) != 3 || err != nil || n < 100 {
			return nil, fmt.Errorf("not an HTTP answer: %q", clip(line))
		}
		h, err := tp.ReadMIMEHeader()
		if err != nil {
			return nil, headErr(err)
		}
		if n < 200 {
			continue
		}
		resp := &Response{StatusCode: n, Status: strings.TrimSpace(status), Header: h, ContentLength: -1}
		return resp, resp.setBody(r)
	}
}

// setBody picks how the body ends: chunked, by Content-Length, or with
// the connection.
func (resp *Response) setBody(r *bufio.Reader) error {
	if enc := resp.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return fmt.Errorf("the answer is compressed (%s), though identity was asked for", clip(enc))
	}
	if te := resp.Header.Values("Transfer-Encoding"); len(te) > 0 {
		if len(te) != 1 || !strings.EqualFold(strings.TrimSpace(te[0]), "chunked") {
			return fmt.Errorf("unsupported Transfer-Encoding %q", clip(strings.Join(te, ", ")))
		}
		resp.Body = io.NopCloser(&chunked{r: r})
		return nil
	}
	if cl := resp.Header.Values("Content-Length"); len(cl) > 0 {
		n, err := strconv.ParseInt(strings.TrimSpace(cl[0]), 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("bad Content-Length %q", clip(cl[0]))
		}
		for _, v := range cl[1:] {
			if strings.TrimSpace(v) != strings.TrimSpace(cl[0]) {
				return errors.New("conflicting Content-Length headers")
			}
		}
		resp.ContentLength = n
		resp.Body = io.NopCloser(&exact{r: r, n: n})
		return nil
	}
	resp.Body = io.NopCloser(r)
	return nil
}

// errHeadTooLong is returned for a status line and headers over
// maxHeaderBytes.
var errHeadTooLong = fmt.Errorf("the answer's headers are longer than %d KiB", maxHeaderBytes>>10)

func headErr(err error) error {
	if errors.Is(err, io.EOF) {
		return errors.New("the connection closed before a whole HTTP answer")
	}
	var perr textproto.ProtocolError
	if errors.As(err, &perr) {
		return fmt.Errorf("not an HTTP answer: %w", err)
	}
	return err
}

// clip shortens s for a message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// capped fails once more than n bytes are read; n < 0 lifts the cap.
type capped struct {
	r io.Reader
	n int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.n < 0 {
		return c.r.Read(p)
	}
	if c.n == 0 {
		return 0, errHeadTooLong
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// exact reads a body of n bytes; one cut short is an error.
type exact struct {
	r io.Reader
	n int64
}

func (e *exact) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	k, err := e.r.Read(p)
	e.n -= int64(k)
	if err == io.EOF && e.n > 0 {
		err = io.ErrUnexpectedEOF
	}
	return k, err
}

// chunked decodes a chunked body (RFC 9112, 7.1).
type chunked struct {
	r    *bufio.Reader
	left int64 // bytes left in the current chunk
	end  bool  // the last chunk and the trailers were read
	err  error
}

// maxChunkLine bounds a chunk-size line and a trailer line.
const maxChunkLine = 4096

func (c *chunked) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.end {
		return 0, io.EOF
	}
	if c.left == 0 {
		if c.err = c.next(); c.err != nil {
			return 0, c.err
		}
		if c.end {
			return 0, io.EOF
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	k, err := c.r.Read(p)
	c.left -= int64(k)
	if c.left == 0 && err == nil {
		err = c.crlf()
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	c.err = err
	return k, err
}

// next reads a chunk-size line; for the last chunk, the trailers too.
func (c *chunked) next() error {
	line, err := c.line()
	if err != nil {
		return err
	}
	size, _, _ := strings.Cut(line, ";")
	size = strings.TrimRight(size, " \t")
	n, err := strconv.ParseInt(size, 16, 64)
	if err != nil || n < 0 || size == "" || size[0] == '+' || size[0] == '-' {
		return fmt.Errorf("bad chunk size %q", clip(line))
	}
	if n > 0 {
		c.left = n
		return nil
	}
	for {
		line, err := c.line()
		if err != nil {
			return err
		}
		if line == "" {
			c.end = true
			return nil
		}
	}
}

// crlf reads the CRLF after a chunk's data.
func (c *chunked) crlf() error {
	line, err := c.line()
	if err != nil {
		return err
	}
	if line != "" {
		return errors.New("chunk data longer than its size")
	}
	return nil
}

// line reads one line ending in LF (CR LF), without its ending.
func (c *chunked) line() (string, error) {
	var b []byte
	for {
		part, err := c.r.ReadSlice('\n')
		b = append(b, part...)
		if len(b) > maxChunkLine {
			return "", errors.New("chunk line too long")
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			return "", io.ErrUnexpectedEOF
		}
		if err != nil {
			return "", err
		}
		return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
	}
}

// body closes the connection when closed and reports ctx's error for
// reads that failed because ctx was done.
type body struct {
	io.Reader
	c *ctxConn
}

func (b *body) Read(p []byte) (int, error) {
	k, err := b.Reader.Read(p)
	if err != nil && err != io.EOF {
		err = b.c.wrap(err)
	}
	return k, err
}

func (b *body) Close() error { return b.c.Close() }

// ctxConn is a connection whose deadline follows a context.
type ctxConn struct {
	net.Conn
	ctx  context.Context
	stop func() bool
}

// wrap returns ctx's error for a read that failed because ctx was done.
func (c *ctxConn) wrap(err error) error {
	if cerr := c.ctx.Err(); cerr != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		return cerr
	}
	return err
}

func (c *ctxConn) Close() error {
	c.stop()
	return c.Conn.Close()
}
