// Package httpget fetches one http:// URL with a plain HTTP/1.0 GET
// (Connection: close), bounded in time by a context and in size by limits
// on the headers and the body. It exists so that winload can read other
// hosts' exporters without linking net/http, which would add megabytes of
// memory to every run of the screen. There is no TLS: https URLs are
// refused. Host names are resolved by Go's resolver (/etc/hosts, DNS).
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
)

// Client fetches URLs. Set both limits.
type Client struct {
	// MaxHeaderBytes bounds the status line and headers of a response.
	MaxHeaderBytes int64
	// MaxBody bounds a response's body; a longer one is an error.
	MaxBody int64
	// Accept, when set, is sent as the request's Accept header.
	Accept string

	// dial replaces dialTCP in tests.
	dial func(ctx context.Context, hostPort string) (net.Conn, error)
}

// Response is a whole response.
type Response struct {
	// StatusCode is the status, such as 200.
	StatusCode int
	// Header holds the response's headers.
	Header textproto.MIMEHeader
	// Body is the whole body.
	Body []byte
}

// Get fetches rawURL. ctx bounds the whole exchange, dialling included.
// Any status is a Response; errors are about the URL, the connection or a
// response that is malformed or over the limits.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("%q: only http://HOST[:PORT]/PATH URLs are supported (no https)", rawURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%q: user names and passwords in the URL are not supported", rawURL)
	}
	hostPort, err := HostPort(u)
	if err != nil {
		return nil, err
	}
	dial := c.dial
	if dial == nil {
		dial = dialTCP
	}
	conn, err := dial(ctx, hostPort)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(deadline)
	}
	req := "GET " + u.RequestURI() + " HTTP/1.0\r\nHost: " + u.Host + "\r\nUser-Agent: winload\r\nConnection: close\r\n"
	if c.Accept != "" {
		req += "Accept: " + c.Accept + "\r\n"
	}
	if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
		return nil, c.failed(ctx, err)
	}
	resp, err := c.readResponse(conn)
	if err != nil {
		return nil, c.failed(ctx, err)
	}
	return resp, nil
}

// HostPort returns "host:port" for an http URL, with port 80 when the
// URL names none; a port that is not a number from 1 to 65535 is an error.
func HostPort(u *url.URL) (string, error) {
	port := uint64(80)
	if p := u.Port(); p != "" {
		var err error
		if port, err = strconv.ParseUint(p, 10, 16); err != nil || port == 0 {
			return "", fmt.Errorf("%q is not a port", p)
		}
	}
	return net.JoinHostPort(u.Hostname(), strconv.FormatUint(port, 10)), nil
}

// dialTCP connects to hostPort within ctx, resolving a host name first.
func dialTCP(ctx context.Context, hostPort string) (net.Conn, error) {
	return (&net.Dialer{}).DialContext(ctx, "tcp", hostPort)
}

// failed prefers the context's error (a timeout, a cancel) over the one
// the closed connection gave.
func (c *Client) failed(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return context.DeadlineExceeded
	}
	return err
}

// errMalformed is wrapped by the errors about a response that is not
// HTTP/1.x or is over the limits.
var errMalformed = errors.New("malformed response")

// readResponse reads a response to a GET from r until its end.
func (c *Client) readResponse(r io.Reader) (*Response, error) {
	limited := &io.LimitedReader{R: r, N: c.MaxHeaderBytes}
	br := bufio.NewReader(limited)
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	if err != nil {
		return nil, c.short(limited, err)
	}
	proto, rest, _ := strings.Cut(line, " ")
	code, _, _ := strings.Cut(rest, " ")
	status, err := strconv.Atoi(code)
	if proto != "HTTP/1.0" && proto != "HTTP/1.1" || len(code) != 3 || err != nil || status < 100 {
		return nil, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	header, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, c.short(limited, err)
	}
	if te, ok := header["Transfer-Encoding"]; ok {
		return nil, fmt.Errorf("%w: Transfer-Encoding %q to an HTTP/1.0 request", errMalformed, te)
	}
	length := int64(-1)
	if cl := header.Values("Content-Length"); len(cl) > 0 {
		length, err = strconv.ParseInt(cl[0], 10, 64)
		if err != nil || length < 0 || len(cl) > 1 {
			return nil, fmt.Errorf("%w: Content-Length %q", errMalformed, cl)
		}
	}
	resp := &Response{StatusCode: status, Header: header}
	if status < 200 || status == 204 || status == 304 {
		return resp, nil
	}
	limited.N = c.MaxBody + 1 // what bufio holds is counted below
	if length > c.MaxBody {
		return nil, fmt.Errorf("%w: body of %d bytes, over the limit of %d", errMalformed, length, c.MaxBody)
	}
	if length >= 0 {
		resp.Body = make([]byte, length)
		if _, err := io.ReadFull(br, resp.Body); err != nil {
			return nil, fmt.Errorf("body cut short: %w", err)
		}
		return resp, nil
	}
	resp.Body, err = io.ReadAll(io.LimitReader(br, c.MaxBody+1))
	if err != nil {
		return nil, err
	}
	if int64(len(resp.Body)) > c.MaxBody {
		return nil, fmt.Errorf("%w: body over the limit of %d bytes", errMalformed, c.MaxBody)
	}
	return resp, nil
}

// short names the reason the headers ended early.
func (c *Client) short(limited *io.LimitedReader, err error) error {
	if limited.N <= 0 {
		return fmt.Errorf("%w: headers over the limit of %d bytes", errMalformed, c.MaxHeaderBytes)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: the connection closed before the end of the headers", errMalformed)
	}
	var perr textproto.ProtocolError
	if errors.As(err, &perr) {
		return fmt.Errorf("%w: %w", errMalformed, err)
	}
	return err
}
