package export

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var testInfo = Info{Version: "v1.2.3", GOOS: "linux", GOARCH: "amd64", Loopback: "native"}

// fixed is a snapshot with every kind of device: with and without the
// extra counters, a name that needs escaping, full 64-bit counters and a
// device of another host, which must not be exported.
func fixed() *monitor.Snapshot {
	return &monitor.Snapshot{Time: time.Unix(1700000000, 0), Devices: []monitor.Counters{
		{Device: source.Device{Name: "Loopback Pseudo-Interface 1", Rx: 1<<64 - 1, Tx: 1 << 53}},
		{Device: source.Device{Name: "eth0", Rx: 1000, Tx: 2000, Extra: source.Extra{
			Valid: true, RxPackets: 10, TxPackets: 20, RxErrors: 1, TxErrors: 2, RxDropped: 3, TxDropped: 4}}},
		{Device: source.Device{Name: "we\"ird\\na\nme", Rx: 5, Tx: 6}},
		{Host: "web1", Device: source.Device{Name: "eth0", Rx: 4242, Tx: 4242}},
	}}
}

type static struct{ s *monitor.Snapshot }

func (s static) Snapshot() *monitor.Snapshot { return s.s }

func TestExpositionGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		snap *monitor.Snapshot
	}{
		{"fixed", fixed()},
		{"empty", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			Write(&buf, tc.snap, testInfo)
			path := "testdata/" + tc.name + ".prom"
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("exposition differs from %s (go test -update rewrites it):\n%s", path, got)
			}
			if strings.Contains(buf.String(), "4242") {
				t.Error("a remote device was exported as local")
			}
		})
	}
}

// serve starts the server on a free port of 127.0.0.1 and returns its
// address; the server stops at the end of the test.
func serve(t *testing.T, snaps Snapshots) string {
	t.Helper()
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, snaps, testInfo) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

func TestMethodsPathsAndNegotiation(t *testing.T) {
	addr := serve(t, static{fixed()})
	var golden bytes.Buffer
	Write(&golden, fixed(), testInfo)
	for _, tc := range []struct {
		method, path, accept string
		code                 int
		ctype, body          string
	}{
		{"GET", "/metrics", "", 200, contentType, golden.String()},
		{"GET", "/metrics", "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", 200, contentType, golden.String()},
		{"GET", "/metrics", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", 200, contentType, golden.String()},
		{"HEAD", "/metrics", "", 200, contentType, ""},
		{"GET", "/", "", 200, "text/html; charset=utf-8", indexPage},
		{"HEAD", "/", "", 200, "text/html; charset=utf-8", ""},
		{"POST", "/metrics", "", 405, "", ""},
		{"PUT", "/", "", 405, "", ""},
		{"DELETE", "/metrics", "", 405, "", ""},
		{"GET", "/metrics/x", "", 404, "", ""},
		{"GET", "/favicon.ico", "", 404, "", ""},
		{"POST", "/nope", "", 404, "", ""},
	} {
		req, err := http.NewRequest(tc.method, "http://"+addr+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.accept != "" {
			req.Header.Set("Accept", tc.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		name := tc.method + " " + tc.path + " " + tc.accept
		if resp.StatusCode != tc.code {
			t.Errorf("%s: status %d, want %d", name, resp.StatusCode, tc.code)
		}
		if tc.code == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow = %q", name, resp.Header.Get("Allow"))
		}
		if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s: Content-Type %q, want %q", name, resp.Header.Get("Content-Type"), tc.ctype)
		}
		if tc.code == 200 && string(body) != tc.body {
			t.Errorf("%s: body %q, want %q", name, body, tc.body)
		}
	}
}

func TestHugeHeaderRefused(t *testing.T) {
	addr := serve(t, static{fixed()})
	req, _ := http.NewRequest("GET", "http://"+addr+"/metrics", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 64<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status %d for a 64 KiB header, want 431", resp.StatusCode)
	}
}

// TestSlowClientIsCutOff opens a request that never finishes its headers;
// the server must close the connection after its header timeout while
// still answering others.
func TestSlowClientIsCutOff(t *testing.T) {
	addr := serve(t, static{fixed()})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("another client while one hangs: %v", err)
	}
	resp.Body.Close()
	conn.SetReadDeadline(time.Now().Add(readHeaderTimeout + 5*time.Second))
	_, err = io.ReadAll(conn) // returns once the server closes
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a client that never finished its request for over %v", readHeaderTimeout+5*time.Second)
	}
}

func TestParallelScrapes(t *testing.T) {
	addr := serve(t, static{fixed()})
	var golden bytes.Buffer
	Write(&golden, fixed(), testInfo)
	tr := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: 200}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	var wg sync.WaitGroup
	for range 200 {
		wg.Go(func() {
			resp, err := client.Get("http://" + addr + "/metrics")
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if string(body) != golden.String() {
				t.Errorf("a parallel scrape got %d bytes, want %d", len(body), golden.Len())
			}
		})
	}
	wg.Wait()
}

func TestListenErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tc := range []struct{ addr, want string }{
		{busy.Addr().String(), "address already in use"},
		{"9101", "is not IP:PORT"},
		{"localhost", "is not IP:PORT"},
		{"127.0.0.1:", "is not IP:PORT"},
		{"127.0.0.1:99999", "is not a number from 0 to 65535"},
		{"127.0.0.1:http", "is not a number from 0 to 65535"},
		{"[::1:9101", "is not IP:PORT"},
		{"a b:9101", "is not an IP address"},
		{"example.com:9101", "is not an IP address"},
		{"192.0.2.1:9101", "cannot listen"},
	} {
		ln, err := Listen(tc.addr)
		if err == nil {
			ln.Close()
			t.Errorf("Listen(%q) succeeded", tc.addr)
			continue
		}
		msg := err.Error()
		if !errors.Is(err, ErrListen) || !strings.HasPrefix(msg, "--listen: ") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("Listen(%q) = %q, want one line starting --listen: and saying %q", tc.addr, msg, tc.want)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "[::1]:0", ":0", "0.0.0.0:0"} {
		ln, err := Listen(addr)
		if err != nil {
			if strings.HasPrefix(addr, "[::1]") {
				continue // no IPv6 here
			}
			t.Errorf("Listen(%q): %v", addr, err)
			continue
		}
		ln.Close()
	}
}

// TestScrapeReadsTheLatestSnapshot checks that a scrape sees what the
// monitor published last, not a copy taken when the server started.
func TestScrapeReadsTheLatestSnapshot(t *testing.T) {
	src := &growing{}
	m, err := monitor.New(src, monitor.Options{Stats: testStats, Snapshots: true})
	if err != nil {
		t.Fatal(err)
	}
	addr := serve(t, m)
	for i := range 3 {
		if err := m.Sample(time.Unix(int64(i), 0)); err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`winload_network_receive_bytes_total{device="lo"} %d`, (i+1)*1000)
		found := false
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			found = found || sc.Text() == want
		}
		resp.Body.Close()
		if !found {
			t.Errorf("sample %d: no line %q", i, want)
		}
	}
}

// TestServeReportsAFailedListener: when the listener breaks, Serve
// returns an error naming --listen instead of leaving the run without
// its server.
func TestServeReportsAFailedListener(t *testing.T) {
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), ln, static{fixed()}, testInfo) }()
	ln.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrListen) {
			t.Errorf("Serve = %v, want an error wrapping ErrListen", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after its listener closed")
	}
}

// FuzzDeviceLabel: whatever a device is called, its receive line is one
// line whose label value reads back as the name under the text format's
// escaping rules.
func FuzzDeviceLabel(f *testing.F) {
	for _, name := range []string{"lo", "Loopback Pseudo-Interface 1", `a"b\c`, "new\nline", "Ethernet (Kernel Debugger)", "\\n", "", "bad\xff"} {
		f.Add(name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		var buf bytes.Buffer
		Write(&buf, &monitor.Snapshot{Devices: []monitor.Counters{{Device: source.Device{Name: name, Rx: 7}}}}, testInfo)
		const prefix = `winload_network_receive_bytes_total{device="`
		var line string
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.HasPrefix(l, prefix) {
				if line != "" {
					t.Fatalf("two receive lines for %q:\n%s", name, buf.String())
				}
				line = l
			}
		}
		value, ok := strings.CutSuffix(strings.TrimPrefix(line, prefix), `"} 7`)
		if !ok {
			t.Fatalf("receive line for %q is %q", name, line)
		}
		var got strings.Builder
		for i := 0; i < len(value); i++ {
			c := value[i]
			if c == '"' {
				t.Fatalf("unescaped quote in %q", line)
			}
			if c != '\\' {
				got.WriteByte(c)
				continue
			}
			i++
			if i == len(value) {
				t.Fatalf("dangling backslash in %q", line)
			}
			switch value[i] {
			case '\\', '"':
				got.WriteByte(value[i])
			case 'n':
				got.WriteByte('\n')
			default:
				t.Fatalf("unknown escape in %q", line)
			}
		}
		if want := strings.ToValidUTF8(name, "\uFFFD"); got.String() != want {
			t.Errorf("label reads back as %q, want %q", got.String(), want)
		}
	})
}
