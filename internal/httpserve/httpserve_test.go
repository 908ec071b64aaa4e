package httpserve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pipeListener hands out the server ends of in-memory connections, so
// that the tests need no network. It counts the connections open at once.
type pipeListener struct {
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
	open, max atomic.Int32
	closed    chan net.Conn // each server end, once the server closed it
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), done: make(chan struct{}), closed: make(chan net.Conn, 1000)}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		n := l.open.Add(1)
		for m := l.max.Load(); n > m && !l.max.CompareAndSwap(m, n); m = l.max.Load() {
		}
		return &countedConn{Conn: c, l: l}, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return &net.TCPAddr{} }

// dial connects a new client; it blocks until the server accepts.
func (l *pipeListener) dial(t *testing.T) net.Conn {
	t.Helper()
	client, server := net.Pipe()
	select {
	case l.conns <- server:
	case <-time.After(10 * time.Second):
		t.Fatal("the server accepted no connection within 10 s")
	}
	t.Cleanup(func() { client.Close() })
	return client
}

type countedConn struct {
	net.Conn
	l    *pipeListener
	once sync.Once
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.l.open.Add(-1)
		c.l.closed <- c
	})
	return err
}

var testRoutes = map[string]Page{
	"/metrics": func() (string, []byte) { return "text/plain; version=0.0.4", []byte("up 1\n") },
	"/":        func() (string, []byte) { return "text/html", []byte("<p>hi</p>\n") },
}

// start serves testRoutes on a pipeListener until the test ends.
func start(t *testing.T, s *Server) *pipeListener {
	t.Helper()
	if s.Routes == nil {
		s.Routes = testRoutes
	}
	l := newPipeListener()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return l
}

func testServer() *Server {
	return &Server{ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second, MaxHeaderBytes: 1 << 10, MaxConns: 4}
}

// exchange sends raw on a new connection and reads the response with
// net/http's parser, which must accept it.
func exchange(t *testing.T, l *pipeListener, raw string, head bool) (*http.Response, string) {
	t.Helper()
	c := l.dial(t)
	defer c.Close()
	go func() { io.WriteString(c, raw) }()
	method := "GET"
	if head {
		method = "HEAD"
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%q: the response does not parse: %v", raw, err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%q: reading the body: %v", raw, err)
	}
	return resp, string(body)
}

func TestAnswers(t *testing.T) {
	l := start(t, testServer())
	for _, tc := range []struct {
		raw   string
		code  int
		ctype string
		body  string
	}{
		{"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/plain; version=0.0.4", "up 1\n"},
		{"GET /metrics HTTP/1.0\r\n\r\n", 200, "text/plain; version=0.0.4", "up 1\n"},
		{"GET /metrics HTTP/1.0\nUser-Agent: bare line feeds\n\n", 200, "text/plain; version=0.0.4", "up 1\n"},
		{"GET /metrics?name[]=up HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/plain; version=0.0.4", "up 1\n"},
		{"GET http://x:9101/metrics HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/plain; version=0.0.4", "up 1\n"},
		{"GET /%6detrics HTTP/1.1\r\nHost: x\r\n\r\n", 200, "text/plain; version=0.0.4", "up 1\n"},
		{"GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n", 200, "text/html", "<p>hi</p>\n"},
		{"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", 405, "text/plain; charset=utf-8", "405 Method Not Allowed\n"},
		{"get /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 405, "text/plain; charset=utf-8", "405 Method Not Allowed\n"},
		{"GET /metrics/ HTTP/1.1\r\nHost: x\r\n\r\n", 404, "text/plain; charset=utf-8", "404 Not Found\n"},
		{"DELETE /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404, "text/plain; charset=utf-8", "404 Not Found\n"},
		{"GET /metrics HTTP/1.1\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET /metrics HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET /metrics HTTP/1.1\r\nHost x\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET /metrics HTTP/1.1\r\n Host: x\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET metrics HTTP/1.1\r\nHost: x\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET /metrics\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET  /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"G(T /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET /metrics FTP/1.1\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400, "text/plain; charset=utf-8", "400 Bad Request\n"},
		{"GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n", 505, "text/plain; charset=utf-8", "505 HTTP Version Not Supported\n"},
		{"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 2<<10) + "\r\n\r\n", 431, "text/plain; charset=utf-8", "431 Request Header Fields Too Large\n"},
		{"GET /" + strings.Repeat("a", 2<<10) + " HTTP/1.1\r\nHost: x\r\n\r\n", 431, "text/plain; charset=utf-8", "431 Request Header Fields Too Large\n"},
	} {
		resp, body := exchange(t, l, tc.raw, false)
		name := tc.raw[:min(len(tc.raw), 40)]
		if resp.StatusCode != tc.code {
			t.Errorf("%q: status %d, want %d", name, resp.StatusCode, tc.code)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("%q: Content-Type %q, want %q", name, got, tc.ctype)
		}
		if body != tc.body || resp.ContentLength != int64(len(tc.body)) {
			t.Errorf("%q: body %q (Content-Length %d), want %q", name, body, resp.ContentLength, tc.body)
		}
		if !resp.Close {
			t.Errorf("%q: no Connection: close", name)
		}
		if allow := resp.Header.Get("Allow"); (tc.code == 405) != (allow == "GET, HEAD") {
			t.Errorf("%q: Allow %q with status %d", name, allow, resp.StatusCode)
		}
		if _, err := http.ParseTime(resp.Header.Get("Date")); err != nil {
			t.Errorf("%q: Date: %v", name, err)
		}
	}
}

// TestHeadHasNoBody: HEAD answers the headers of GET, Content-Length
// included, and not a byte more.
func TestHeadHasNoBody(t *testing.T) {
	l := start(t, testServer())
	for _, tc := range []struct {
		raw    string
		code   int
		length int64
	}{
		{"HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 200, 5},
		{"HEAD /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404, 14},
	} {
		c := l.dial(t)
		go io.WriteString(c, tc.raw)
		all, err := io.ReadAll(c)
		if err != nil {
			t.Fatal(err)
		}
		head, rest, _ := strings.Cut(string(all), "\r\n\r\n")
		if rest != "" {
			t.Errorf("%q: %d bytes after the headers", tc.raw, len(rest))
		}
		resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(head+"\r\n\r\n")), &http.Request{Method: "HEAD"})
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tc.code || resp.ContentLength != tc.length {
			t.Errorf("%q: status %d, Content-Length %d; want %d, %d", tc.raw, resp.StatusCode, resp.ContentLength, tc.code, tc.length)
		}
	}
}

// waitClosed waits until the server closed its end of a connection.
func waitClosed(t *testing.T, l *pipeListener, what string) {
	t.Helper()
	select {
	case <-l.closed:
	case <-time.After(10 * time.Second):
		t.Fatalf("the server kept %s", what)
	}
}

// TestSlowClientIsCutOff: a client that never finishes its headers is
// closed after ReadHeaderTimeout, without an answer.
func TestSlowClientIsCutOff(t *testing.T) {
	s := testServer()
	s.ReadHeaderTimeout = 50 * time.Millisecond
	l := start(t, s)
	c := l.dial(t)
	io.WriteString(c, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
	waitClosed(t, l, "a client that never finished its request")
	if n, err := c.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("the slow client read %d bytes, %v; want the connection closed", n, err)
	}
}

// TestClientThatDoesNotReadIsCutOff: a client that never reads its
// response is closed after WriteTimeout.
func TestClientThatDoesNotReadIsCutOff(t *testing.T) {
	s := testServer()
	s.WriteTimeout = 50 * time.Millisecond
	l := start(t, s)
	c := l.dial(t)
	io.WriteString(c, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
	waitClosed(t, l, "a client that never read its response")
	if n, err := c.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("read %d bytes, %v after the write timeout; want the connection closed", n, err)
	}
}

// TestMaxConns: with 30 clients at once and MaxConns 3, every client is
// answered and the server never holds more than 3 connections.
func TestMaxConns(t *testing.T) {
	s := testServer()
	s.MaxConns = 3
	l := start(t, s)
	var wg sync.WaitGroup
	for range 30 {
		wg.Go(func() {
			c, server := net.Pipe()
			defer c.Close()
			l.conns <- server
			go io.WriteString(c, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
		})
	}
	wg.Wait()
	if m := l.max.Load(); m > 3 || m < 1 {
		t.Errorf("%d connections open at once, want 1 to 3", m)
	}
}

// TestCancelClosesEverything: when the context ends, Serve closes the
// listener and every connection and returns nil.
func TestCancelClosesEverything(t *testing.T) {
	l := newPipeListener()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- testServer().Serve(ctx, l) }()
	c := l.dial(t)
	io.WriteString(c, "GET /metrics HTTP/1.1\r\n")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if n, err := c.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("an open connection read %d bytes, %v after Serve returned; want it closed", n, err)
	}
	select {
	case <-l.done:
	default:
		t.Error("the listener is still open")
	}
}

// TestBrokenListener: a listener that fails ends Serve with its error.
func TestBrokenListener(t *testing.T) {
	l := newPipeListener()
	l.Close()
	err := testServer().Serve(context.Background(), l)
	if !errors.Is(err, net.ErrClosed) {
		t.Errorf("Serve on a closed listener = %v, want net.ErrClosed", err)
	}
}

// FuzzReadRequest compares readRequest with net/http's parser: whatever
// readRequest accepts, net/http accepts with the same method and path,
// save for the framing of a body, which the server never reads.
func FuzzReadRequest(f *testing.F) {
	for _, s := range []string{
		"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
		"HEAD / HTTP/1.0\r\n\r\n",
		"GET http://h/metrics?x=1 HTTP/1.1\r\nHost: h\r\nAccept: text/plain\r\n\r\n",
		"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /a HTTP/1.1\r\nHost: x\r\nX: a\r\n  folded\r\n\r\n",
		"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx",
		"GET /a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
		"GET /a HTTP/9.9\r\n\r\n",
		"\r\n\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		req, err := readRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return
		}
		want, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil && (strings.Contains(err.Error(), "Content-Length") || strings.Contains(err.Error(), "Transfer-Encoding")) {
			return
		}
		if err != nil {
			t.Fatalf("readRequest accepted %q, net/http refused it: %v", raw, err)
		}
		if req.method != want.Method || req.path != want.URL.Path {
			t.Fatalf("%q: %s %s, net/http reads %s %s", raw, req.method, req.path, want.Method, want.URL.Path)
		}
	})
}
