//go:build linux

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// nsClient is an HTTP client whose connections are made inside the
// network namespace ns: each dial switches one locked OS thread into the
// namespace, makes the socket there and switches back.
func nsClient(t *testing.T, ns string, timeout time.Duration) *http.Client {
	t.Helper()
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		runtime.LockOSThread()
		self, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			return nil, err
		}
		defer self.Close()
		target, err := os.Open("/run/netns/" + ns)
		if err != nil {
			runtime.UnlockOSThread()
			return nil, err
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			return nil, fmt.Errorf("setns: %w", err)
		}
		conn, dialErr := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err := unix.Setns(int(self.Fd()), unix.CLONE_NEWNET); err != nil {
			// The thread stays in the namespace: keep it locked so that
			// it dies with this goroutine instead of serving others.
			return conn, dialErr
		}
		runtime.UnlockOSThread()
		return conn, dialErr
	}
	tr := &http.Transport{DialContext: dial, MaxIdleConnsPerHost: 256}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: timeout}
}

// inNetns starts a command inside the namespace; its output goes to a
// file in the test's directory, shown when the test fails.
func inNetns(t *testing.T, ip, ns string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(ip, append([]string{"netns", "exec", ns}, args...)...)
	logPath := filepath.Join(t.TempDir(), filepath.Base(args[0])+".log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %v: %v", args, err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		f.Close()
		if t.Failed() {
			out, _ := os.ReadFile(logPath)
			t.Logf("%s output:\n%s", args[0], lastLines(string(out), 20))
		}
	})
	return cmd
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// startTraffic runs the test binary's traffic helper in the namespace at
// rate bytes per second; it stops at cleanup.
func startTraffic(t *testing.T, ip, ns string, rate int) {
	t.Helper()
	cmd := exec.Command(ip, "netns", "exec", ns, os.Args[0])
	cmd.Env = append(os.Environ(), helperEnv+"=traffic", fmt.Sprintf("%s=%d", helperRate, rate))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("traffic helper: %q, %v", line, err)
	}
}

// waitHTTP polls url until it answers 200 or the deadline passes.
func waitHTTP(t *testing.T, c *http.Client, url string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within %v: %v", url, timeout, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// kernelLog samples lo's received bytes in the namespace of pid every
// 50 ms until stop is closed.
type kernelLog struct {
	mu      sync.Mutex
	samples []procSample
}

func (k *kernelLog) run(pid int, stop <-chan struct{}) {
	for {
		before := time.Now()
		rx, err := nsLoRx(pid)
		after := time.Now()
		if err == nil {
			k.mu.Lock()
			k.samples = append(k.samples, procSample{before: before, after: after, rx: rx})
			k.mu.Unlock()
		}
		select {
		case <-stop:
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// rate is the kernel's rate of lo's received bytes between from and to.
func (k *kernelLog) rate(from, to time.Time) (float64, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	var first, last *procSample
	for i := range k.samples {
		s := &k.samples[i]
		if first == nil && !s.before.Before(from) {
			first = s
		}
		if !s.after.After(to) {
			last = s
		}
	}
	if first == nil || last == nil || !last.after.After(first.after) {
		return 0, false
	}
	mid := func(s *procSample) time.Time { return s.before.Add(s.after.Sub(s.before) / 2) }
	return float64(last.rx-first.rx) / mid(last).Sub(mid(first)).Seconds(), true
}

// queryScalar runs an instant PromQL query at time at and returns the one
// value it gives.
func queryScalar(t *testing.T, c *http.Client, query string, at time.Time) (float64, bool) {
	t.Helper()
	u := "http://127.0.0.1:19090/api/v1/query?" + url.Values{
		"query": {query}, "time": {strconv.FormatFloat(float64(at.UnixMilli())/1000, 'f', 3, 64)},
	}.Encode()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("querying Prometheus: %v", err)
	}
	defer resp.Body.Close()
	var r struct {
		Status string `json:"status"`
		Data   struct {
			Result []struct {
				Value [2]any `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || r.Status != "success" {
		t.Fatalf("Prometheus answered %v, %v", r.Status, err)
	}
	if len(r.Data.Result) != 1 {
		return 0, false
	}
	s, _ := r.Data.Result[0].Value[1].(string)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// sampleSpan returns the times of the first and last samples of a range
// vector selector at time at: the samples rate() works from.
func sampleSpan(t *testing.T, c *http.Client, selector string, at time.Time) (first, last time.Time, ok bool) {
	t.Helper()
	u := "http://127.0.0.1:19090/api/v1/query?" + url.Values{
		"query": {selector}, "time": {strconv.FormatFloat(float64(at.UnixMilli())/1000, 'f', 3, 64)},
	}.Encode()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("querying Prometheus: %v", err)
	}
	defer resp.Body.Close()
	var r struct {
		Data struct {
			Result []struct {
				Values [][2]any `json:"values"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Data.Result) != 1 || len(r.Data.Result[0].Values) < 2 {
		return first, last, false
	}
	v := r.Data.Result[0].Values
	stamp := func(x any) time.Time {
		f, _ := x.(float64)
		return time.UnixMilli(int64(math.Round(f * 1000)))
	}
	return stamp(v[0][0]), stamp(v[len(v)-1][0]), true
}

// TestPrometheusScrapesWinload runs the real Prometheus against winload
// --quiet --listen in a network namespace with a steady load on its lo:
// the rate Prometheus computes from the exported counter must agree with
// the kernel's within 2 %, and promtool must find no problem in the
// exposition.
func TestPrometheusScrapesWinload(t *testing.T) {
	prom, err := exec.LookPath("prometheus")
	if err != nil {
		t.Skip("prometheus is not installed (make test installs Debian's prometheus package)")
	}
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed (it comes with Debian's prometheus package)")
	}
	config, err := filepath.Abs("testdata/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	ip, ns := netns(t)
	client := nsClient(t, ns, 5*time.Second)
	startTraffic(t, ip, ns, 1<<20)

	wl := inNetns(t, ip, ns, binary, "--no-config", "--quiet", "--listen", "127.0.0.1:19101", "-t", "100")
	waitHTTP(t, client, "http://127.0.0.1:19101/metrics", 10*time.Second)
	stop := make(chan struct{})
	defer close(stop)
	var kernel kernelLog
	go kernel.run(wl.Process.Pid, stop)

	// promtool on the exposition.
	resp, err := client.Get("http://127.0.0.1:19101/metrics")
	if err != nil {
		t.Fatal(err)
	}
	exposition, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	check := exec.Command(promtool, "check", "metrics")
	check.Stdin = bytes.NewReader(exposition)
	if out, err := check.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("promtool check metrics: %v\n%s\nexposition:\n%s", err, out, exposition)
	}

	inNetns(t, ip, ns, prom, "--config.file="+config, "--storage.tsdb.path="+t.TempDir(),
		"--web.listen-address=127.0.0.1:19090", "--log.level=warn")
	waitHTTP(t, client, "http://127.0.0.1:19090/-/ready", 20*time.Second)

	const query = `rate(winload_network_receive_bytes_total{device="lo"}[5s])`
	// Wait until the series has been scraped for longer than the window,
	// so that rate() is not cut short at the start of the series.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		n, ok := queryScalar(t, client, `count_over_time(winload_network_receive_bytes_total{device="lo"}[7s])`, time.Now())
		if ok && n >= 7 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Prometheus did not get 7 scrapes of winload within 20 s (%v samples)", n)
		}
	}
	var lastErr string
	for attempt := 0; attempt < 6; attempt++ {
		at := time.Now().Add(-500 * time.Millisecond)
		got, ok := queryScalar(t, client, query, at)
		// rate() is the slope between the first and the last sample in
		// the window, so the kernel's counter is read over those times.
		first, last, sok := sampleSpan(t, client, `winload_network_receive_bytes_total{device="lo"}[5s]`, at)
		want, kok := kernel.rate(first, last)
		kok = kok && sok
		if ok && kok {
			diff := math.Abs(got-want) / want
			t.Logf("attempt %d: Prometheus %.0f B/s, kernel %.0f B/s, off by %.2f%%", attempt, got, want, diff*100)
			if diff <= 0.02 {
				break
			}
			lastErr = fmt.Sprintf("Prometheus %.0f B/s vs kernel %.0f B/s (%.2f%% off)", got, want, diff*100)
		} else {
			lastErr = fmt.Sprintf("no rate yet (query %v, kernel %v)", ok, kok)
		}
		if attempt == 5 {
			t.Fatalf("Prometheus' %s never came within 2%% of the kernel's counters: %s", query, lastErr)
		}
		time.Sleep(time.Second)
	}

	dashboardQueriesWork(t, client)

	// SIGTERM ends the service with status 0.
	wl.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- wl.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("winload --quiet after SIGTERM: %v, want exit status 0", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("winload --quiet did not exit within 5 s of SIGTERM")
	}
	out, _ := os.ReadFile(filepath.Join(filepath.Dir(wl.Stdout.(*os.File).Name()), filepath.Base(binary)+".log"))
	if got := strings.TrimSpace(string(out)); got != "winload: serving metrics on http://127.0.0.1:19101/metrics" {
		t.Errorf("--quiet wrote %q, want the one line saying where it serves", got)
	}
}

// vmRSS reads a process's resident memory in KiB.
func vmRSS(t *testing.T, pid int) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kib
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// TestListenHardening attacks winload --json --listen in a namespace with
// bad methods and paths, huge headers, clients that never finish their
// request and 200 parallel scrapes; the JSON stream must keep its tick
// rate and the memory must stay bounded.
func TestListenHardening(t *testing.T) {
	ip, ns := netns(t)
	client := nsClient(t, ns, 20*time.Second)
	const interval = 100 * time.Millisecond
	cmd := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--json", "--listen", "127.0.0.1:19101", "-t", "100ms")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	// Every JSON line is one sample of lo, the namespace's only device.
	var mu sync.Mutex
	var stamps []time.Time
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var line struct {
				Time time.Time `json:"time"`
			}
			if json.Unmarshal(sc.Bytes(), &line) == nil {
				mu.Lock()
				stamps = append(stamps, line.Time)
				mu.Unlock()
			}
		}
	}()
	waitHTTP(t, client, "http://127.0.0.1:19101/metrics", 10*time.Second)
	time.Sleep(time.Second)
	rssBefore := vmRSS(t, cmd.Process.Pid)
	attackStart := time.Now()

	// Clients that never finish their request headers.
	var slow []net.Conn
	for range 20 {
		conn, err := client.Transport.(*http.Transport).DialContext(context.Background(), "tcp", "127.0.0.1:19101")
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprint(conn, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
		slow = append(slow, conn)
	}
	defer func() {
		for _, c := range slow {
			c.Close()
		}
	}()
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			req, _ := http.NewRequest("GET", "http://127.0.0.1:19101/metrics", nil)
			want := 200
			switch i % 4 {
			case 1:
				req.Method, want = "POST", 405
			case 2:
				req.URL.Path, want = "/admin", 404
			case 3:
				req.Header.Set("X-Big", strings.Repeat("h", 1<<20))
				want = 431
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Errorf("request %d: %v", i, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("request %d (%s %s): status %d, want %d", i, req.Method, req.URL.Path, resp.StatusCode, want)
			}
		})
	}
	wg.Wait()
	// The slow clients are cut off by the header timeout.
	for _, c := range slow {
		c.SetReadDeadline(time.Now().Add(15 * time.Second))
		if _, err := io.ReadAll(c); err != nil {
			t.Errorf("a client that never finished its request was kept: %v", err)
			break
		}
	}
	attackEnd := time.Now()
	rssAfter := vmRSS(t, cmd.Process.Pid)

	mu.Lock()
	defer mu.Unlock()
	n, maxGap := 0, time.Duration(0)
	var prev time.Time
	for _, s := range stamps {
		if s.Before(attackStart) || s.After(attackEnd) {
			continue
		}
		if !prev.IsZero() {
			maxGap = max(maxGap, s.Sub(prev))
		}
		prev = s
		n++
	}
	expected := int(attackEnd.Sub(attackStart) / interval)
	t.Logf("%d samples in %v (%d expected), longest gap %v; RSS %d KiB before, %d KiB after", n, attackEnd.Sub(attackStart).Round(time.Millisecond), expected, maxGap, rssBefore, rssAfter)
	if n < expected*8/10 {
		t.Errorf("the sampling loop slowed down under attack: %d samples, %d expected", n, expected)
	}
	if maxGap > time.Second {
		t.Errorf("the sampling loop stalled for %v under attack", maxGap)
	}
	if rssAfter-rssBefore > 32<<10 {
		t.Errorf("RSS grew from %d KiB to %d KiB under attack", rssBefore, rssAfter)
	}
}

// dashboardQueriesWork runs every query of docs/grafana-dashboard.json,
// with Grafana's variables filled in, against the real Prometheus: each
// must be valid PromQL, and those about bytes and packets must find lo.
func dashboardQueriesWork(t *testing.T, c *http.Client) {
	t.Helper()
	data, err := os.ReadFile("../../docs/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("grafana-dashboard.json: %v", err)
	}
	vars := strings.NewReplacer("$__rate_interval", "4s", "$__range", "5s", "$instance", ".*", "$device", ".*")
	n := 0
	for _, p := range d.Panels {
		for _, target := range p.Targets {
			n++
			q := vars.Replace(target.Expr)
			u := "http://127.0.0.1:19090/api/v1/query?" + url.Values{"query": {q}}.Encode()
			resp, err := c.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Status string `json:"status"`
				Error  string `json:"error"`
				Data   struct {
					Result []json.RawMessage `json:"result"`
				} `json:"data"`
			}
			err = json.NewDecoder(resp.Body).Decode(&r)
			resp.Body.Close()
			switch {
			case err != nil || r.Status != "success":
				t.Errorf("dashboard panel %q: %s: %v %s", p.Title, q, err, r.Error)
			case !strings.Contains(q, "errors") && !strings.Contains(q, "drops") && len(r.Data.Result) == 0:
				t.Errorf("dashboard panel %q: %s finds nothing", p.Title, q)
			}
		}
	}
	if n == 0 {
		t.Error("the dashboard has no queries")
	}
}

// scrapeLo fetches /metrics through c and reports whether it has lo's
// received bytes.
func scrapeLo(t *testing.T, c *http.Client, addr string) bool {
	t.Helper()
	resp, err := c.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Errorf("scraping %s: %v", addr, err)
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode == 200 && strings.Contains(string(body), `winload_network_receive_bytes_total{device="lo"} `)
}

// TestScreenAndListenTogether: winload --listen draws the screen and
// serves at the same time, and q still quits with status 0.
func TestScreenAndListenTogether(t *testing.T) {
	ip, ns := netns(t)
	client := nsClient(t, ns, 5*time.Second)
	p := newPane(t, 120, 40)
	p.run(fmt.Sprintf("%s netns exec %s %s --no-config --listen 127.0.0.1:19101 -t 100; echo EXIT=$?", ip, ns, binary))
	p.waitText("Curr:", 10*time.Second)
	waitHTTP(t, client, "http://127.0.0.1:19101/", 10*time.Second)
	for i := range 20 {
		if !scrapeLo(t, client, "127.0.0.1:19101") {
			t.Fatalf("scrape %d while the screen runs has no lo", i)
		}
	}
	if s := p.screen(); !strings.Contains(s, "Curr:") || strings.Contains(s, "http:") {
		t.Errorf("the screen is not intact while serving:\n%s", s)
	}
	p.send("q")
	p.waitText("EXIT=0", 10*time.Second)
}

// TestServiceUnitRunsWithoutRoot runs the ExecStart line of
// docs/winload.service as the nobody user with no capabilities, as
// systemd's DynamicUser would, and scrapes it.
func TestServiceUnitRunsWithoutRoot(t *testing.T) {
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("setpriv (util-linux) is not installed")
	}
	unit, err := os.ReadFile("../../docs/winload.service")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(string(unit), "\n") {
		if rest, ok := strings.CutPrefix(line, "ExecStart="); ok {
			args = strings.Fields(rest)
		}
	}
	if len(args) < 2 || args[0] != "/usr/local/bin/winload" {
		t.Fatalf("docs/winload.service: ExecStart=%q, want /usr/local/bin/winload and its flags", args)
	}
	addr := ""
	for i, a := range args {
		if a == "--listen" && i+1 < len(args) {
			addr = args[i+1]
		}
	}
	if addr == "" {
		t.Fatal("docs/winload.service does not --listen")
	}
	ip, ns := netns(t)
	// A copy that nobody may run (the test binaries sit in private folders).
	dir, err := os.MkdirTemp("", "winload-unit-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "winload")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := inNetns(t, ip, ns, append([]string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
		"--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", bin}, args[1:]...)...)
	client := nsClient(t, ns, 5*time.Second)
	waitHTTP(t, client, "http://"+addr+"/metrics", 10*time.Second)
	if !scrapeLo(t, client, addr) {
		t.Error("the service's exposition has no lo")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("the service after SIGTERM: %v, want exit status 0", err)
	}
}
