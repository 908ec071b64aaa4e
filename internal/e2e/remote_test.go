//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
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

// startInNamespace runs a program in the namespace until the test ends
// (or the returned stop is called).
func startInNamespace(t *testing.T, ip, ns string, args ...string) (pid int, stop func()) {
	t.Helper()
	cmd := exec.Command(ip, append([]string{"netns", "exec", ns}, args...)...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cmd.Process.Kill()
			cmd.Wait()
		}
	}
	t.Cleanup(stop)
	return cmd.Process.Pid, stop
}

// kernelLog is lo's received-bytes counter as the kernel has it, read
// through /proc/PID/net/dev of a process in the namespace every 10 ms.
type kernelLog struct {
	mu      sync.Mutex
	samples []procSample
}

// logKernel reads lo's counter through process pid until the test ends.
func logKernel(t *testing.T, pid int) *kernelLog {
	k := &kernelLog{}
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
func (k *kernelLog) timeOf(total uint64) (time.Time, bool) {
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
func agrees(t *testing.T, what string, s *remoteStream, device string, k *kernelLog, pairs int, tolerance float64) float64 {
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
// second) run in the test's namespace on 127.0.0.1 while cmd/loadgen puts
// a steady load on its lo. winload --remote (reading node_exporter) and
// winload --prometheus (reading Prometheus' API) both show lo's rate within
// 3 % of the kernel's counters; when node_exporter is killed lo shows
// unreachable, and after a restart it comes back without a spike.
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
	loadgen := filepath.Join(dir, "loadgen")
	if out, err := exec.Command("go", "build", "-o", loadgen, "github.com/winload/winload/cmd/loadgen").CombinedOutput(); err != nil {
		t.Fatalf("building loadgen: %v\n%s", err, out)
	}
	config, err := filepath.Abs("testdata/remote/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	// Debian's node_exporter hides lo unless the exclusion is overridden.
	exporterArgs := []string{exporter, "--web.listen-address=127.0.0.1:9100", "--collector.disable-defaults",
		"--collector.netdev", "--collector.netdev.device-exclude=^$", "--log.level=error"}
	_, stopExporter := startInNamespace(t, ip, ns, exporterArgs...)
	startInNamespace(t, ip, ns, prometheus, "--config.file="+config, "--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		"--web.listen-address=127.0.0.1:9090", "--log.level=warn")
	load, _ := startInNamespace(t, ip, ns, loadgen, "--rate", "4MB", "--duration", "0", "--quiet")

	// Through Prometheus' API: devices are INSTANCE/DEVICE. winload waits
	// for the device to appear while Prometheus starts.
	kernel := logKernel(t, load)
	viaAPI := startRemoteWinload(t, ip, ns, "--prometheus", "http://127.0.0.1:9090", "--match", `{job="node"}`,
		"--include", "*/lo", "-t", "1000", "-a", "5")
	const apiLo = "127.0.0.1:9100/lo"
	viaAPI.next(t, apiLo, 40*time.Second, "first rate", valid)
	agrees(t, "--prometheus", viaAPI, apiLo, kernel, 6, 0.03)

	// Straight from node_exporter, named as given.
	direct := startRemoteWinload(t, ip, ns, "--remote", "node=127.0.0.1:9100", "--include", "node/*", "-t", "1000")
	agrees(t, "--remote", direct, "node/lo", kernel, 6, 0.03)

	stopExporter()
	down := direct.next(t, "node/lo", 10*time.Second, "unreachable line", func(l remoteLine) bool { return l.Error != "" })
	if !strings.HasPrefix(down.Error, "unreachable: ") || down.In.Curr != 0 {
		t.Errorf("with node_exporter killed: %+v", down)
	}
	t.Logf("node_exporter killed: %q", down.Error)
	time.Sleep(2 * time.Second) // bytes pile up while it is down
	startInNamespace(t, ip, ns, exporterArgs...)
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
