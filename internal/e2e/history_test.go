//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// nsTraffic runs the traffic helper in the namespace for d at rate
// bytes per second over lo.
func nsTraffic(t *testing.T, ip, ns string, rate int, d time.Duration) {
	t.Helper()
	h := startNSHelper(t, ip, ns, helperEnv+"=traffic", fmt.Sprintf("%s=%d", helperRate, rate))
	time.Sleep(d)
	h.in.Close()
	h.cmd.Wait()
}

// nsLoCounters reads lo's received bytes in the namespace.
func nsLoCounters(t *testing.T, ip, ns string) uint64 {
	t.Helper()
	out, err := exec.Command(ip, "netns", "exec", ns, "cat", "/proc/net/dev").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(name) == "lo" {
			f := strings.Fields(rest)
			rx, err := strconv.ParseUint(f[0], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return rx
		}
	}
	t.Fatal("no lo in the namespace's /proc/net/dev")
	return 0
}

// reportToday runs --report daily --json for lo and returns today's bytes in.
func reportToday(t *testing.T, ip, ns, file string) uint64 {
	t.Helper()
	out, err := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--history-file", file, "--report", "daily", "--json", "lo").Output()
	if err != nil {
		t.Fatalf("--report: %v", err)
	}
	var rep struct {
		Devices []struct {
			Device string
			Today  struct{ In uint64 }
			Rows   []struct{ In uint64 }
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil || len(rep.Devices) != 1 || rep.Devices[0].Device != "lo" {
		t.Fatalf("--report --json: %v\n%s", err, out)
	}
	return rep.Devices[0].Today.In
}

// within checks that got is within 1 % of want.
func within(t *testing.T, what string, got, want float64) {
	t.Helper()
	if want <= 0 || math.Abs(got-want)/want > 0.01 {
		t.Errorf("%s = %.0f, want %.0f within 1 %%", what, got, want)
	}
}

var todayRe = regexp.MustCompile(`Today in ([0-9.]+) (B|KiB|MiB|GiB)`)

// TestHistoryAcrossRestarts: known traffic while winload runs, quit, more
// traffic while it does not, start again: Today on the screen and
// --report daily show the sum within 1 %; --check-quota exits 1 past the
// quota and 0 below it.
func TestHistoryAcrossRestarts(t *testing.T) {
	ip, ns := netns(t)
	file := filepath.Join(t.TempDir(), "history.dat")

	// First run: a stream, so that the test knows when the baseline is set.
	first := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--history-file", file, "--json", "-t", "100", "lo")
	out, err := first.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var firstErr strings.Builder
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("no JSON line from the first run: %s", firstErr.String())
	}
	go func() {
		for lines.Scan() {
		}
	}()
	base := nsLoCounters(t, ip, ns)
	nsTraffic(t, ip, ns, 8<<20, 2*time.Second)
	// SIGTERM on the process that ip netns exec became.
	if err := first.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first run: %v: %s", err, firstErr.String())
	}
	running := nsLoCounters(t, ip, ns) - base

	// Traffic while winload is not running.
	nsTraffic(t, ip, ns, 8<<20, 2*time.Second)
	sum := nsLoCounters(t, ip, ns) - base
	if running < 64<<10 || sum-running < 64<<10 {
		t.Fatalf("traffic while running %d, while not %d: too little to measure", running, sum-running)
	}

	// Second run: the screen's Today.
	p := newPane(t, 120, 30)
	p.run(fmt.Sprintf("%s netns exec %s %s --no-config --history-file %s lo", ip, ns, binary, file))
	screen := p.waitFor(func(s string) bool { return todayRe.MatchString(s) }, 10*time.Second, "Today on the screen")
	m := todayRe.FindStringSubmatch(screen)
	v, _ := strconv.ParseFloat(m[1], 64)
	mult := map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[2]]
	now := nsLoCounters(t, ip, ns) - base
	within(t, "Today on the screen", v*mult, float64(now))
	p.send("h")
	p.waitText("Incoming per day", 5*time.Second)
	p.send("q")

	within(t, "--report daily today", float64(reportToday(t, ip, ns, file)), float64(nsLoCounters(t, ip, ns)-base))

	check := func(quota string) (string, int) {
		cmd := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--history-file", file, "--check-quota", "--quota", "lo="+quota)
		out, err := cmd.Output()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if out, code := check("1MB"); code != 1 || !strings.Contains(out, "lo: ") || !strings.Contains(out, "EXCEEDED") {
		t.Errorf("--check-quota over the quota: exit %d, %q; want 1 and EXCEEDED", code, out)
	}
	if out, code := check("1TB"); code != 0 || !strings.Contains(out, ": ok") {
		t.Errorf("--check-quota under the quota: exit %d, %q; want 0 and ok", code, out)
	}
}

func TestHistoryFileProblems(t *testing.T) {
	dir := t.TempDir()

	// No file yet: an empty report, exit 0.
	stdout, stderr, code := runBinary(t, "--no-config", "--history-file", filepath.Join(dir, "none.dat"), "--report")
	if code != 0 || !strings.Contains(stdout, "no history yet") {
		t.Errorf("report without a file: exit %d, %q %q", code, stdout, stderr)
	}

	// A file of a newer winload: refused with exit 1, left as it was.
	newer := filepath.Join(dir, "newer.dat")
	if err := os.WriteFile(newer, []byte("WLHIST\x09\x00 a later layout"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(newer)
	for _, args := range [][]string{{"--report"}, {"--json", "--count", "1"}} {
		_, stderr, code = runBinary(t, append([]string{"--no-config", "--history-file", newer}, args...)...)
		if code != 1 || !strings.Contains(stderr, "written by a newer winload (format 9") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v on a newer file: exit %d, stderr %q; want 1 and one line", args, code, stderr)
		}
	}
	if after, _ := os.ReadFile(newer); string(after) != string(before) {
		t.Error("the newer file was changed")
	}

	// A damaged file: moved aside with a one-line warning, a new one started.
	broken := filepath.Join(dir, "broken.dat")
	if err := os.WriteFile(broken, []byte(strings.Repeat("garbage!", 1024)), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runBinary(t, "--no-config", "--history-file", broken, "--json", "--count", "2", "-t", "100")
	if code != 0 || !strings.Contains(stderr, "moved to "+broken+".broken-") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("damaged file: exit %d, stderr %q", code, stderr)
	}
	if moved, _ := filepath.Glob(broken + ".broken-*"); len(moved) != 1 {
		t.Errorf("moved-aside files: %v", moved)
	}
	if _, _, code = runBinary(t, "--no-config", "--history-file", broken, "--report"); code != 0 {
		t.Errorf("report of the new file: exit %d", code)
	}
	_ = stdout
}

// TestHistoryReadOnlyFolder runs winload as an unprivileged user whose
// history folder it may not write: it runs and streams with a one-line
// warning; a file it may not read fails --report with exit 1.
func TestHistoryReadOnlyFolder(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run winload as another user")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("setpriv (util-linux) is not installed")
	}
	// t.TempDir's parent is private to root: this one is not.
	dir, err := os.MkdirTemp("", "winload-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "winload")
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	asNobody := func(args ...string) (string, string, int) {
		cmd := exec.Command(setpriv, append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin, "--no-config"}, args...)...)
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errOut.String(), code
	}
	file := filepath.Join(ro, "winload", "history.dat")
	stdout, stderr, code := asNobody("--history-file", file, "--json", "--count", "2", "-t", "100")
	if code != 0 || !strings.Contains(stderr, "history not saved") || strings.Count(stderr, "\n") != 1 || !strings.Contains(stdout, `"device"`) {
		t.Errorf("read-only folder: exit %d, stderr %q, stdout %.80q", code, stderr, stdout)
	}

	// A file root wrote (mode 0600): the unprivileged user may not read it.
	if _, stderr, code := runBinary(t, "--no-config", "--history-file", file, "--json", "--count", "2", "-t", "100"); code != 0 {
		t.Fatalf("root's run: exit %d, %s", code, stderr)
	}
	if _, stderr, code = asNobody("--history-file", file, "--report"); code != 1 || !strings.Contains(stderr, "unreadable") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("--report of an unreadable file: exit %d, stderr %q; want 1 and one line", code, stderr)
	}
	if _, stderr, code = asNobody("--history-file", file, "--json", "--count", "2", "-t", "100"); code != 0 || !strings.Contains(stderr, "history off") {
		t.Errorf("stream with an unreadable file: exit %d, stderr %q", code, stderr)
	}
}
