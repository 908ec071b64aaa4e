// Package httpserve is a small HTTP/1.0 and 1.1 server for a few
// read-only pages: GET and HEAD on a fixed table of paths, one request per
// connection (Connection: close), with deadlines, a header size limit and
// a bound on open connections. It exists so that winload can serve
// /metrics without linking net/http, which would add megabytes of memory
// to every run of the screen.
package httpserve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Page is what a GET on a path answers.
type Page func() (contentType string, body []byte)

// Server serves Routes on a listener. The zero limits are not usable:
// set every field.
type Server struct {
	// Routes maps a request's path (without the query) to its page;
	// other paths are 404.
	Routes map[string]Page
	// ReadHeaderTimeout bounds the time a client has to send its request
	// line and headers.
	ReadHeaderTimeout time.Duration
	// WriteTimeout bounds the time a client has to take the response.
	WriteTimeout time.Duration
	// MaxHeaderBytes bounds the request line and headers; larger
	// requests get 431.
	MaxHeaderBytes int64
	// MaxConns bounds the connections served at once; more wait in the
	// listener's queue until one ends.
	MaxConns int
}

// lingerTimeout and lingerBytes bound the reading of what a client still
// sends after its response (a huge header, a body), which is discarded so
// that closing does not reset the connection before the client has read
// the response.
const (
	lingerTimeout = 500 * time.Millisecond
	lingerBytes   = 4 << 20
)

// Serve accepts connections on ln and answers them until ctx is done;
// then it closes ln and every open connection, waits for its goroutines
// and returns nil. Should ln fail, Serve returns its error.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	slots := make(chan struct{}, s.MaxConns)
	backoff := time.Duration(0)
	for {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		conn, err := ln.Accept()
		if err != nil {
			<-slots
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			// Out of file descriptors and the like: wait and try again.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return nil
			}
			continue
		}
		backoff = 0
		wg.Go(func() {
			defer func() { <-slots }()
			unwatch := context.AfterFunc(ctx, func() { conn.Close() })
			defer unwatch()
			defer conn.Close()
			s.serveConn(conn)
		})
	}
}

// serveConn reads one request from conn and answers it.
func (s *Server) serveConn(conn net.Conn) {
	conn.SetReadDeadline(time.Now().Add(s.ReadHeaderTimeout))
	limited := &io.LimitedReader{R: conn, N: s.MaxHeaderBytes}
	req, err := readRequest(bufio.NewReader(limited))
	var res response
	switch {
	case err == nil:
		res = s.answer(req)
	case limited.N <= 0:
		res = failure(431, "Request Header Fields Too Large")
	case errors.Is(err, errVersion):
		res = failure(505, "HTTP Version Not Supported")
	case errors.Is(err, errBadRequest):
		res = failure(400, "Bad Request")
	default:
		return // the client left or was too slow: nobody to answer
	}
	conn.SetWriteDeadline(time.Now().Add(s.WriteTimeout))
	if _, err := conn.Write(res.bytes(req.method == "HEAD")); err != nil {
		return
	}
	if cw, ok := conn.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	conn.SetReadDeadline(time.Now().Add(lingerTimeout))
	io.Copy(io.Discard, io.LimitReader(conn, lingerBytes))
}

// answer routes a well-formed request.
func (s *Server) answer(req request) response {
	page, ok := s.Routes[req.path]
	switch {
	case !ok:
		return failure(404, "Not Found")
	case req.method != "GET" && req.method != "HEAD":
		res := failure(405, "Method Not Allowed")
		res.header = "Allow: GET, HEAD\r\n"
		return res
	}
	ctype, body := page()
	return response{status: "200 OK", ctype: ctype, body: body}
}

// request is what the server needs of a request.
type request struct {
	method, path string
}

var (
	errBadRequest = errors.New("malformed request")
	errVersion    = errors.New("HTTP version not supported")
)

// readRequest reads a request line and its headers. Errors wrap
// errBadRequest or errVersion when the client deserves an answer; others
// come from reading.
func readRequest(r *bufio.Reader) (request, error) {
	tp := textproto.NewReader(r)
	line, err := tp.ReadLine()
	if err != nil {
		return request{}, err
	}
	method, rest, ok1 := strings.Cut(line, " ")
	target, proto, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !isToken(method) {
		return request{}, fmt.Errorf("%w: request line %q", errBadRequest, line)
	}
	if proto != "HTTP/1.1" && proto != "HTTP/1.0" {
		if strings.HasPrefix(proto, "HTTP/") {
			return request{}, fmt.Errorf("%w: %q", errVersion, proto)
		}
		return request{}, fmt.Errorf("%w: request line %q", errBadRequest, line)
	}
	u, err := url.ParseRequestURI(target)
	if err != nil || !strings.HasPrefix(u.Path, "/") {
		return request{}, fmt.Errorf("%w: target %q", errBadRequest, target)
	}
	header, err := tp.ReadMIMEHeader()
	if err != nil {
		var perr textproto.ProtocolError
		if errors.As(err, &perr) {
			return request{}, fmt.Errorf("%w: %w", errBadRequest, err)
		}
		return request{}, err
	}
	if hosts := len(header["Host"]); hosts > 1 || hosts == 0 && proto == "HTTP/1.1" {
		return request{}, fmt.Errorf("%w: %d Host headers", errBadRequest, hosts)
	}
	return request{method: method, path: u.Path}, nil
}

// isToken reports whether s is an HTTP token (RFC 9110, section 5.6.2).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// response is an answer about to be written.
type response struct {
	status, ctype, header string
	body                  []byte
}

// failure is an error response with its status as a text body.
func failure(code int, text string) response {
	status := strconv.Itoa(code) + " " + text
	return response{status: status, ctype: "text/plain; charset=utf-8", body: []byte(status + "\n")}
}

// bytes renders the response, without its body for a HEAD request.
func (r response) bytes(head bool) []byte {
	b := make([]byte, 0, 160+len(r.body))
	b = append(b, "HTTP/1.1 "+r.status+"\r\nContent-Type: "+r.ctype+"\r\n"+r.header+"Content-Length: "...)
	b = strconv.AppendInt(b, int64(len(r.body)), 10)
	b = append(b, "\r\nConnection: close\r\nDate: "...)
	b = time.Now().UTC().AppendFormat(b, "Mon, 02 Jan 2006 15:04:05 GMT")
	b = append(b, "\r\n\r\n"...)
	if !head {
		b = append(b, r.body...)
	}
	return b
}
