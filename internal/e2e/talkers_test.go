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
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// talkerLine is the part of a --talkers --json line the test reads.
type talkerLine struct {
	Device string `json:"device"`
	In     struct {
		Total uint64 `json:"total"`
	} `json:"in"`
	Out struct {
		Total uint64 `json:"total"`
	} `json:"out"`
	Dropped uint64 `json:"talkers_dropped"`
	Talkers []struct {
		PID     int    `json:"pid"`
		Process string `json:"process"`
		In      struct {
			Avg   float64 `json:"avg"`
			Total uint64  `json:"total"`
		} `json:"in"`
		Out struct {
			Avg   float64 `json:"avg"`
			Total uint64  `json:"total"`
		} `json:"out"`
	} `json:"talkers"`
}

// Three traffic helpers, each a process sending over its own TCP
// connection to its own listener on 127.0.0.1 at a known rate, run in a
// namespace with winload --talkers --json. Each helper's PID must show
// its rate, sent and received, within 5 %; a helper that exits must leave
// the list; and the screen's panel must name each PID.
func TestTalkersAccuracy(t *testing.T) {
	ip, ns := netns(t)
	rates := []int{256 << 10, 1 << 20, 3 << 20}
	pids := make([]int, len(rates))
	for i, r := range rates {
		pids[i] = startTrafficHelper(t, ip, ns, r)
	}

	stream := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--talkers=sockets", "--json", "-t", "500", "lo")
	out, err := stream.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stream.Process.Kill(); stream.Wait() })
	lines := make(chan talkerLine, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var l talkerLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Errorf("bad JSON line %q: %v", sc.Text(), err)
				return
			}
			lines <- l
		}
	}()
	next := func() talkerLine {
		t.Helper()
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("winload --talkers --json stopped")
			}
			return l
		case <-time.After(10 * time.Second):
			t.Fatal("no JSON line within 10 s")
		}
		return talkerLine{}
	}

	// Eight samples: four seconds of averages.
	var l talkerLine
	for range 8 {
		l = next()
	}
	if l.Device != "lo" {
		t.Fatalf("device %q, want lo", l.Device)
	}
	for i, pid := range pids {
		found := false
		for _, tk := range l.Talkers {
			if tk.PID != pid {
				continue
			}
			found = true
			want := float64(rates[i])
			for dir, got := range map[string]float64{"out": tk.Out.Avg, "in": tk.In.Avg} {
				if math.Abs(got-want) > 0.05*want {
					t.Errorf("helper %d (PID %d, %s): %s avg %.0f B/s, want %.0f within 5 %%", i, pid, tk.Process, dir, got, want)
				}
			}
		}
		if !found {
			t.Errorf("helper %d (PID %d) is not among the talkers: %+v", i, pid, l.Talkers)
		}
	}

	// The slowest helper exits: within two samples it is gone.
	if err := syscall.Kill(pids[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	gone := false
	for range 4 {
		l = next()
		gone = true
		for _, tk := range l.Talkers {
			gone = gone && tk.PID != pids[0]
		}
		if gone {
			break
		}
	}
	if !gone {
		t.Errorf("PID %d exited but is still listed: %+v", pids[0], l.Talkers)
	}

	// The panel shows the remaining helpers' averages within 5 % too.
	p := newPane(t, 120, 40)
	p.run(fmt.Sprintf(`%s netns exec %s %s --no-config --talkers=sockets -u byte -d lo; echo "EXIT=$?"`, ip, ns, binary))
	for _, pid := range pids[1:] {
		p.waitText(strconv.Itoa(pid)+" e2e.test", 10*time.Second)
	}
	time.Sleep(4 * time.Second)
	screen := p.screen()
	for i, pid := range pids[1:] {
		want := float64(rates[i+1])
		// Columns at 120: In Curr, In Avg, In Ttl, Out Curr, Out Avg, Out Ttl.
		row := regexp.MustCompile(`(?m)^` + strconv.Itoa(pid) + ` e2e\.test \(root\)` + strings.Repeat(`\s+([0-9.]+) (B|KiB|MiB|GiB)`, 6))
		m := row.FindStringSubmatch(screen)
		if m == nil {
			t.Errorf("no panel row for PID %d:\n%s", pid, screen)
			continue
		}
		for _, col := range []int{3, 9} { // In Avg, Out Avg
			v, _ := strconv.ParseFloat(m[col], 64)
			got := v * map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[col+1]]
			if math.Abs(got-want) > 0.05*want {
				t.Errorf("panel: PID %d shows an average of %.0f B/s, want %.0f within 5 %%:\n%s", pid, got, want, screen)
			}
		}
	}
	p.send("q")
	p.waitText("EXIT=0", 5*time.Second)
}

// burstSize is what each of burstHelper's connections sends.
const burstSize = 1 << 20

// burstHelper listens on 127.0.0.1 and prints "ready"; for every line on
// its standard input it opens a connection to itself, sends burstSize
// bytes, closes it once the other side has read them all, and prints
// "done". It runs until its standard input closes.
func burstHelper() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "burst helper:", err)
		return 1
	}
	read := make(chan int64)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n, _ := io.Copy(io.Discard, c)
			c.Close()
			read <- n
		}
	}()
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	buf := make([]byte, burstSize)
	for in.Scan() {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			fmt.Fprintln(os.Stderr, "burst helper:", err)
			return 1
		}
		if _, err := c.Write(buf); err != nil {
			fmt.Fprintln(os.Stderr, "burst helper:", err)
			return 1
		}
		c.Close()
		if n := <-read; n != burstSize {
			fmt.Fprintln(os.Stderr, "burst helper: the server read", n)
			return 1
		}
		fmt.Println("done")
	}
	return 0
}

// A connection that opens and closes between two ticks still counts: as
// root winload has CAP_NET_ADMIN and hears of closing sockets with their
// last counters. (Its process has no socket left to be named by, so its
// bytes go to its user's row.)
func TestTalkersCountShortConnections(t *testing.T) {
	ip, ns := netns(t)
	stream := exec.Command(ip, "netns", "exec", ns, binary, "--no-config", "--talkers=sockets", "--json", "-t", "1000", "lo")
	out, err := stream.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stream.Process.Kill(); stream.Wait() })
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	next := func() talkerLine {
		t.Helper()
		if !sc.Scan() {
			t.Fatal("winload --talkers --json stopped")
		}
		var l talkerLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		return l
	}
	next() // the first line: winload has its baseline

	burst := startNSHelper(t, ip, ns, helperEnv+"=burst")
	fmt.Fprintln(burst.in, "go")
	if l, err := burst.out.ReadString('\n'); err != nil || l != "done\n" {
		t.Fatalf("burst helper failed: %q %v", l, err)
	}
	var in, sent uint64
	for range 3 {
		for _, tk := range next().Talkers {
			in += tk.In.Total
			sent += tk.Out.Total
		}
		if in >= burstSize && sent >= burstSize {
			break
		}
	}
	if in < burstSize || sent < burstSize || in > burstSize+16 || sent > burstSize+16 {
		t.Errorf("the connection's bytes counted: in %d, out %d; want %d each", in, sent, burstSize)
	}
}
