//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
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
	"syscall"
	"testing"
	"time"
)

// The send helper's settings.
const (
	helperProto = "WINLOAD_E2E_PROTO" // tcp or udp
	helperAddr  = "WINLOAD_E2E_ADDR"  // where to send
)

// Wire sizes of what the send helper writes: TCP in writes of tcpChunk
// bytes, each one segment on lo (Go sets TCP_NODELAY), behind 52 bytes
// of IPv4 and TCP headers with timestamps; UDP in datagrams of
// udpDatagram bytes behind 28 bytes of IPv4 and UDP headers. (lo's
// counters, and so the capture on lo, leave out its Ethernet header.)
const (
	tcpChunk    = 8 << 10
	tcpHeaders  = 20 + 32
	udpDatagram = 1200
	udpHeaders  = 20 + 8
)

// sinkHelper listens on 127.0.0.1 for TCP and UDP, prints "ready" and
// then "TCPADDR UDPADDR", and reads whatever comes until its standard
// input closes.
func sinkHelper() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sink helper:", err)
		return 1
	}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sink helper:", err)
		return 1
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go io.Copy(io.Discard, c)
		}
	}()
	go func() {
		buf := make([]byte, 64<<10)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	fmt.Println("ready")
	fmt.Println(ln.Addr(), pc.LocalAddr())
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// sendHelper sends to WINLOAD_E2E_ADDR over WINLOAD_E2E_PROTO at the
// payload rate WINLOAD_E2E_RATE (a token bucket of 32 KiB), prints
// "ready" once connected and runs until its standard input closes.
func sendHelper() int {
	rate, err := strconv.Atoi(os.Getenv(helperRate))
	if err != nil || rate <= 0 {
		fmt.Fprintln(os.Stderr, "send helper: bad", helperRate)
		return 2
	}
	proto := os.Getenv(helperProto)
	conn, err := net.Dial(proto, os.Getenv(helperAddr))
	if err != nil {
		fmt.Fprintln(os.Stderr, "send helper:", err)
		return 1
	}
	chunk := tcpChunk
	if proto == "udp" {
		chunk = udpDatagram
	}
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	fmt.Println("ready")
	const capacity = 32 << 10
	buf := make([]byte, chunk)
	tokens, last := 0.0, time.Now()
	for {
		now := time.Now()
		tokens = min(capacity, tokens+now.Sub(last).Seconds()*float64(rate))
		last = now
		for tokens >= float64(chunk) {
			if _, err := conn.Write(buf); err != nil {
				fmt.Fprintln(os.Stderr, "send helper:", err)
				return 1
			}
			tokens -= float64(chunk)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// captureSender is one sender of TestCaptureTalkersAccuracy.
type captureSender struct {
	proto string
	rate  int // payload bytes per second
	pid   int
}

// wire is the sender's rate on the wire: its payload with the headers.
func (s captureSender) wire() float64 {
	if s.proto == "udp" {
		return float64(s.rate) * (udpDatagram + udpHeaders) / udpDatagram
	}
	return float64(s.rate) * (tcpChunk + tcpHeaders) / tcpChunk
}

// jsonLines reads winload's JSON lines into a channel.
func jsonLines(t *testing.T, out io.Reader) func() talkerLine {
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
	return func() talkerLine {
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
}

// startStream runs winload with args in the namespace and returns its
// JSON lines.
func startStream(t *testing.T, ip, ns string, args ...string) func() talkerLine {
	t.Helper()
	stream := exec.Command(ip, append([]string{"netns", "exec", ns, binary}, args...)...)
	stream.Stderr = os.Stderr
	out, err := stream.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stream.Process.Kill(); stream.Wait() })
	return jsonLines(t, out)
}

// In capture mode three senders, two over TCP and one over UDP, each a
// process at a known rate to a listener process on 127.0.0.1, must show
// their rate on the wire (payload and headers) as their Out within 5 %,
// in the JSON stream and on the panel; the kernel must drop nothing; a
// sender that exits must leave the list.
func TestCaptureTalkersAccuracy(t *testing.T) {
	ip, ns := netns(t)
	sink := startNSHelper(t, ip, ns, helperEnv+"=sink")
	addrs, err := sink.out.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	tcpAddr, udpAddr, _ := strings.Cut(strings.TrimSpace(addrs), " ")
	senders := []captureSender{{proto: "tcp", rate: 256 << 10}, {proto: "udp", rate: 1 << 20}, {proto: "tcp", rate: 3 << 20}}
	for i, s := range senders {
		addr := tcpAddr
		if s.proto == "udp" {
			addr = udpAddr
		}
		h := startNSHelper(t, ip, ns, helperEnv+"=send", helperProto+"="+s.proto, helperAddr+"="+addr, fmt.Sprintf("%s=%d", helperRate, s.rate))
		senders[i].pid = h.cmd.Process.Pid
	}

	next := startStream(t, ip, ns, "--no-config", "--talkers=capture", "--json", "-t", "500", "lo")
	var l talkerLine
	for range 8 {
		l = next()
	}
	if l.Device != "lo" {
		t.Fatalf("device %q, want lo", l.Device)
	}
	if l.Dropped != 0 {
		t.Errorf("the kernel dropped %d frames", l.Dropped)
	}
	for i, s := range senders {
		found := false
		for _, tk := range l.Talkers {
			if tk.PID != s.pid {
				continue
			}
			found = true
			if want := s.wire(); math.Abs(tk.Out.Avg-want) > 0.05*want {
				t.Errorf("sender %d (PID %d, %s): out avg %.0f B/s, want %.0f within 5 %%", i, s.pid, s.proto, tk.Out.Avg, want)
			}
			t.Logf("sender %d (PID %d, %s at %d B/s): out avg %.0f B/s, wire rate %.0f, error %+.2f %%",
				i, s.pid, s.proto, s.rate, tk.Out.Avg, s.wire(), 100*(tk.Out.Avg-s.wire())/s.wire())
		}
		if !found {
			t.Errorf("sender %d (PID %d) is not among the talkers: %+v", i, s.pid, l.Talkers)
		}
	}

	// The slowest sender exits: its flow goes quiet, and the row leaves
	// the stream once the flow has been quiet for five seconds.
	if err := syscall.Kill(senders[0].pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	gone := false
	for range 20 {
		l = next()
		gone = true
		for _, tk := range l.Talkers {
			gone = gone && tk.PID != senders[0].pid
		}
		if gone {
			break
		}
	}
	if !gone {
		t.Errorf("PID %d exited but is still listed: %+v", senders[0].pid, l.Talkers)
	}

	// The panel shows the other senders' Out Avg within 5 %.
	p := newPane(t, 120, 40)
	p.run(fmt.Sprintf(`%s netns exec %s %s --no-config --talkers=capture -u byte -d lo; echo "EXIT=$?"`, ip, ns, binary))
	for _, s := range senders[1:] {
		p.waitText(strconv.Itoa(s.pid)+" e2e.test", 10*time.Second)
	}
	p.waitText("wire bytes", 5*time.Second)
	time.Sleep(4 * time.Second)
	screen := p.screen()
	for _, s := range senders[1:] {
		row := regexp.MustCompile(`(?m)^` + strconv.Itoa(s.pid) + ` e2e\.test \(root\)` + strings.Repeat(`\s+([0-9.]+) (B|KiB|MiB|GiB)`, 6))
		m := row.FindStringSubmatch(screen)
		if m == nil {
			t.Errorf("no panel row for PID %d:\n%s", s.pid, screen)
			continue
		}
		v, _ := strconv.ParseFloat(m[9], 64) // Out Avg
		got := v * map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[10]]
		if want := s.wire(); math.Abs(got-want) > 0.05*want {
			t.Errorf("panel: PID %d (%s) shows an Out Avg of %.0f B/s, want %.0f within 5 %%:\n%s", s.pid, s.proto, got, want, screen)
		}
	}
	if strings.Contains(screen, "dropped") {
		t.Errorf("the panel reports dropped frames:\n%s", screen)
	}
	p.send("q")
	p.waitText("EXIT=0", 5*time.Second)
}

// In capture mode a connection that opens, sends 1 MiB and closes between
// two ticks counts, and the talkers' bytes add up to lo's counters: lo
// carries nothing else in the namespace.
func TestCaptureTalkersCountShortConnections(t *testing.T) {
	ip, ns := netns(t)
	next := startStream(t, ip, ns, "--no-config", "--talkers=capture", "--json", "-t", "1000", "lo")
	sum := func(l talkerLine) (in, out uint64) {
		for _, tk := range l.Talkers {
			in += tk.In.Total
			out += tk.Out.Total
		}
		return in, out
	}
	first := next()
	in0, out0 := sum(first)

	burst := startNSHelper(t, ip, ns, helperEnv+"=burst")
	fmt.Fprintln(burst.in, "go")
	if l, err := burst.out.ReadString('\n'); err != nil || l != "done\n" {
		t.Fatalf("burst helper failed: %q %v", l, err)
	}
	// Lines until the numbers settle: the talkers' table and the
	// device's counters are read at different moments of a tick.
	var l, prev talkerLine
	var in, out uint64
	for i := range 8 {
		l = next()
		in, out = sum(l)
		in, out = in-in0, out-out0
		pin, pout := sum(prev)
		if i > 0 && in+in0 == pin && out+out0 == pout && l.In.Total == prev.In.Total && in >= burstSize {
			break
		}
		prev = l
	}
	// Wire bytes: the payload and the headers of both sides, under 5 %.
	if in < burstSize || out < burstSize || in > burstSize*105/100 || out > burstSize*105/100 {
		t.Errorf("the connection's bytes counted: in %d, out %d; want %d to %d each", in, out, burstSize, burstSize*105/100)
	}
	// Every frame on lo is one the host sent and received: the talkers'
	// totals grew as lo's counters did.
	devIn, devOut := l.In.Total-first.In.Total, l.Out.Total-first.Out.Total
	if in != devIn || out != devOut {
		t.Errorf("talkers counted in %d, out %d; lo's counters grew by %d and %d", in, out, devIn, devOut)
	}
}

// Without CAP_NET_RAW, --talkers=capture stops with one clear line and
// status 2, and plain --talkers falls back to the socket statistics.
func TestCaptureTalkersWithoutPermission(t *testing.T) {
	ip, ns := netns(t)
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("setpriv (util-linux) is not installed")
	}
	noRaw := []string{"netns", "exec", ns, setpriv, "--bounding-set", "-net_raw", "--inh-caps", "-net_raw", binary, "--no-config", "--json", "--count", "3", "-t", "200"}
	out, err := exec.Command(ip, append(noRaw, "--talkers=capture", "lo")...).CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "--talkers: packet capture needs root or CAP_NET_RAW") ||
		strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Errorf("--talkers=capture without CAP_NET_RAW: %v, output %q; want status 2 and one line", err, out)
	}
	out, err = exec.Command(ip, append(noRaw, "--talkers", "lo")...).Output()
	if err != nil || strings.Count(string(out), `"talkers":[`) != 3 {
		t.Errorf("--talkers without CAP_NET_RAW: %v, output %q; want three lines with talkers", err, out)
	}
}

// A device that vanishes while the capture counts its flows: winload
// goes on, and the other devices' talkers with it.
func TestCaptureTalkersDeviceVanishes(t *testing.T) {
	ip, ns := netns(t)
	ipBatch(t, ip, ns, []string{"link add wl0 type veth peer name wl1", "addr add 10.9.0.1/24 dev wl0", "link set wl0 up", "link set wl1 up",
		"neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev wl0"})
	startNSHelper(t, ip, ns, helperEnv+"=send", helperProto+"=udp", helperAddr+"=10.9.0.2:9", helperRate+"=100000")
	sink := startNSHelper(t, ip, ns, helperEnv+"=sink")
	addrs, err := sink.out.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	_, udpAddr, _ := strings.Cut(strings.TrimSpace(addrs), " ")
	startNSHelper(t, ip, ns, helperEnv+"=send", helperProto+"=udp", helperAddr+"="+udpAddr, helperRate+"=100000")

	next := startStream(t, ip, ns, "--no-config", "--talkers=capture", "--json", "-t", "300")
	seen := map[string]bool{}
	for range 20 {
		l := next()
		if len(l.Talkers) > 0 {
			seen[l.Device] = true
		}
		if seen["wl0"] && seen["lo"] {
			break
		}
	}
	if !seen["wl0"] || !seen["lo"] {
		t.Fatalf("talkers seen on %v, want wl0 and lo", seen)
	}
	ipBatch(t, ip, ns, []string{"link del wl0"})
	// Lines go on for lo, with its talkers and without a problem.
	var lo int
	for range 30 {
		if l := next(); l.Device == "lo" && len(l.Talkers) > 0 {
			lo++
		}
		if lo == 5 {
			break
		}
	}
	if lo < 5 {
		t.Errorf("after wl0 went, %d lines for lo with talkers, want 5", lo)
	}
}
