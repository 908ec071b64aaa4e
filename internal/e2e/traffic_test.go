//go:build linux

package e2e

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Every test that sends traffic does it in a network namespace of its
// own (netns), with the traffic helper and winload inside it: the host's
// loopback carries none of it, and the host's traffic cannot disturb the
// numbers the test checks.

// The test binary doubles as the traffic helper that the tests sending
// traffic run inside their network namespace: TestMain calls
// trafficHelper when this variable is set.
const (
	helperEnv  = "WINLOAD_E2E_HELPER"
	helperRate = "WINLOAD_E2E_RATE"
)

// trafficHelper sends a TCP stream over 127.0.0.1 at no more than the rate
// in WINLOAD_E2E_RATE (bytes per second, over any window: a token bucket
// of 32 KiB), prints "ready" once connected and runs until its standard
// input closes.
func trafficHelper() int {
	rate, err := strconv.Atoi(os.Getenv(helperRate))
	if err != nil || rate <= 0 {
		fmt.Fprintln(os.Stderr, "traffic helper: bad", helperRate)
		return 2
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "traffic helper:", err)
		return 1
	}
	go func() {
		conn, err := ln.Accept()
		ln.Close()
		if err == nil {
			io.Copy(io.Discard, conn)
		}
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fmt.Fprintln(os.Stderr, "traffic helper:", err)
		return 1
	}
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	fmt.Println("ready")
	const capacity, chunk = 32 << 10, 8 << 10
	buf := make([]byte, chunk)
	tokens, last := 0.0, time.Now()
	for {
		now := time.Now()
		tokens = min(capacity, tokens+now.Sub(last).Seconds()*float64(rate))
		last = now
		for tokens >= chunk {
			if _, err := conn.Write(buf); err != nil {
				return 1
			}
			tokens -= chunk
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// netns creates a network namespace for the test, with lo up, and
// deletes it at cleanup. It skips the test when that is not possible.
func netns(t *testing.T) (ip, ns string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a network namespace (ip netns add)")
	}
	ip, err := exec.LookPath("ip")
	if err != nil {
		t.Skip("the ip command (iproute2) is not installed")
	}
	ns = fmt.Sprintf("winload-e2e-%d-%s", os.Getpid(), strings.ReplaceAll(t.Name(), "/", "-"))
	if out, err := exec.Command(ip, "netns", "add", ns).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here: %v: %s", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command(ip, "netns", "delete", ns).CombinedOutput(); err != nil {
			t.Errorf("deleting namespace %s: %v: %s", ns, err, out)
		}
	})
	if out, err := exec.Command(ip, "-n", ns, "link", "set", "lo", "up").CombinedOutput(); err != nil {
		t.Fatalf("setting lo up in %s: %v: %s", ns, err, out)
	}
	return ip, ns
}

// ipBatch runs ip commands, one per line, inside the namespace.
func ipBatch(t *testing.T, ip, ns string, lines []string) {
	t.Helper()
	cmd := exec.Command(ip, "-n", ns, "-batch", "-")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ip -batch in %s: %v: %s", ns, err, out)
	}
}

// nsLoRx reads lo's received bytes from the namespace of process pid.
func nsLoRx(pid int) (uint64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/net/dev", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(name) == "lo" {
			return strconv.ParseUint(strings.Fields(rest)[0], 10, 64)
		}
	}
	return 0, errors.New("no lo line")
}

// nsHelper is this test binary run as a helper process (see TestMain)
// inside a network namespace: its stdin closes it, its stdout reports.
type nsHelper struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// startNSHelper runs the helper named by env (helperEnv=... and its
// settings) in the namespace, waits until it says "ready" and stops it at
// cleanup.
func startNSHelper(t *testing.T, ip, ns string, env ...string) *nsHelper {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(ip, "netns", "exec", ns, self)
	cmd.Env = append(os.Environ(), env...)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	h := &nsHelper{cmd: cmd, in: in, out: bufio.NewReader(out)}
	if line, err := h.out.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("helper %v did not start: %q %v", env, line, err)
	}
	return h
}

// startTrafficHelper runs the traffic helper in the namespace at rate
// bytes per second over its lo, waits until it is connected, and returns
// its process ID (for /proc/PID/net/dev). It is stopped at cleanup.
func startTrafficHelper(t *testing.T, ip, ns string, rate int) int {
	t.Helper()
	h := startNSHelper(t, ip, ns, helperEnv+"=traffic", fmt.Sprintf("%s=%d", helperRate, rate))
	return h.cmd.Process.Pid
}

var incomingCurr = regexp.MustCompile(`Curr: ([0-9.]+) (B|KiB|MiB|GiB)/s`)

// shownIncomingCurr parses the first Curr on screen: the incoming panel's.
func shownIncomingCurr(t *testing.T, screen string) float64 {
	t.Helper()
	m := incomingCurr.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no Curr on screen:\n%s", screen)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v * map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[2]]
}

// The number people read must match the kernel's: incoming Curr on lo
// within 5 % of the /proc/net/dev delta over the same second. The traffic
// and winload run in a namespace of their own.
func TestIncomingCurrMatchesProcNetDev(t *testing.T) {
	ip, ns := netns(t)
	helper := startTrafficHelper(t, ip, ns, 8<<20)
	p := newPane(t, 120, 40)
	p.run(fmt.Sprintf(`%s netns exec %s %s -d lo -u byte -t 500; echo "EXIT=$?"`, ip, ns, binary))
	p.waitText("Incoming", 10*time.Second)
	time.Sleep(2500 * time.Millisecond) // let the one-second window fill with steady traffic

	var lastErr string
	for attempt := 0; attempt < 5; attempt++ {
		r0, err0 := nsLoRx(helper)
		t0 := time.Now()
		time.Sleep(time.Second)
		r1, err1 := nsLoRx(helper)
		t1 := time.Now()
		if err := errors.Join(err0, err1); err != nil {
			t.Fatalf("reading lo's counter in the namespace: %v", err)
		}
		shown := shownIncomingCurr(t, p.screen())
		kernel := float64(r1-r0) / t1.Sub(t0).Seconds()
		diff := math.Abs(shown-kernel) / kernel
		t.Logf("attempt %d: shown %.0f B/s, /proc/net/dev %.0f B/s, off by %.2f%%", attempt, shown, kernel, diff*100)
		if diff <= 0.05 {
			p.send("q")
			terminalRestored(p, "0")
			return
		}
		lastErr = fmt.Sprintf("shown %.0f B/s vs kernel %.0f B/s (%.1f%% off)", shown, kernel, diff*100)
	}
	t.Fatalf("incoming Curr never came within 5%% of /proc/net/dev: %s", lastErr)
}
