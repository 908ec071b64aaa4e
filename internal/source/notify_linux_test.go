package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// linkMsg builds an RTM_NEWLINK or RTM_DELLINK payload for interface
// index with the given attributes.
func linkMsg(index uint32, attrs ...rtattr) []byte {
	b := make([]byte, syscall.SizeofIfInfomsg)
	binary.NativeEndian.PutUint32(b[4:8], index)
	// addrMsg lays attributes out the same way after its own header.
	return append(b, addrMsg(0, attrs...)[syscall.SizeofIfAddrmsg:]...)
}

// linkEvent is one call of parseNotifications' link function.
type linkEvent struct {
	index uint32
	name  string
	gone  bool
}

func parseEvents(b []byte) ([]linkEvent, bool, error) {
	var got []linkEvent
	addrs, err := parseNotifications(b, func(index uint32, name []byte, gone bool) {
		got = append(got, linkEvent{index, string(name), gone})
	})
	return got, addrs, err
}

func TestParseNotifications(t *testing.T) {
	name := func(s string) rtattr { return rtattr{syscall.IFLA_IFNAME, []byte(s + "\x00")} }
	mtu := rtattr{syscall.IFLA_MTU, []byte{0, 5, 0, 0}}
	tests := []struct {
		name  string
		msgs  [][]byte
		links []linkEvent
		addrs bool
		err   bool
	}{
		{"rename", [][]byte{nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(7, mtu, name("wan0")))},
			[]linkEvent{{7, "wan0", false}}, false, false},
		{"gone", [][]byte{nlMsg(syscall.RTM_DELLINK, 0, linkMsg(8, name("ifb3")))},
			[]linkEvent{{8, "ifb3", true}}, false, false},
		{"no name", [][]byte{nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(9, mtu))},
			[]linkEvent{{9, "", false}}, false, false},
		{"empty name", [][]byte{nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(9, name("")))},
			[]linkEvent{{9, "", false}}, false, false},
		{"name too long", [][]byte{nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(9, name("abcdefghijklmnop")))},
			[]linkEvent{{9, "", false}}, false, false},
		{"addresses and links", [][]byte{
			nlMsg(syscall.RTM_NEWADDR, 0, addrMsg(3, rtattr{syscall.IFA_ADDRESS, []byte{10, 0, 0, 1}})),
			nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(3, name("a"))),
			nlMsg(syscall.RTM_NEWROUTE, 0, make([]byte, 12)),
			nlMsg(syscall.RTM_DELADDR, 0, addrMsg(3)),
		}, []linkEvent{{3, "a", false}}, true, false},
		{"address deleted", [][]byte{nlMsg(syscall.RTM_DELADDR, 0, addrMsg(3))}, nil, true, false},
		{"short link message", [][]byte{nlMsg(syscall.RTM_NEWLINK, 0, make([]byte, 8))}, nil, false, true},
		{"cut message", [][]byte{nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(3, name("a")))[:20]}, nil, false, true},
	}
	for _, tt := range tests {
		links, addrs, err := parseEvents(bytes.Join(tt.msgs, nil))
		if !slices.Equal(links, tt.links) || addrs != tt.addrs || (err != nil) != tt.err {
			t.Errorf("%s: links %v, addresses %v, err %v; want %v, %v, error %v", tt.name, links, addrs, err, tt.links, tt.addrs, tt.err)
		}
	}
}

func FuzzParseNotifications(f *testing.F) {
	f.Add(nlMsg(syscall.RTM_NEWLINK, 0, linkMsg(7, rtattr{syscall.IFLA_IFNAME, []byte("wan0\x00")})))
	f.Add(nlMsg(syscall.RTM_DELADDR, 0, addrMsg(3, rtattr{syscall.IFA_ADDRESS, []byte{10, 0, 0, 1}})))
	f.Fuzz(func(t *testing.T, b []byte) {
		links, _, _ := parseEvents(b)
		if len(links) > len(b)/(syscall.NLMSG_HDRLEN+syscall.SizeofIfInfomsg) {
			t.Fatalf("%d links from %d bytes", len(links), len(b))
		}
		for _, l := range links {
			if strings.IndexByte(l.name, 0) >= 0 || len(l.name) >= syscall.IFNAMSIZ {
				t.Fatalf("bad name %q", l.name)
			}
		}
	})
}

// staleNames opens the netlink source with a book that reports its
// lookups on a channel, reads once and then spoils every cached name, as
// if renames had gone untold.
func staleNames(t *testing.T) (*statsSource, *fakeLookups) {
	t.Helper()
	s, err := openStatsSource()
	if err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.watch < 0 {
		t.Skip("no netlink notification socket here")
	}
	f := &fakeLookups{tables: []map[string]string{{}}, served: make(chan int, 8)}
	s.addrs.close()
	s.addrs = startAddressBook(f.lookup, 0, 0)
	for i, c := range s.names {
		s.names[i] = cachedName{name: "stale-" + c.name, gen: c.gen}
	}
	s.prev.index = s.prev.index[:0]
	return s, f
}

// feedWatch makes the source's reads of its watch socket return errs,
// then EAGAIN.
func feedWatch(s *statsSource, errs ...error) {
	s.readWatch = func(int, []byte) (int, error) {
		if len(errs) == 0 {
			return 0, syscall.EAGAIN
		}
		err := errs[0]
		errs = errs[1:]
		return 0, err
	}
}

func readNames(t *testing.T, s Source) []string {
	t.Helper()
	devs, err := s.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range devs {
		names = append(names, d.Name)
	}
	return names
}

// waitLookup waits, for a generous while, for the book to look addresses up.
func waitLookup(t *testing.T, f *fakeLookups) {
	t.Helper()
	select {
	case <-f.served:
	case <-time.After(30 * time.Second):
		t.Fatal("no address lookup")
	}
}

// While the watch socket is quiet, cached names are trusted; when it
// overflowed (ENOBUFS), every name is asked again and the addresses are
// looked up again.
func TestWatchOverflowAsksEverythingAgain(t *testing.T) {
	s, f := staleNames(t)
	feedWatch(s)
	names := readNames(t, s)
	if len(names) == 0 || !strings.HasPrefix(names[0], "stale-") {
		t.Fatalf("names %q: a quiet watch must keep the cache", names)
	}
	feedWatch(s, syscall.EINTR, syscall.ENOBUFS)
	names = readNames(t, s)
	for _, n := range names {
		if strings.HasPrefix(n, "stale-") {
			t.Errorf("names %q after an overflow", names)
		}
	}
	waitLookup(t, f)
	if s.watch < 0 {
		t.Error("an overflow must not give up the watch")
	}
}

// A watch socket that fails otherwise is given up: names are asked again
// at once and then every nameRecheck.
func TestWatchErrorFallsBackToRecheck(t *testing.T) {
	s, f := staleNames(t)
	feedWatch(s, syscall.EIO)
	names := readNames(t, s)
	for _, n := range names {
		if strings.HasPrefix(n, "stale-") {
			t.Errorf("names %q after a failed watch", names)
		}
	}
	waitLookup(t, f)
	if s.watch >= 0 {
		t.Error("a failed watch must be closed")
	}
	if s.checked.IsZero() || time.Since(s.checked) >= nameRecheck {
		t.Error("the periodic recheck must start from the failure")
	}
}

// netnsChild is the environment variable that tells a test it runs in a
// fresh network namespace made by its parent run.
const netnsChild = "WINLOAD_SOURCE_NETNS_CHILD"

// inFreshNetns reports whether the test runs in a network namespace of
// its own. If not, it runs the test again in a child process in a new one
// (needs root and iproute2, else skips) and reports false: the caller
// then returns, and the child's result is the test's.
func inFreshNetns(t *testing.T) bool {
	t.Helper()
	if os.Getenv(netnsChild) == t.Name() {
		return true
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a network namespace")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("the ip command (iproute2) is not installed")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), netnsChild+"="+t.Name())
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET}
	out, err := cmd.CombinedOutput()
	switch {
	case err != nil && errors.Is(err, syscall.EPERM):
		t.Skipf("cannot create a network namespace here: %v", err)
	case err != nil:
		t.Fatalf("in a fresh network namespace: %v\n%s", err, out)
	case bytes.Contains(out, []byte("--- SKIP: "+t.Name())):
		t.Skipf("skipped in the namespace:\n%s", out)
	case !bytes.Contains(out, []byte("--- PASS: "+t.Name())):
		t.Fatalf("no result from the namespace:\n%s", out)
	}
	return false
}

// ipCommands runs ip commands, one per line, in the test's namespace.
func ipCommands(t *testing.T, lines ...string) {
	t.Helper()
	cmd := exec.Command("ip", "-batch", "-")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		if strings.Contains(string(out), "ifb") && strings.Contains(string(out), "not supported") {
			t.Skipf("no ifb devices here: %s", out)
		}
		t.Fatalf("ip %q: %v: %s", lines, err, out)
	}
}

// addrOf reads until the device's address satisfies ok, for a generous
// while: lookups run off the sampling path, at most one a second.
func addrOf(t *testing.T, s Source, dev string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		devs, err := s.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(devs, func(d Device) bool { return d.Name == dev })
		if i >= 0 && ok(devs[i].Addr) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: devices %+v", dev, devs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Renames, devices that appear or go, and addresses added or removed
// show without any periodic recheck: names at the next read, addresses
// soon after.
func TestStatsSourceFollowsChanges(t *testing.T) {
	if !inFreshNetns(t) {
		return
	}
	ipCommands(t, "link add wla type ifb", "link set wla up", "link add wlb type ifb")
	src, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	s, ok := src.(*statsSource)
	if !ok || s.watch < 0 {
		t.Fatalf("source %T without a watch socket", src)
	}
	if got := readNames(t, s); !slices.Equal(got, []string{"lo", "wla", "wlb"}) {
		t.Fatalf("names %q", got)
	}
	ipCommands(t, "addr add 192.0.2.7/32 dev wla")
	addrOf(t, s, "wla", func(a string) bool { return a == "192.0.2.7" })
	ipCommands(t, "addr add 2001:db8::7/128 dev wlb nodad")
	addrOf(t, s, "wlb", func(a string) bool { return a == "2001:db8::7" })
	ipCommands(t, "addr del 192.0.2.7/32 dev wla")
	addrOf(t, s, "wla", func(a string) bool { return a != "192.0.2.7" })
	ipCommands(t, "link set wlb name wl0")
	if got := readNames(t, s); !slices.Equal(got, []string{"lo", "wl0", "wla"}) {
		t.Errorf("after a rename: %q", got)
	}
	ipCommands(t, "link add wlc type ifb")
	if got := readNames(t, s); !slices.Equal(got, []string{"lo", "wl0", "wla", "wlc"}) {
		t.Errorf("after a new device: %q", got)
	}
	ipCommands(t, "link del wla")
	if got := readNames(t, s); !slices.Equal(got, []string{"lo", "wl0", "wlc"}) {
		t.Errorf("after a device went: %q", got)
	}
	ipCommands(t, "addr add 198.51.100.1/32 dev wl0", "link set wl0 name wlz")
	addrOf(t, s, "wlz", func(a string) bool { return a == "198.51.100.1" })
}

// When more changes come than the watch socket holds, the kernel drops
// the rest and says so (ENOBUFS): a rename lost that way still shows.
func TestStatsSourceOverflowInNamespace(t *testing.T) {
	if !inFreshNetns(t) {
		return
	}
	ipCommands(t, "link add wla type ifb")
	s, err := openStatsSource()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.watch < 0 {
		t.Fatal("no watch socket")
	}
	// The least buffer the kernel allows holds a notification or two.
	if err := syscall.SetsockoptInt(s.watch, syscall.SOL_SOCKET, syscall.SO_RCVBUF, 0); err != nil {
		t.Fatal(err)
	}
	readNames(t, s)
	gen := s.gen
	var lines []string
	for _, n := range []string{"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7"} {
		lines = append(lines, "link add wl"+n+" type ifb", "link set wl"+n+" up")
	}
	ipCommands(t, append(lines, "link set wla name wlb")...)
	got := readNames(t, s)
	if s.gen == gen {
		t.Fatal("the watch socket did not overflow")
	}
	want := []string{"lo", "wlb", "wlx0", "wlx1", "wlx2", "wlx3", "wlx4", "wlx5", "wlx6", "wlx7"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}

// A flood of notifications that never ends does not hold a sample: the
// rest waits for the next one.
func TestWatchFloodDoesNotHoldRead(t *testing.T) {
	s, f := staleNames(t)
	msg := nlMsg(syscall.RTM_NEWADDR, 0, addrMsg(1, rtattr{syscall.IFA_ADDRESS, []byte{10, 0, 0, 1}}))
	reads := 0
	s.readWatch = func(_ int, p []byte) (int, error) {
		reads++
		return copy(p, msg), nil
	}
	readNames(t, s)
	if reads != maxWatchReads {
		t.Errorf("%d reads of the watch, want %d", reads, maxWatchReads)
	}
	waitLookup(t, f)
}
