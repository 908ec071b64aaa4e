package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// --remote joins another host's devices, named HOST/DEVICE, to the local
// ones, and the filters, device arguments and streams work on them.
func TestRunWithRemoteExporter(t *testing.T) {
	var rx atomic.Uint64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := rx.Add(100_000)
		fmt.Fprintf(w, "node_network_receive_bytes_total{device=\"eth0\"} %d\nnode_network_transmit_bytes_total{device=\"eth0\"} %d\n", n, n/2)
	}))
	defer srv.Close()

	var out, errOut bytes.Buffer
	cfg := parse(t, "-t", "500", "--count", "4", "--json", "--remote", "web1="+srv.URL, "--include", "web*/eth0")
	if code := Run(context.Background(), cfg, IO{Stdout: &out, Stderr: &errOut}, noReload); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 1 || !strings.Contains(lines[0], `"device":"web1/eth0"`) || strings.Contains(out.String(), `"device":"lo"`) {
		t.Errorf("stream:\n%s", out.String())
	}

	errOut.Reset()
	cfg = parse(t, "--json", "--remote", "web1="+srv.URL, "web1/eth1")
	if code := Run(context.Background(), cfg, IO{Stdout: &out, Stderr: &errOut}, noReload); code != ExitUsage || !strings.Contains(errOut.String(), "web1/eth1") {
		t.Errorf("a remote device that does not exist: exit %d, %q", code, errOut.String())
	}
}

// A host never reached is named on standard error at the start of a
// stream, and the local devices carry on.
func TestRunWithUnreachableRemote(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens there any more
	var out, errOut bytes.Buffer
	cfg := parse(t, "-t", "100", "--count", "2", "--remote", "gone="+srv.URL, "lo")
	if code := Run(context.Background(), cfg, IO{Stdout: &out, Stderr: &errOut}, noReload); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "winload: gone: unreachable: connection refused") || !strings.Contains(out.String(), " lo in: ") {
		t.Errorf("stderr %q, stdout %q", errOut.String(), out.String())
	}
}

// --listen next to --remote exports this machine's devices only: another
// host's counters are that host's to export, not winload's as if local.
func TestListenDoesNotReexportRemotes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "node_network_receive_bytes_total{device=\"eth7\"} 4242\nnode_network_transmit_bytes_total{device=\"eth7\"} 4343\n")
	}))
	defer srv.Close()
	addr := freePort(t)
	cfg := parse(t, "--quiet", "--listen", addr, "-t", "100", "--remote", "web1="+srv.URL)
	var out, errOut syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- Run(ctx, cfg, IO{Stdout: &out, Stderr: &errOut, Terminal: true}, noReload) }()
	defer func() {
		cancel()
		<-done
	}()
	var body string
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(body, `device="lo"`); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/metrics"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
		} else if time.Now().After(deadline) {
			t.Fatalf("no metrics at %s: %v; stderr %q", addr, err, errOut.String())
		}
	}
	if strings.Contains(body, "eth7") || strings.Contains(body, "4242") {
		t.Errorf("the remote device is exported as local:\n%s", body)
	}
}
