package app

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader on two
// goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freePort returns a 127.0.0.1 address that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestQuietServesUntilCancelled runs --quiet --listen with a log: nothing
// on standard output, one line on standard error, the metrics served, the
// log written, and exit status 0 when the context ends (as on SIGTERM).
func TestQuietServesUntilCancelled(t *testing.T) {
	addr := freePort(t)
	logFile := filepath.Join(t.TempDir(), "traffic.log")
	cfg := parse(t, "--quiet", "--listen", addr, "-f", logFile, "-t", "100", "lo")
	var out, errOut syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, cfg, IO{Stdout: &out, Stderr: &errOut, Terminal: true, Version: "v9"}, noReload)
	}()

	var body string
	for deadline := time.Now().Add(10 * time.Second); body == ""; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/metrics"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
		} else if time.Now().After(deadline) {
			t.Fatalf("no metrics at %s: %v; stderr %q", addr, err, errOut.String())
		}
	}
	for _, want := range []string{`winload_network_receive_bytes_total{device="lo"} `, `winload_build_info{version="v9",`, `winload_loopback_info{mode="native"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("exposition lacks %q:\n%s", want, body)
		}
	}
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("exit %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the context ended")
	}
	if out.String() != "" {
		t.Errorf("--quiet wrote to standard output: %q", out.String())
	}
	if got, want := errOut.String(), "winload: serving metrics on http://"+addr+"/metrics\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if data, err := os.ReadFile(logFile); err != nil || !strings.Contains(string(data), "lo") {
		t.Errorf("traffic log: %q, %v", data, err)
	}
	if _, err := http.Get("http://" + addr + "/metrics"); err == nil {
		t.Error("the server still answers after Run returned")
	}
}

func TestListenPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, args := range [][]string{
		{"--quiet", "--listen", busy.Addr().String()},
		{"--json", "--listen", busy.Addr().String()},
		{"--json", "--listen", "nonsense"},
		{"--json", "--listen", "example.com:9101"},
		{"--json", "--listen", "127.0.0.1:65536"},
	} {
		var errOut bytes.Buffer
		code := Run(context.Background(), parse(t, append(args, "lo")...), IO{Stdout: io.Discard, Stderr: &errOut}, noReload)
		if code != ExitUsage || !strings.HasPrefix(errOut.String(), "winload: --listen: ") || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want 2 and one line naming --listen", args, code, errOut.String())
		}
	}
}
