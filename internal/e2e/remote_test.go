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
	"testing"
	"time"
)

// remoteLine is one line of winload --json about a device.
type remoteLine struct {
	Device string `json:"device"`
	In     struct {
		Curr, Max float64
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

// kernelRate reads lo's received bytes through process pid's
// /proc/PID/net/dev while lines lines of device are read from s, and
// returns the kernel's rate over that time and the median Curr winload
// showed.
func kernelRate(t *testing.T, s *remoteStream, device string, pid, lines int) (kernel, shown float64) {
	t.Helper()
	r0, err := nsLoRx(pid)
	t0 := time.Now()
	if err != nil {
		t.Fatal(err)
	}
	var currs []float64
	for range lines {
		currs = append(currs, s.next(t, device, 10*time.Second, "rate", valid).In.Curr)
	}
	r1, err := nsLoRx(pid)
	t1 := time.Now()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(currs)
	return float64(r1-r0) / t1.Sub(t0).Seconds(), currs[len(currs)/2]
}

func within(t *testing.T, what string, shown, kernel, tolerance float64) {
	t.Helper()
	diff := math.Abs(shown-kernel) / kernel
	t.Logf("%s: shown %.0f B/s, kernel %.0f B/s, off by %.2f%%", what, shown, kernel, 100*diff)
	if diff > tolerance {
		t.Errorf("%s: shown %.0f B/s is not within %.0f%% of the kernel's %.0f B/s", what, shown, 100*tolerance, kernel)
	}
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
	viaAPI := startRemoteWinload(t, ip, ns, "--prometheus", "http://127.0.0.1:9090", "--match", `{job="node"}`,
		"--include", "*/lo", "-t", "500", "-a", "5")
	const apiLo = "127.0.0.1:9100/lo"
	viaAPI.next(t, apiLo, 40*time.Second, "first rate", valid)
	for range 4 { // let the one-second window hold steady traffic
		viaAPI.next(t, apiLo, 10*time.Second, "rate", valid)
	}
	kernel, shown := kernelRate(t, viaAPI, apiLo, load, 8)
	within(t, "--prometheus", shown, kernel, 0.03)

	// Straight from node_exporter, named as given.
	direct := startRemoteWinload(t, ip, ns, "--remote", "node=127.0.0.1:9100", "--include", "node/*", "-t", "500")
	direct.next(t, "node/lo", 10*time.Second, "first rate", valid)
	for range 3 {
		direct.next(t, "node/lo", 10*time.Second, "rate", valid)
	}
	kernel, shown = kernelRate(t, direct, "node/lo", load, 8)
	within(t, "--remote", shown, kernel, 0.03)

	stopExporter()
	down := direct.next(t, "node/lo", 10*time.Second, "unreachable line", func(l remoteLine) bool { return l.Error != "" })
	if !strings.HasPrefix(down.Error, "unreachable: ") || down.In.Curr != 0 {
		t.Errorf("with node_exporter killed: %+v", down)
	}
	t.Logf("node_exporter killed: %q", down.Error)
	time.Sleep(2 * time.Second) // bytes pile up while it is down
	startInNamespace(t, ip, ns, exporterArgs...)
	direct.next(t, "node/lo", 15*time.Second, "rate after the restart", valid)
	kernel, shown = kernelRate(t, direct, "node/lo", load, 6)
	within(t, "--remote after the restart", shown, kernel, 0.03)
	last := direct.next(t, "node/lo", 10*time.Second, "rate", valid)
	if last.In.Max > kernel*1.03 {
		t.Errorf("a spike after the restart: Max %.0f B/s with the kernel at %.0f B/s", last.In.Max, kernel)
	}
}
