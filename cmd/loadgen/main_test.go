package main

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPacerKeepsTotalOnRate(t *testing.T) {
	p := pacer{rate: 10e6, burst: maxBurst(10e6)}
	// Ticks 10 ms apart hand out 100 kB each.
	for i := 1; i <= 100; i++ {
		n := p.due(time.Duration(i) * 10 * time.Millisecond)
		if n != 100_000 {
			t.Fatalf("tick %d: due %d, want 100000", i, n)
		}
		p.sent += n
	}
	if p.sent != 10_000_000 {
		t.Fatalf("after 1s sent %d, want 10000000", p.sent)
	}
}

func TestPacerCatchesUpLateTicks(t *testing.T) {
	p := pacer{rate: 1000, burst: maxBurst(1000)}
	if n := p.due(10 * time.Millisecond); n != 10 {
		t.Fatalf("first tick: %d, want 10", n)
	}
	p.sent = 10
	// A tick 30 ms late still brings the total to rate*elapsed.
	if n := p.due(50 * time.Millisecond); n != 40 {
		t.Fatalf("late tick: %d, want 40", n)
	}
	p.sent = 50
	// Nothing is due before the next whole byte.
	if n := p.due(50*time.Millisecond + 500*time.Microsecond); n != 0 {
		t.Fatalf("same instant: %d, want 0", n)
	}
}

func TestPacerPartialWriteIsOwed(t *testing.T) {
	p := pacer{rate: 1000}
	n := p.due(100 * time.Millisecond)
	p.sent += n / 2 // the writer managed half
	if got := p.due(100 * time.Millisecond); got != n-n/2 {
		t.Fatalf("owed %d, want %d", got, n-n/2)
	}
}

func TestPacerForgetsStalls(t *testing.T) {
	p := pacer{rate: 1000, burst: maxBurst(1000)} // burst 100 bytes
	// Five seconds late: one burst, and the backlog is dropped.
	if n := p.due(5 * time.Second); n != 100 {
		t.Fatalf("after stall: %d, want burst 100", n)
	}
	p.sent += 100
	if n := p.due(5*time.Second + 10*time.Millisecond); n != 10 {
		t.Fatalf("next tick: %d, want 10 (back on rate)", n)
	}
}

func TestPacerEdges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       pacer
		elapsed time.Duration
	}{
		{"zero rate", pacer{rate: 0}, time.Second},
		{"negative rate", pacer{rate: -5}, time.Second},
		{"no time", pacer{rate: 1e6}, 0},
		{"ahead", pacer{rate: 1000, sent: 5000}, time.Second},
	} {
		if n := tc.p.due(tc.elapsed); n != 0 {
			t.Errorf("%s: due %d, want 0", tc.name, n)
		}
	}
	if b := maxBurst(3); b != 1 {
		t.Errorf("maxBurst(3) = %d, want 1", b)
	}
}

// TestGenerateSendsAtRate moves real bytes over 127.0.0.1, in a network
// namespace of its own: the host's loopback carries none of it.
func TestGenerateSendsAtRate(t *testing.T) {
	if !inOwnNetns(t) {
		return
	}
	const rate = 2e6
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	res, err := generate(ctx, rate, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.sent == 0 || res.received != res.sent {
		t.Errorf("received %d of %d bytes", res.received, res.sent)
	}
	// The pacer never gets ahead of the clock; a loaded machine may make
	// it fall behind, which is not checked here (see the pacer tests).
	if limit := rate * res.elapsed.Seconds(); float64(res.sent) > limit {
		t.Errorf("sent %d bytes in %v, more than the %.0f due", res.sent, res.elapsed, limit)
	}
}

// netnsEnv names the test that runs inside its own network namespace.
const netnsEnv = "LOADGEN_TEST_NETNS"

// inOwnNetns reports whether the calling test runs in a network namespace
// of its own, with lo up. Called from the test run by go test, it runs
// the test again in a new namespace (unshare --net; as a user who is not
// root, in a user namespace as well), reports that run's outcome and
// returns false; it skips the test where no namespace can be made.
func inOwnNetns(t *testing.T) bool {
	t.Helper()
	if os.Getenv(netnsEnv) == t.Name() {
		if out, err := exec.Command("ip", "link", "set", "lo", "up").CombinedOutput(); err != nil {
			t.Fatalf("setting lo up in the namespace: %v: %s", err, out)
		}
		return true
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) is not installed: cannot run without touching the host's loopback")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("ip (iproute2) is not installed: cannot set lo up in a namespace")
	}
	args := []string{"--net"}
	if os.Geteuid() != 0 {
		args = []string{"--user", "--map-root-user", "--net"}
	}
	if out, err := exec.Command(unshare, append(args, "true")...).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here (unshare %s): %v: %s", strings.Join(args, " "), err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args = append(args, self, "-test.run", "^"+regexp.QuoteMeta(t.Name())+"$", "-test.count=1", "-test.v")
	cmd := exec.Command(unshare, args...)
	cmd.Env = append(os.Environ(), netnsEnv+"="+t.Name())
	out, err := cmd.CombinedOutput()
	t.Logf("in its own network namespace:\n%s", out)
	if err != nil {
		t.Fatalf("the run in its own network namespace failed: %v", err)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("the run in its own network namespace did not pass")
	}
	return false
}

// TestGenerateUDPSendsPackets sends UDP datagrams of a given IP size over
// 127.0.0.1 in a namespace of its own; lo counts what the generator says
// it sent, in whole packets.
func TestGenerateUDPSendsPackets(t *testing.T) {
	if !inOwnNetns(t) {
		return
	}
	const rate, size = 2e6, 100
	before := loBytes(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	res, err := generateUDP(ctx, rate, 10*time.Millisecond, size)
	if err != nil {
		t.Fatal(err)
	}
	if res.sent == 0 || res.sent%size != 0 {
		t.Errorf("sent %d bytes, want a positive multiple of %d", res.sent, size)
	}
	if got := loBytes(t) - before; got != uint64(res.sent) {
		t.Errorf("lo received %d bytes, the generator sent %d", got, res.sent)
	}
	if limit := rate * res.elapsed.Seconds(); float64(res.sent) > limit {
		t.Errorf("sent %d bytes in %v, more than the %.0f due", res.sent, res.elapsed, limit)
	}
}

// loBytes reads the bytes lo received from /proc/net/dev.
func loBytes(t *testing.T) uint64 {
	t.Helper()
	data, err := os.ReadFile("/proc/net/dev")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if name, rest, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "lo" {
			n, err := strconv.ParseUint(strings.Fields(rest)[0], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no lo in /proc/net/dev")
	return 0
}
