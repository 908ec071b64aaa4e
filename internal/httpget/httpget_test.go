package httpget

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// pipeClient is a Client whose connections go to serve, run on the other
// end of an in-memory pipe, so that the tests need no network. It records
// the address dialled and the request serve read.
type pipeClient struct {
	*Client
	addr string
	req  chan *http.Request
}

func newPipeClient(serve func(conn net.Conn)) *pipeClient {
	p := &pipeClient{Client: &Client{MaxHeaderBytes: 1 << 10, MaxBody: 64}, req: make(chan *http.Request, 1)}
	p.dial = func(ctx context.Context, hostPort string) (net.Conn, error) {
		p.addr = hostPort
		client, server := net.Pipe()
		go func() {
			defer server.Close()
			req, err := http.ReadRequest(bufio.NewReader(server))
			if err != nil {
				return
			}
			p.req <- req
			serve(server)
		}()
		return client, nil
	}
	return p
}

// reply answers raw.
func reply(raw string) func(net.Conn) {
	return func(conn net.Conn) { io.WriteString(conn, raw) }
}

func TestGet(t *testing.T) {
	for _, tc := range []struct {
		name, raw string
		code      int
		body      string
		err       string
	}{
		{"content length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nup 1\n", 200, "up 1\n", ""},
		{"to the end", "HTTP/1.0 200 OK\r\n\r\nup 1\nup 2\n", 200, "up 1\nup 2\n", ""},
		{"bare line feeds", "HTTP/1.0 200 OK\nX: y\n\nup 1\n", 200, "up 1\n", ""},
		{"no reason", "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok", 200, "ok", ""},
		{"not found", "HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nnot found\n", 404, "not found\n", ""},
		{"no content", "HTTP/1.1 204 No Content\r\n\r\n", 204, "", ""},
		{"body at the limit", "HTTP/1.0 200 OK\r\n\r\n" + strings.Repeat("a", 64), 200, strings.Repeat("a", 64), ""},
		{"body over the limit", "HTTP/1.0 200 OK\r\n\r\n" + strings.Repeat("a", 65), 0, "", "body over the limit of 64 bytes"},
		{"announced body over the limit", "HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n", 0, "", "body of 65 bytes, over the limit"},
		{"body cut short", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 0, "", "body cut short"},
		{"bad content length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 0, "", "Content-Length"},
		{"two content lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 0, "", "Content-Length"},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n", 0, "", "Transfer-Encoding"},
		{"headers over the limit", "HTTP/1.1 200 OK\r\nX: " + strings.Repeat("h", 2<<10) + "\r\n\r\n", 0, "", "headers over the limit of 1024 bytes"},
		{"garbage", "SSH-2.0-OpenSSH_9.2\r\n\r\n", 0, "", "malformed response"},
		{"HTTP/2", "HTTP/2 200\r\n\r\n", 0, "", "malformed response"},
		{"status not a number", "HTTP/1.1 2x0 OK\r\n\r\n", 0, "", "malformed response"},
		{"bad header line", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n", 0, "", "malformed response"},
		{"closed in the headers", "HTTP/1.1 200 OK\r\nX: y\r\n", 0, "", "closed before the end of the headers"},
		{"nothing", "", 0, "", "closed before the end of the headers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newPipeClient(reply(tc.raw))
			resp, err := c.Get(context.Background(), "http://192.0.2.7:9100/metrics?x=1")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Get = %v, want an error saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.code || string(resp.Body) != tc.body {
				t.Errorf("Get = %d %q, want %d %q", resp.StatusCode, resp.Body, tc.code, tc.body)
			}
		})
	}
}

// TestRequest: the request is an HTTP/1.0 GET of the path and query, with
// the URL's host, Connection: close and the Accept header, to port 80 when
// the URL names none.
func TestRequest(t *testing.T) {
	for _, tc := range []struct{ url, addr, host, uri string }{
		{"http://192.0.2.7:9100/metrics?x=1", "192.0.2.7:9100", "192.0.2.7:9100", "/metrics?x=1"},
		{"http://192.0.2.7", "192.0.2.7:80", "192.0.2.7", "/"},
		{"http://localhost:9100/metrics", "localhost:9100", "localhost:9100", "/metrics"},
		{"http://web1.lan/metrics", "web1.lan:80", "web1.lan", "/metrics"},
		{"http://[::1]/api/v1/query?query=up%7Bjob%3D%22node%22%7D", "[::1]:80", "[::1]", "/api/v1/query?query=up%7Bjob%3D%22node%22%7D"},
	} {
		c := newPipeClient(reply("HTTP/1.0 200 OK\r\n\r\n"))
		c.Accept = "text/plain;version=0.0.4"
		if _, err := c.Get(context.Background(), tc.url); err != nil {
			t.Fatal(err)
		}
		req := <-c.req
		if c.addr != tc.addr || req.Host != tc.host || req.RequestURI != tc.uri || req.Method != "GET" || req.Proto != "HTTP/1.0" ||
			!req.Close || req.Header.Get("Accept") != c.Accept {
			t.Errorf("%s: dialled %s, sent %s %s %s Host %s Close %v Accept %q", tc.url, c.addr, req.Method, req.RequestURI, req.Proto, req.Host, req.Close, req.Header.Get("Accept"))
		}
	}
}

func TestBadURLs(t *testing.T) {
	c := newPipeClient(reply("HTTP/1.0 200 OK\r\n\r\n"))
	for _, u := range []string{"https://192.0.2.7/metrics", "192.0.2.7:9100/metrics", "http:///metrics", "http://user:pw@192.0.2.7/", "ftp://192.0.2.7/", "http://192.0.2.7:9100/%zz",
		"http://192.0.2.7:0/", "http://192.0.2.7:65536/", "http://192.0.2.7:x/"} {
		if _, err := c.Get(context.Background(), u); err == nil {
			t.Errorf("Get(%q) succeeded", u)
		}
	}
}

// TestHangingServer: a server that never answers costs the context's
// time and no more.
func TestHangingServer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c := newPipeClient(func(net.Conn) { <-release })
	for _, cancelled := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		if cancelled {
			cancel()
		}
		_, err := c.Get(ctx, "http://192.0.2.7/metrics")
		cancel()
		want := context.DeadlineExceeded
		if cancelled {
			want = context.Canceled
		}
		if !errors.Is(err, want) {
			t.Errorf("Get from a hanging server = %v, want %v", err, want)
		}
	}
}

// FuzzReadResponse compares readResponse with net/http's parser: whatever
// readResponse accepts, net/http reads with the same status and body.
func FuzzReadResponse(f *testing.F) {
	for _, s := range []string{
		"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nup 1\n",
		"HTTP/1.0 200 OK\r\n\r\nup 1\n",
		"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 204 No Content\r\nX: a\r\n  b\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
	} {
		f.Add(s)
	}
	c := &Client{MaxHeaderBytes: 4 << 10, MaxBody: 1 << 10}
	f.Fuzz(func(t *testing.T, raw string) {
		resp, err := c.readResponse(strings.NewReader(raw))
		if err != nil {
			return
		}
		want, err := http.ReadResponse(bufio.NewReader(strings.NewReader(raw)), &http.Request{Method: "GET", Proto: "HTTP/1.0", ProtoMajor: 1})
		if err != nil {
			t.Fatalf("readResponse accepted %q, net/http refused it: %v", raw, err)
		}
		body, err := io.ReadAll(want.Body)
		if err != nil {
			t.Fatalf("readResponse accepted %q, net/http refused its body: %v", raw, err)
		}
		if resp.StatusCode != want.StatusCode || string(resp.Body) != string(body) {
			t.Fatalf("%q: %d %q, net/http reads %d %q", raw, resp.StatusCode, resp.Body, want.StatusCode, body)
		}
	})
}

// TestGetFromRealServer dials a real server on 127.0.0.1 (and localhost):
// by address and by name (localhost, through the resolver), it connects
// and reads the whole answer.
func TestGetFromRealServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "up 1\n")
	}))
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	c := &Client{MaxHeaderBytes: 1 << 10, MaxBody: 64}
	for _, host := range []string{"127.0.0.1", "localhost"} {
		resp, err := c.Get(context.Background(), "http://"+host+":"+port+"/metrics")
		if err != nil || resp.StatusCode != 200 || string(resp.Body) != "up 1\n" {
			t.Errorf("%s: %+v, %v", host, resp, err)
		}
	}
}
