//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// jsonLine is one line of winload --json, with what the test needs.
type jsonLine struct {
	at     time.Time
	stamp  string
	device string
	curr   float64
	total  uint64
}

// procSample is lo's received bytes read from a /proc/PID/net/dev of a
// process in the namespace, between two clock readings.
type procSample struct {
	before, after time.Time
	rx            uint64
}

// rxAtMost is lo's counter at a time no later than t, as far as the
// samples tell (0 before the first): the last read that ended by t.
func rxAtMost(samples []procSample, t time.Time) (uint64, bool) {
	var v uint64
	ok := false
	for _, s := range samples {
		if s.after.After(t) {
			break
		}
		v, ok = s.rx, true
	}
	return v, ok
}

// rxAtLeast is lo's counter at a time no earlier than t: the first read
// that started at t or later.
func rxAtLeast(samples []procSample, t time.Time) (uint64, bool) {
	for _, s := range samples {
		if !s.before.Before(t) {
			return s.rx, true
		}
	}
	return 0, false
}

// TestDeviceChurn runs winload in a network namespace of its own, as the
// screen (in tmux) and as a --json stream, while 100 veth pairs are added
// and deleted in waves and a TCP stream flows over the namespace's lo. It
// checks that winload stays up, that the device list follows the kernel's
// (every veth is listed while it exists and never after it is deleted),
// that lo is never lost from a sample, and that lo's Curr never exceeds
// the rate the kernel counted over the same window: no spike.
func TestDeviceChurn(t *testing.T) {
	ip, ns := netns(t)
	const rate = 4 << 20 // bytes per second over lo, one way

	helper := startTrafficHelper(t, ip, ns, rate)

	// lo's counter as the kernel has it, read from the test process
	// through /proc/PID/net/dev of the helper, every 20 ms.
	var procMu sync.Mutex
	var proc []procSample
	stopProc := make(chan struct{})
	procDone := make(chan struct{})
	go func() {
		defer close(procDone)
		for {
			before := time.Now()
			rx, err := nsLoRx(helper)
			after := time.Now()
			if err == nil {
				procMu.Lock()
				proc = append(proc, procSample{before, after, rx})
				procMu.Unlock()
			}
			select {
			case <-stopProc:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()

	// winload --json every 100 ms, in the namespace.
	stream := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--json", "-t", "100")
	var streamErr strings.Builder
	stream.Stderr = &streamErr
	streamOut, err := stream.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Start(); err != nil {
		t.Fatal(err)
	}
	streamExited := make(chan error, 1)
	var lines []jsonLine
	var badLines []string
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(streamOut)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct {
				Time   string `json:"time"`
				Device string `json:"device"`
				In     struct {
					Total uint64  `json:"total"`
					Curr  float64 `json:"curr"`
				} `json:"in"`
			}
			at, perr := time.Time{}, json.Unmarshal(sc.Bytes(), &r)
			if perr == nil {
				at, perr = time.Parse(time.RFC3339Nano, r.Time)
			}
			if perr != nil {
				badLines = append(badLines, sc.Text())
				continue
			}
			lines = append(lines, jsonLine{at: at, stamp: r.Time, device: r.Device, curr: r.In.Curr, total: r.In.Total})
		}
		streamExited <- stream.Wait()
	}()
	t.Cleanup(func() { stream.Process.Kill() })

	// The screen, in tmux, in the namespace, on lo.
	p := newPane(t, 120, 40)
	p.run(fmt.Sprintf(`%s netns exec %s %s --no-config -d lo -t 100; echo "EXIT=$?"`, ip, ns, binary))
	p.waitText("Incoming", 10*time.Second)
	time.Sleep(1200 * time.Millisecond) // lo's Curr window fills before the churn

	// The churn: ten waves of ten veth pairs. Each wave is added, lives
	// while the previous wave is deleted, and is deleted after the next
	// one is added, so that adds and deletes interleave with the samples.
	type life struct{ addStart, addDone, delStart, delDone time.Time }
	lives := map[string]*life{}
	const waves, perWave = 10, 10
	wave := func(w int) (names []string) {
		for j := range perWave {
			names = append(names, fmt.Sprintf("vc%02d%02da", w, j), fmt.Sprintf("vc%02d%02db", w, j))
		}
		return names
	}
	deleteWave := func(w int) {
		var cmds []string
		names := wave(w)
		for i := 0; i < len(names); i += 2 {
			cmds = append(cmds, "link del "+names[i]) // deletes its peer too
		}
		start := time.Now()
		ipBatch(t, ip, ns, cmds)
		done := time.Now()
		for _, n := range names {
			lives[n].delStart, lives[n].delDone = start, done
		}
	}
	churnStart := time.Now()
	for w := range waves {
		var cmds []string
		names := wave(w)
		for i := 0; i < len(names); i += 2 {
			cmds = append(cmds, fmt.Sprintf("link add %s type veth peer name %s", names[i], names[i+1]))
		}
		start := time.Now()
		ipBatch(t, ip, ns, cmds)
		done := time.Now()
		for _, n := range names {
			lives[n] = &life{addStart: start, addDone: done}
		}
		p.send("Right") // the screen's selection wanders over devices that come and go
		time.Sleep(350 * time.Millisecond)
		if w > 0 {
			deleteWave(w - 1)
		}
		p.send("Right", "Right")
		time.Sleep(350 * time.Millisecond)
	}
	deleteWave(waves - 1)
	churnEnd := time.Now()
	time.Sleep(600 * time.Millisecond) // samples after the last deletion

	// The screen is still up and sane.
	s := p.screen()
	if !strings.Contains(s, "Incoming") || !strings.Contains(s, "Outgoing") || strings.Contains(strings.ToLower(s), "panic") {
		t.Errorf("the screen after the churn:\n%s", s)
	}
	if m := regexp.MustCompile(`Device (\S+)`).FindStringSubmatch(s); m == nil {
		t.Errorf("no device header after the churn:\n%s", s)
	} else {
		t.Logf("the screen shows %s after the churn", m[1])
	}

	// The stream is still up; then it stops cleanly on SIGTERM.
	select {
	case err := <-streamExited:
		t.Fatalf("winload --json exited during the churn: %v; stderr: %s", err, streamErr.String())
	default:
	}
	stream.Process.Signal(syscall.SIGTERM)
	<-readDone
	if err := <-streamExited; err != nil {
		t.Errorf("winload --json after SIGTERM: %v", err)
	}
	close(stopProc)
	<-procDone
	if streamErr.Len() > 0 {
		t.Errorf("winload --json wrote errors during the churn:\n%s", streamErr.String())
	}
	if len(badLines) > 0 {
		t.Errorf("%d lines of the stream are not JSON readings, such as %q", len(badLines), badLines[0])
	}
	p.send("q")
	terminalRestored(p, "0")

	// fail reports a problem of a kind, the first five of each kind only:
	// one bug can break hundreds of lines.
	failures := map[string]int{}
	fail := func(kind, format string, args ...any) {
		t.Helper()
		if failures[kind]++; failures[kind] <= 5 {
			t.Errorf(format, args...)
		}
	}
	defer func() {
		for kind, n := range failures {
			if n > 5 {
				t.Errorf("... %d problems of the kind %q in all", n, kind)
			}
		}
	}()

	// The device list followed the kernel's.
	byDevice := map[string][]jsonLine{}
	stamps := map[string]bool{}
	loStamps := map[string]bool{}
	for _, l := range lines {
		byDevice[l.device] = append(byDevice[l.device], l)
		stamps[l.stamp] = true
		if l.device == "lo" {
			loStamps[l.stamp] = true
		}
	}
	listed, after, before := 0, 0, 0
	for name, lf := range lives {
		seen := false
		for _, l := range byDevice[name] {
			switch {
			case l.at.Before(lf.addStart):
				before++
				fail("early", "%s listed at %s, before it was added (%s)", name, l.stamp, lf.addStart.Format(time.RFC3339Nano))
			case l.at.After(lf.delDone):
				after++
				fail("late", "%s listed at %s, after its deletion ended (%s)", name, l.stamp, lf.delDone.Format(time.RFC3339Nano))
			default:
				seen = true
			}
		}
		if seen {
			listed++
		} else {
			fail("missing", "%s was never listed while it existed (%s to %s)", name, lf.addDone.Format("15:04:05.000"), lf.delStart.Format("15:04:05.000"))
		}
	}
	for stamp := range stamps {
		if !loStamps[stamp] {
			fail("lo lost", "the sample at %s lists devices but not lo: lo was lost from a sample", stamp)
		}
	}

	// lo's counter only goes up, and its Curr never exceeds what the
	// kernel counted over the Curr window (the ten samples before).
	lo := byDevice["lo"]
	procMu.Lock()
	samples := proc
	procMu.Unlock()
	sort.Slice(lo, func(i, j int) bool { return lo[i].at.Before(lo[j].at) })
	worst, checked := 0.0, 0
	for i, l := range lo {
		if i > 0 && l.total < lo[i-1].total {
			fail("backwards", "lo's total went back from %d to %d at %s", lo[i-1].total, l.total, l.stamp)
		}
		if l.curr > 2*rate {
			fail("spike", "lo Curr %.0f B/s at %s is more than twice the %d B/s sent: a spike", l.curr, l.stamp, rate)
		}
		if i < 10 {
			continue
		}
		from := lo[i-10].at
		lower, ok1 := rxAtMost(samples, from)
		upper, ok2 := rxAtLeast(samples, l.at.Add(30*time.Millisecond)) // winload reads just after its time stamp
		if !ok1 || !ok2 {
			continue
		}
		kernel := float64(upper-lower) / l.at.Sub(from).Seconds()
		checked++
		if ratio := l.curr / kernel; ratio > worst {
			worst = ratio
		}
		if l.curr > kernel*1.02+1024 {
			fail("above kernel", "lo Curr %.0f B/s at %s exceeds the kernel's count over its window, %.0f B/s: a spike", l.curr, l.stamp, kernel)
		}
	}
	if checked < 50 {
		t.Errorf("only %d lo samples could be checked against the kernel's counter", checked)
	}
	if want := int(churnEnd.Sub(churnStart) / (100 * time.Millisecond)); len(stamps) < want*7/10 {
		t.Errorf("%d samples in the stream over a churn of %d ticks: winload stalled", len(stamps), want)
	}
	t.Logf("churn of %d veth pairs (%d devices) in %v: %d listed while they existed, %d lines before an add, %d after a delete; "+
		"%d JSON lines in %d samples; lo Curr checked against /proc/net/dev %d times (%d kernel readings), at most %.3f of the kernel's rate",
		waves*perWave, len(lives), churnEnd.Sub(churnStart).Round(time.Millisecond), listed, before, after,
		len(lines), len(stamps), checked, len(samples), worst)
}
