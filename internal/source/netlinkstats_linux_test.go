package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The netlink counters name the same interfaces as /proc/net/dev, with
// counters at least as far along as those read just before.
func TestStatsSourceMatchesProcNetDev(t *testing.T) {
	p, err := openProcSource(procNetDevPath)
	if err != nil {
		t.Skip(err)
	}
	defer p.Close()
	s, err := openStatsSource()
	if err != nil {
		t.Skip(err)
	}
	defer s.Close()
	before, err := p.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(before) {
		t.Fatalf("%d devices from netlink, %d from /proc/net/dev", len(got), len(before))
	}
	for i := range got {
		if got[i].Name != before[i].Name || got[i].Rx < before[i].Rx || got[i].Tx < before[i].Tx {
			t.Errorf("netlink %+v, /proc/net/dev %+v", got[i], before[i])
		}
	}
}

// BenchmarkStatsSourceRead is one sample of all devices through netlink;
// compare BenchmarkProcSourceRead.
func BenchmarkStatsSourceRead(b *testing.B) {
	s, err := openStatsSource()
	if err != nil {
		b.Skip(err)
	}
	defer s.Close()
	buf := make([]Device, 0, 16)
	b.ReportAllocs()
	for b.Loop() {
		buf, err = s.Read(buf)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// statsMsg builds an RTM_NEWSTATS payload for interface index with its
// rtnl_link_stats64 holding rx and tx bytes, and packets, errors and drops
// derived from them (bytes/100, /1000, /10000).
func statsMsg(index uint32, rx, tx uint64) []byte {
	b := make([]byte, sizeofIfStatsMsg)
	binary.NativeEndian.PutUint32(b[4:8], index)
	stats := make([]byte, 24*8) // struct rtnl_link_stats64 has 24 counters
	binary.NativeEndian.PutUint64(stats[rxBytes:], rx)
	binary.NativeEndian.PutUint64(stats[txBytes:], tx)
	e := extraOf(rx, tx)
	for off, v := range map[int]uint64{rxPackets: e.RxPackets, txPackets: e.TxPackets, rxErrors: e.RxErrors,
		txErrors: e.TxErrors, rxDropped: e.RxDropped, txDropped: e.TxDropped} {
		binary.NativeEndian.PutUint64(stats[off:], v)
	}
	attr := make([]byte, syscall.SizeofRtAttr)
	binary.NativeEndian.PutUint16(attr[0:2], uint16(syscall.SizeofRtAttr+len(stats)))
	binary.NativeEndian.PutUint16(attr[2:4], iflaStatsLink64)
	return append(append(b, attr...), stats...)
}

func TestParseStatsMessages(t *testing.T) {
	names := map[uint32]string{1: "lo", 2: "eth0"}
	name := func(i uint32) string { return names[i] }
	var dump []byte
	for _, m := range [][]byte{
		nlMsg(rtmNewStats, 3, statsMsg(1, 100, 200)),
		nlMsg(rtmNewStats, 3, statsMsg(2, 1<<40, 5)),
		nlMsg(rtmNewStats, 3, statsMsg(9, 7, 7)),     // gone before it was named
		nlMsg(rtmNewStats, 2, statsMsg(1, 999, 999)), // an older request's
		nlMsg(rtmNewStats, 3, make([]byte, 4)),       // too short
		nlMsg(syscall.NLMSG_DONE, 3, make([]byte, 4)),
	} {
		dump = append(dump, m...)
	}
	devs, done, err := parseStatsMessages(dump, 3, nil, name)
	if err != nil || !done {
		t.Fatalf("done %v, err %v", done, err)
	}
	want := []Device{{Name: "lo", Rx: 100, Tx: 200, Extra: extraOf(100, 200)},
		{Name: "eth0", Rx: 1 << 40, Tx: 5, Extra: extraOf(1<<40, 5)}}
	if !slices.Equal(devs, want) {
		t.Errorf("got %+v, want %+v", devs, want)
	}
	errMsg := make([]byte, 4)
	e := -int32(syscall.EOPNOTSUPP)
	binary.NativeEndian.PutUint32(errMsg, uint32(e))
	if _, _, err := parseStatsMessages(nlMsg(syscall.NLMSG_ERROR, 3, errMsg), 3, nil, name); !errors.Is(err, syscall.EOPNOTSUPP) {
		t.Errorf("error message: %v", err)
	}
	if _, _, err := parseStatsMessages(dump[:len(dump)-3], 3, nil, name); err == nil {
		t.Error("a cut message must fail")
	}
}

func FuzzParseStatsMessages(f *testing.F) {
	f.Add(nlMsg(rtmNewStats, 1, statsMsg(1, 100, 200)))
	f.Add(nlMsg(syscall.NLMSG_DONE, 1, make([]byte, 4)))
	f.Fuzz(func(t *testing.T, b []byte) {
		devs, _, _ := parseStatsMessages(b, 1, nil, func(i uint32) string { return "x" })
		for _, d := range devs {
			if d.Name != "x" {
				t.Fatalf("bad device %+v", d)
			}
		}
	})
}

// extraOf is the packet, error and drop counters statsMsg writes.
func extraOf(rx, tx uint64) Extra {
	return Extra{Valid: true, RxPackets: rx / 100, TxPackets: tx / 100, RxErrors: rx / 1000, TxErrors: tx / 1000,
		RxDropped: rx / 10000, TxDropped: tx / 10000}
}

// statsDump1000 is an RTM_GETSTATS dump of sequence seq as a namespace
// with 1,000 ifb devices answers it: lo at index 1, ifb0 to ifb999 at
// indexes 2 to 1001 (so dump order is not name order), in reads of at
// most 32 KiB as the kernel sizes them, with the names of each index.
func statsDump1000(seq uint32) (reads [][]byte, names map[uint32]string) {
	names = map[uint32]string{1: "lo"}
	var read []byte
	for index := uint32(1); index <= 1001; index++ {
		if index > 1 {
			names[index] = fmt.Sprintf("ifb%d", index-2)
		}
		m := nlMsg(rtmNewStats, seq, statsMsg(index, uint64(index)<<30, uint64(index)<<20))
		if len(read)+len(m) > 32<<10 {
			reads = append(reads, read)
			read = nil
		}
		read = append(read, m...)
	}
	reads = append(reads, append(read, nlMsg(syscall.NLMSG_DONE, seq, make([]byte, 4))...))
	return reads, names
}

// BenchmarkParseStatsMessages1000 parses a 1,000-device dump, naming
// devices from a slice.
func BenchmarkParseStatsMessages1000(b *testing.B) {
	reads, names := statsDump1000(1)
	byIndex := make([]string, 1002)
	for i, n := range names {
		byIndex[i] = n
	}
	name := func(i uint32) string { return byIndex[i] }
	var devs []Device
	b.ReportAllocs()
	for b.Loop() {
		devs = devs[:0]
		for _, r := range reads {
			devs, _, _ = parseStatsMessages(r, 1, devs, name)
		}
	}
	if len(devs) != 1001 {
		b.Fatalf("%d devices", len(devs))
	}
}

// BenchmarkStatsTick1000 is a steady tick of the netlink source with
// 1,000 devices, from the dump's bytes to the sorted list, without the
// system calls: parse, name from the cache, sort.
func BenchmarkStatsTick1000(b *testing.B) {
	reads, names := statsDump1000(1)
	s := &statsSource{seq: 1, names: map[uint32]cachedName{}}
	for i, n := range names {
		s.names[i] = cachedName{name: n}
	}
	var devs []Device
	b.ReportAllocs()
	for b.Loop() {
		s.begin()
		for _, r := range reads {
			s.parse(r)
		}
		devs = s.finish(devs)
	}
	if len(devs) != 1001 || devs[0].Name != "ifb0" || devs[1].Name != "ifb1" || devs[2].Name != "ifb10" {
		b.Fatalf("%d devices, first %+v", len(devs), devs[:3])
	}
}

// tick runs one dump of the constructed reads through the source, without
// system calls.
func tick(s *statsSource, reads [][]byte) []Device {
	s.begin()
	for _, r := range reads {
		s.parse(r)
	}
	return s.finish(nil)
}

// checkSorted checks that devs are sorted by name, are the devices of
// names, and that each carries its own counters (statsDump1000's Rx is
// the index shifted by 30).
func checkSorted(t *testing.T, step string, devs []Device, names map[uint32]string) {
	t.Helper()
	if !slices.IsSortedFunc(devs, func(a, b Device) int { return strings.Compare(a.Name, b.Name) }) {
		t.Fatalf("%s: not sorted: %v ...", step, devs[:5])
	}
	if len(devs) != len(names) {
		t.Fatalf("%s: %d devices, want %d", step, len(devs), len(names))
	}
	for _, d := range devs {
		if names[uint32(d.Rx>>30)] != d.Name {
			t.Fatalf("%s: %s has the counters of index %d (%s)", step, d.Name, d.Rx>>30, names[uint32(d.Rx>>30)])
		}
	}
}

// The order of the last dump is reused only while the dump is the same:
// a rename, a new device or one in another's place still sorts.
func TestStatsSourceSortsChangedDumps(t *testing.T) {
	reads, names := statsDump1000(1)
	s := &statsSource{seq: 1, names: map[uint32]cachedName{}}
	for i, n := range names {
		s.names[i] = cachedName{name: n}
	}
	checkSorted(t, "first dump", tick(s, reads), names)
	checkSorted(t, "same dump", tick(s, reads), names)

	// a notification that keeps the name (a device set up or down)
	s.linkChanged(500, []byte(names[500]), false)
	if len(s.prev.index) == 0 {
		t.Error("a notification without a new name dropped the dump-order names")
	}
	checkSorted(t, "same name told", tick(s, reads), names)

	s.linkChanged(500, []byte("aaa"), false)
	names[500] = "aaa"
	devs := tick(s, reads)
	checkSorted(t, "rename", devs, names)
	if devs[0].Name != "aaa" {
		t.Errorf("renamed device at %v", devs[0])
	}
	checkSorted(t, "same dump after the rename", tick(s, reads), names)

	// a new device, last in the dump as its index is the highest
	last := len(reads) - 1
	done := reads[last][len(reads[last])-syscall.NLMSG_HDRLEN-4:]
	grown := slices.Clone(reads)
	grown[last] = slices.Concat(reads[last][:len(reads[last])-len(done)], nlMsg(rtmNewStats, 1, statsMsg(2000, 2000<<30, 0)), done)
	s.names[2000] = cachedName{name: "ifb", gen: s.gen}
	names[2000] = "ifb"
	checkSorted(t, "new device", tick(s, grown), names)

	// as many devices, one in another's place
	swapped := slices.Clone(grown)
	swapped[0] = slices.Clone(grown[0])
	at := bytes.Index(swapped[0], statsMsg(2, 2<<30, 2<<20))
	copy(swapped[0][at:], statsMsg(3000, 3000<<30, 0))
	s.names[3000] = cachedName{name: "zzz", gen: s.gen}
	delete(names, 2)
	names[3000] = "zzz"
	checkSorted(t, "device replaced", tick(s, swapped), names)
}
