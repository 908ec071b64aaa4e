package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// netDevText renders /proc/net/dev as a 32-bit kernel prints it: the two
// header lines, then per device the receive bytes and packets, six other
// receive fields, and the transmit bytes. A driver without 64-bit
// statistics prints its unsigned longs, which wrap at 2^32.
func netDevText(rows map[string][2]uint64) string {
	var b strings.Builder
	b.WriteString("Inter-|   Receive                                                |  Transmit\n")
	b.WriteString(" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n")
	for _, name := range []string{"eth0", "lo", "usb0"} {
		if c, ok := rows[name]; ok {
			fmt.Fprintf(&b, "%6s: %d %d 0 0 0 0 0 0 %d %d 0 0 0 0 0 0\n", name, c[0], c[0]/1400, c[1], c[1]/1400)
		}
	}
	return b.String()
}

func TestProcSourceUnwraps32BitCountersUnderLoad(t *testing.T) {
	// Ten minutes of one-second samples of a Raspberry Pi's eth0 (a
	// driver with 32-bit statistics) receiving at 94 Mbit/s: the receive
	// counter passes 2^32 twice. lo has 64-bit counters and is reset
	// half-way; usb0 is unplugged and plugged back with fresh counters.
	const (
		rxRate, txRate uint64 = 11_750_000, 1_180_000
		rxStart        uint64 = 4_260_000_000
		txStart        uint64 = 4_294_000_000
		samples               = 600
	)
	rx := func(i int) uint64 { return rxStart + uint64(i)*rxRate }
	tx := func(i int) uint64 { return txStart + uint64(i)*txRate }
	path := filepath.Join(t.TempDir(), "dev")
	write := func(rows map[string][2]uint64) {
		if err := os.WriteFile(path, []byte(netDevText(rows)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kernel := func(i int) map[string][2]uint64 {
		rows := map[string][2]uint64{
			"eth0": {uint64(uint32(rx(i))), uint64(uint32(tx(i)))},
			"lo":   {5_000_000_000 + uint64(i)*1000, 5_000_000_000 + uint64(i)*1000},
		}
		if i >= samples/2 {
			rows["lo"] = [2]uint64{uint64(i) * 1000, uint64(i) * 1000}
		}
		switch {
		case i < 100:
			rows["usb0"] = [2]uint64{4_294_000_000 + uint64(i)*100, 0}
		case i >= 110:
			rows["usb0"] = [2]uint64{uint64(i-110) * 100, 0}
		}
		return rows
	}
	write(kernel(0))
	p, err := openProcSource(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.unwrap32()
	if st := p.Status(); !strings.Contains(st.Reader, "unwrapped") {
		t.Errorf("Status().Reader = %q; want it to say the counters are unwrapped", st.Reader)
	}
	wraps := 0
	var devs []Device
	for i := range samples {
		write(kernel(i))
		if devs, err = p.Read(devs); err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		got := map[string]Device{}
		for _, d := range devs {
			got[d.Name] = d
		}
		if i > 0 && uint32(rx(i)) < uint32(rx(i-1)) {
			wraps++
		}
		if e := got["eth0"]; e.Rx != rx(i) || e.Tx != tx(i) {
			t.Fatalf("sample %d: eth0 %d/%d, want %d/%d", i, e.Rx, e.Tx, rx(i), tx(i))
		}
		if l, want := got["lo"], kernel(i)["lo"]; l.Rx != want[0] || l.Tx != want[1] {
			t.Fatalf("sample %d: lo %d/%d, want the kernel's 64-bit %d/%d untouched (a reset stays a reset)", i, l.Rx, l.Tx, want[0], want[1])
		}
		if u, ok := got["usb0"]; ok && u.Rx != kernel(i)["usb0"][0] {
			t.Fatalf("sample %d: usb0 rx %d, want %d (a device back from unplugging starts afresh)", i, u.Rx, kernel(i)["usb0"][0])
		}
	}
	if wraps < 2 {
		t.Fatalf("the recording wraps %d times, want at least 2", wraps)
	}
}

func TestMachineIs64(t *testing.T) {
	for machine, want := range map[string]bool{
		"x86_64": true, "aarch64": true, "ppc64le": true, "riscv64": true, "s390x": true, "mips64": true,
		"i686": false, "i386": false, "armv6l": false, "armv7l": false, "armv8l": false, "mips": false,
	} {
		if got := machineIs64(machine); got != want {
			t.Errorf("machineIs64(%q) = %v, want %v", machine, got, want)
		}
	}
}
