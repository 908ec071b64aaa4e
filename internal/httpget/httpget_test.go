package httpget

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func get(t *testing.T, ctx context.Context, raw string) (*Response, string, error) {
	t.Helper()
	resp, err := Get(ctx, mustURL(t, raw), map[string]string{"Accept": "text/plain"})
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

// Bodies by Content-Length and chunked come back whole, with the status
// and headers, from Go's own server; the request asks for no compression
// and a closed connection.
func TestGetFromGoServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept-Encoding") != "identity" || !r.Close || r.Header.Get("Accept") != "text/plain" || r.Method != http.MethodGet {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("X-Path", r.URL.RequestURI())
		switch r.URL.Path {
		case "/chunked":
			for i := range 3 {
				io.WriteString(w, strings.Repeat("ab", 3000*(i+1)))
				w.(http.Flusher).Flush()
			}
		case "/missing":
			http.NotFound(w, r)
		default:
			io.WriteString(w, "up 1\n")
		}
	}))
	defer srv.Close()
	tests := []struct {
		path, status, body, te string
	}{
		{"/metrics?collect[]=netdev", "200 OK", "up 1\n", ""},
		{"/chunked", "200 OK", strings.Repeat("ab", 18000), "chunked"},
		{"/missing", "404 Not Found", "404 page not found\n", ""},
	}
	for _, tt := range tests {
		resp, body, err := get(t, context.Background(), srv.URL+tt.path)
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if resp.Status != tt.status || body != tt.body || resp.Header.Get("X-Path") != tt.path {
			t.Errorf("%s: %q %q (%d bytes), X-Path %q", tt.path, resp.Status, body[:min(len(body), 20)], len(body), resp.Header.Get("X-Path"))
		}
		if (tt.te == "") != (resp.ContentLength >= 0) {
			t.Errorf("%s: ContentLength %d", tt.path, resp.ContentLength)
		}
	}
}

// rawServer answers every connection with answer, after reading the
// request's head; hold keeps the connection open afterwards until the
// test ends.
func rawServer(t *testing.T, answer string, hold bool) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() {
		close(done)
		ln.Close()
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				io.WriteString(c, answer)
				if hold {
					<-done
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/metrics"
}

func TestGetRawAnswers(t *testing.T) {
	tests := []struct {
		name, answer, body, err string
	}{
		{"to the end", "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nup 1\nx 2\n", "up 1\nx 2\n", ""},
		{"1xx first", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA", "ok", ""},
		{"chunk extension and trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n", "abc", ""},
		{"short body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "", "unexpected EOF"},
		{"cut chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", "", "unexpected EOF"},
		{"bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc", "", "bad chunk size"},
		{"gzip", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nabc", "", "compressed (gzip)"},
		{"other encoding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "", "unsupported Transfer-Encoding"},
		{"bad length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "", "bad Content-Length"},
		{"two lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "", "conflicting Content-Length"},
		{"not HTTP", "SSH-2.0-OpenSSH_9.2\r\n", "", "not an HTTP answer"},
		{"nothing", "", "", "closed before a whole HTTP answer"},
		{"bad header", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "", "not an HTTP answer"},
		{"huge head", "HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", maxHeaderBytes) + "\r\n\r\n", "", "headers are longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body, err := get(t, context.Background(), rawServer(t, tt.answer, false))
			if tt.err == "" && (err != nil || body != tt.body) {
				t.Fatalf("got %q, %v; want %q", body, err, tt.body)
			}
			if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("got %q, %v; want an error with %q", body, err, tt.err)
			}
		})
	}
}

// A server that never answers, or never ends its body, is given up when
// the context ends; the error says so.
func TestGetGivesUpWithContext(t *testing.T) {
	for _, answer := range []string{"", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"} {
		u := rawServer(t, answer, true)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		_, _, err := get(t, ctx, u)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("answer %q: %v, want a deadline error", answer, err)
		}
		ctx, cancel = context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, _, err = get(t, ctx, u)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("answer %q: %v, want context.Canceled", answer, err)
		}
	}
}

func TestGetRefusals(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, _, err = get(t, context.Background(), "http://"+addr+"/")
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("closed port: %v, want connection refused", err)
	}
	if _, _, err = get(t, context.Background(), "https://"+addr+"/"); !errors.Is(err, ErrHTTPS) {
		t.Errorf("https: %v", err)
	}
	if _, _, err = get(t, context.Background(), "ftp://"+addr+"/"); err == nil || !strings.Contains(err.Error(), "only http://") {
		t.Errorf("ftp: %v", err)
	}
}

// Whatever the bytes, ReadResponse gives an answer whose body reads to
// an end, or an error; never a panic or a body longer than its input.
func FuzzReadResponse(f *testing.F) {
	f.Add([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
	f.Add([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n"))
	f.Add([]byte("HTTP/1.0 200 OK\r\n\r\nup 1\n"))
	f.Add([]byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		resp, err := ReadResponse(bufio.NewReader(strings.NewReader(string(in))))
		if err != nil {
			return
		}
		if resp.StatusCode < 200 || resp.StatusCode > 999 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		b, _ := io.ReadAll(resp.Body)
		if len(b) > len(in) {
			t.Fatalf("body of %d bytes from %d", len(b), len(in))
		}
		if resp.ContentLength >= 0 && int64(len(b)) > resp.ContentLength {
			t.Fatalf("body of %d bytes, Content-Length %d", len(b), resp.ContentLength)
		}
	})
}
