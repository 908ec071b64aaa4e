//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// remoteLine is one line of winload --json about a device.
type remoteLine struct {
	Device string `json:"device"`
	In     struct {
		Curr, Max float64
		Total     uint64
	} `json:"in"`
	Error string `json:"error"`
}

// remoteStream is a winload --json running in the namespace.
type remoteStream struct {
	lines chan remoteLine
}

// startRemoteWinload runs winload --no-config --json with args in the
// namespace until the test ends.
func startRemoteWinload(t *testing.T, ip, ns string, args ...string) *remoteStream {
	t.Helper()
	cmd := exec.Command(ip, append([]string{"netns", "exec", ns, binary, "--no-config", "--json"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &remoteStream{lines: make(chan remoteLine, 1024)}
	go func() {
		defer close(s.lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var l remoteLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Errorf("not a JSON line: %q", sc.Text())
				continue
			}
			s.lines <- l
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return s
}

// next returns the next line about device that ok accepts, failing the
// test after timeout.
func (s *remoteStream) next(t *testing.T, device string, timeout time.Duration, what string, ok func(remoteLine) bool) remoteLine {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case l, open := <-s.lines:
			if !open {
				t.Fatalf("winload ended while waiting for %s", what)
			}
			if l.Device == device && ok(l) {
				return l
			}
		case <-deadline:
			t.Fatalf("no %s of %s within %v", what, device, timeout)
		}
	}
}

func valid(l remoteLine) bool { return l.Error == "" }

// counterLog is lo's received-bytes counter as the kernel has it, read
// through /proc/PID/net/dev of a process in the namespace every 10 ms.
type counterLog struct {
	mu      sync.Mutex
	samples []procSample
}

// logCounter reads lo's counter through process pid until the test ends.
func logCounter(t *testing.T, pid int) *counterLog {
	k := &counterLog{}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			before := time.Now()
			rx, err := nsLoRx(pid)
			after := time.Now()
			if err == nil {
				k.mu.Lock()
				k.samples = append(k.samples, procSample{before, after, rx})
				k.mu.Unlock()
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		<-done
	})
	return k
}

// timeOf is when lo's counter reached total, interpolated between the two
// reads around it (each taken at the middle of its read).
func (k *counterLog) timeOf(total uint64) (time.Time, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	mid := func(s procSample) time.Time { return s.before.Add(s.after.Sub(s.before) / 2) }
	for i := 1; i < len(k.samples); i++ {
		a, b := k.samples[i-1], k.samples[i]
		if b.rx >= total && a.rx < total {
			f := float64(total-a.rx) / float64(b.rx-a.rx)
			return mid(a).Add(time.Duration(f * float64(mid(b).Sub(mid(a))))), true
		}
	}
	return time.Time{}, false
}

// agrees compares, over pairs lines, the Curr winload shows for device
// with the rate the kernel counted between the same two counter values:
// the bytes between the two totals over the time the kernel's counter took
// to go from one to the other. With -t 1000, Curr is the rate between the
// last two readings winload has of the device, which are the two last
// distinct totals of its lines. It fails the test unless the median
// difference is within tolerance, and returns the median kernel rate.
func agrees(t *testing.T, what string, s *remoteStream, device string, k *counterLog, pairs int, tolerance float64) float64 {
	t.Helper()
	prev := s.next(t, device, 10*time.Second, "rate", valid)
	var diffs, rates []float64
	for len(diffs) < pairs {
		cur := s.next(t, device, 10*time.Second, "rate", valid)
		if cur.In.Total == prev.In.Total {
			continue // the same reading again
		}
		t0, ok0 := k.timeOf(prev.In.Total)
		t1, ok1 := k.timeOf(cur.In.Total)
		if ok0 && ok1 && t1.After(t0) {
			kernel := float64(cur.In.Total-prev.In.Total) / t1.Sub(t0).Seconds()
			diffs = append(diffs, math.Abs(cur.In.Curr-kernel)/kernel)
			rates = append(rates, kernel)
			t.Logf("%s: shown %.0f B/s, kernel %.0f B/s over the same bytes (%.2f%%)", what, cur.In.Curr, kernel, 100*diffs[len(diffs)-1])
		}
		prev = cur
	}
	slices.Sort(diffs)
	slices.Sort(rates)
	if median := diffs[len(diffs)/2]; median > tolerance {
		t.Errorf("%s: shown rates are a median %.2f%% off the kernel's, more than %.0f%%", what, 100*median, 100*tolerance)
	}
	return rates[len(rates)/2]
}

// The real engine: Debian's node_exporter and Prometheus (scraping it every
// second) run in the test's namespace on 127.0.0.1 while the traffic helper
// puts a steady load on its lo. winload --remote (reading node_exporter) and
// winload --prometheus (reading Prometheus' API) both show lo's rate within
// 3 % of the kernel's counters, the former while three hostile endpoints
// (garbage, an oversized answer, one that never answers) are read beside
// it; when node_exporter is killed lo shows unreachable, and after a
// restart it comes back without a spike.
func TestRemoteRealExporterAndPrometheus(t *testing.T) {
	exporter, err := exec.LookPath("prometheus-node-exporter")
	if err != nil {
		t.Skip("prometheus-node-exporter is not installed (make test installs it)")
	}
	prometheus, err := exec.LookPath("prometheus")
	if err != nil {
		t.Skip("prometheus is not installed (make test installs it)")
	}
	ip, ns := netns(t)
	dir := t.TempDir()
	config, err := filepath.Abs("testdata/remote/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	// Debian's node_exporter hides lo unless the exclusion is overridden.
	exporterArgs := []string{exporter, "--web.listen-address=127.0.0.1:9100", "--collector.disable-defaults",
		"--collector.netdev", "--collector.netdev.device-exclude=^$", "--log.level=error"}
	exporterCmd := inNetns(t, ip, ns, exporterArgs...)
	inNetns(t, ip, ns, prometheus, "--config.file="+config, "--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		"--web.listen-address=127.0.0.1:9090", "--log.level=warn")
	kernel := logCounter(t, startTrafficHelper(t, ip, ns, 4<<20))
	hostile := serveHostile(t, ns, false)

	// Through Prometheus' API: devices are INSTANCE/DEVICE. winload waits
	// for the device to appear while Prometheus starts.
	viaAPI := startRemoteWinload(t, ip, ns, "--prometheus", "http://127.0.0.1:9090", "--match", `{job="node"}`,
		"--include", "*/lo", "-t", "1000", "-a", "5")
	const apiLo = "127.0.0.1:9100/lo"
	viaAPI.next(t, apiLo, 40*time.Second, "first rate", valid)
	agrees(t, "--prometheus", viaAPI, apiLo, kernel, 6, 0.03)

	// Straight from node_exporter, named as given, with the hostile
	// endpoints read beside it.
	args := []string{"--remote", "node=127.0.0.1:9100", "--include", "node/*", "-t", "1000"}
	for _, h := range hostile {
		args = append(args, "--remote", h.name+"="+h.addr)
	}
	direct := startRemoteWinload(t, ip, ns, args...)
	agrees(t, "--remote beside hostile endpoints", direct, "node/lo", kernel, 6, 0.03)

	exporterCmd.Process.Kill()
	down := direct.next(t, "node/lo", 10*time.Second, "unreachable line", func(l remoteLine) bool { return l.Error != "" })
	if !strings.HasPrefix(down.Error, "unreachable: ") || down.In.Curr != 0 {
		t.Errorf("with node_exporter killed: %+v", down)
	}
	t.Logf("node_exporter killed: %q", down.Error)
	time.Sleep(2 * time.Second) // bytes pile up while it is down
	inNetns(t, ip, ns, exporterArgs...)
	direct.next(t, "node/lo", 15*time.Second, "rate after the restart", valid)
	rate := agrees(t, "--remote after the restart", direct, "node/lo", kernel, 4, 0.03)
	// Max since the restart. Without the fresh start after an outage, or
	// with rates taken over the time the counters were drawn instead of
	// taken, the bytes piled up meanwhile would show several times the
	// rate; the time of an answer itself is only known to within the
	// scrape's round trip, which on a busy machine moves one-second
	// windows by some percent.
	last := direct.next(t, "node/lo", 10*time.Second, "rate", valid)
	if last.In.Max > rate*1.5 {
		t.Errorf("a spike after the restart: Max %.0f B/s with the kernel at %.0f B/s", last.In.Max, rate)
	}
	t.Logf("Max since the restart: %.0f B/s (kernel %.0f B/s)", last.In.Max, rate)
}

// The screen with hostile endpoints: garbage, an answer that streams
// without end, and one that never answers are each named unreachable with
// their reason, while the screen keeps drawing this machine's lo at every
// tick, winload's memory stays bounded, and q quits cleanly.
func TestRemoteHostileEndpointsScreen(t *testing.T) {
	ip, ns := netns(t)
	startTrafficHelper(t, ip, ns, 1<<20)
	hostile := serveHostile(t, ns, true)
	cmd := fmt.Sprintf("%s netns exec %s %s --no-config -d lo -t 500", ip, ns, binary)
	for _, h := range hostile {
		cmd += " --remote " + h.name + "=" + h.addr
	}
	// Wide enough for the error line that names the three endpoints.
	p := newPane(t, 400, 40)
	p.run(cmd + `; echo "EXIT=$?"`)
	screen := p.waitFor(func(s string) bool {
		for _, h := range hostile {
			if !strings.Contains(s, h.name+": unreachable: "+h.reason) {
				return false
			}
		}
		return true
	}, 15*time.Second, "every hostile endpoint named with its reason")
	t.Logf("screen:\n%s", screen)
	ttl := func(s string) string {
		i := strings.Index(s, "Ttl:")
		if i < 0 {
			t.Fatalf("no Ttl on screen:\n%s", s)
		}
		return strings.TrimSpace(s[i : i+20])
	}
	// The endpoints are read again every half second; the screen goes on.
	for i := 0; i < 3; i++ {
		before := ttl(p.screen())
		time.Sleep(1500 * time.Millisecond)
		if after := ttl(p.screen()); after == before {
			t.Errorf("the screen stopped: lo's %s did not move in 1.5 s", after)
		}
	}
	out, err := exec.Command("pgrep", "-f", "^"+binary+" --no-config -d lo -t 500 --remote").Output()
	if err != nil {
		t.Fatalf("finding winload: %v", err)
	}
	pid := strings.Fields(string(out))[0]
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			t.Logf("winload's peak RSS after several oversized answers: %d KiB", kb)
			if kb > 96<<10 {
				t.Errorf("peak RSS %d KiB: the answer size limit does not hold", kb)
			}
		}
	}
	p.send("q")
	terminalRestored(p, "0")
}

// hostileEndpoint is a server that answers a scrape badly.
type hostileEndpoint struct {
	name, addr string
	reason     string // the start of the reason winload shows
}

// serveHostile serves, inside the namespace, an endpoint answering an HTML
// page, one answering over winload's limit (declared in Content-Length,
// or when stream is set an answer without a length that never ends) and
// one that never answers, until the test ends.
func serveHostile(t *testing.T, ns string, stream bool) []hostileEndpoint {
	t.Helper()
	huge := hostileEndpoint{name: "huge", reason: "malformed response: body of 1073741824 bytes, over the limit"}
	if stream {
		huge = hostileEndpoint{name: "endless", reason: "malformed response: body over the limit of 16777216 bytes"}
	}
	eps := []hostileEndpoint{
		{name: "junk", reason: "not Prometheus text format: line 1:"},
		huge,
		{name: "hang", reason: "no answer within"},
	}
	line := []byte(strings.Repeat("node_network_receive_bytes_total{device=\"x\"} 1\n", 100))
	serve := map[string]func(net.Conn){
		"junk": func(c net.Conn) {
			io.WriteString(c, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>It works!</body></html>\n")
		},
		"huge": func(c net.Conn) {
			io.WriteString(c, "HTTP/1.0 200 OK\r\nContent-Length: 1073741824\r\n\r\n")
			c.Write(line)
		},
		"endless": func(c net.Conn) {
			io.WriteString(c, "HTTP/1.0 200 OK\r\n\r\n")
			for {
				if _, err := c.Write(line); err != nil {
					return
				}
			}
		},
		"hang": func(c net.Conn) {
			io.Copy(io.Discard, c) // until winload gives up and closes
		},
	}
	for i := range eps {
		ln := nsListen(t, ns)
		eps[i].addr = ln.Addr().String()
		handle := serve[eps[i].name]
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					if eps[i].name != "hang" {
						c.Read(make([]byte, 4096)) // the request
					}
					handle(c)
				}()
			}
		}()
	}
	return eps
}

// nsListen listens on a free port of 127.0.0.1 inside the namespace ns: a
// locked OS thread enters the namespace for the socket and leaves it. The
// listener is closed at the end of the test, which closes the hanging
// connections too.
func nsListen(t *testing.T, ns string) net.Listener {
	t.Helper()
	type result struct {
		ln  net.Listener
		err error
	}
	done := make(chan result)
	// A goroutine of its own: should the thread fail to leave the
	// namespace, it stays locked and dies with this goroutine.
	go func() {
		runtime.LockOSThread()
		self, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			done <- result{nil, err}
			return
		}
		defer self.Close()
		target, err := os.Open("/run/netns/" + ns)
		if err != nil {
			done <- result{nil, err}
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- result{nil, fmt.Errorf("setns: %w", err)}
			return
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if unix.Setns(int(self.Fd()), unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread()
		}
		done <- result{ln, err}
	}()
	r := <-done
	ln, err := r.ln, r.err
	if err != nil {
		t.Fatalf("listening in %s: %v", ns, err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}
