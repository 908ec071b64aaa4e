package source

import (
	"errors"
	"slices"
	"testing"
)

const sampleProcNetDev = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 6530941952 1000    0    0    0     0          0         0 6530941952 1000    0    0    0     0       0          0
  eth0: 18446744073709551615 2 0 0 0 0 0 0 42 3 0 0 0 0 0 0
wlan0:1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
`

func TestParseProcNetDev(t *testing.T) {
	intern := map[string]string{}
	devs, err := parseProcNetDev([]byte(sampleProcNetDev), nil, intern)
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{
		{Name: "lo", Rx: 6530941952, Tx: 6530941952, Extra: Extra{Valid: true, RxPackets: 1000, TxPackets: 1000}},
		{Name: "eth0", Rx: 1<<64 - 1, Tx: 42, Extra: Extra{Valid: true, RxPackets: 2, TxPackets: 3}},
		{Name: "wlan0", Rx: 1, Tx: 9, Extra: Extra{Valid: true, RxPackets: 2, RxErrors: 3, RxDropped: 4, TxPackets: 10, TxErrors: 11, TxDropped: 12}},
	}
	if len(devs) != len(want) {
		t.Fatalf("got %d devices, want %d: %+v", len(devs), len(want), devs)
	}
	for i := range want {
		if devs[i] != want[i] {
			t.Errorf("device %d = %+v, want %+v", i, devs[i], want[i])
		}
	}
	// Steady state: the same names parse without allocating.
	buf := make([]Device, 0, 8)
	text := []byte(sampleProcNetDev)
	allocs := testing.AllocsPerRun(50, func() {
		buf, _ = parseProcNetDev(text, buf[:0], intern)
	})
	if allocs != 0 {
		t.Errorf("parse allocates %v times per call in steady state", allocs)
	}
}

func TestParseProcNetDevErrors(t *testing.T) {
	head := "h1\nh2\n"
	bad := []string{
		head + "eth0 1 2 3 4 5 6 7 8 9\n",                     // no colon
		head + ": 1 2 3 4 5 6 7 8 9\n",                        // no name
		head + "eth0: 1 2 3\n",                                // too few fields
		head + "eth0: x 2 3 4 5 6 7 8 9\n",                    // not a number
		head + "eth0: 18446744073709551616 2 3 4 5 6 7 8 9\n", // overflow
		head + "eth0: 1 2 3 4 5 6 7 8 -9\n",                   // negative
		head + "eth0: 1 2 3 4 5 6 7 8 9 10 x 12\n",            // a bad error count
	}
	for _, text := range bad {
		if _, err := parseProcNetDev([]byte(text), nil, map[string]string{}); !errors.Is(err, ErrProcNetDevFormat) {
			t.Errorf("%q: err = %v, want ErrProcNetDevFormat", text, err)
		}
	}
	// Headers only, blank lines and CRLF endings are fine.
	devs, err := parseProcNetDev([]byte(head+"\n  \neth0: 1 2 3 4 5 6 7 8 9\r\n"), nil, map[string]string{})
	if err != nil || len(devs) != 1 || devs[0].Tx != 9 || devs[0].Extra.Valid {
		t.Errorf("got %+v, %v; want Tx 9 and no packet counters from 9 fields", devs, err)
	}
}

// BenchmarkParseProcNetDev parses a three-device text in steady state.
func BenchmarkParseProcNetDev(b *testing.B) {
	text := []byte(sampleProcNetDev)
	intern := map[string]string{}
	buf := make([]Device, 0, 8)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = parseProcNetDev(text, buf[:0], intern)
	}
}

func FuzzParseProcNetDev(f *testing.F) {
	f.Add([]byte(sampleProcNetDev))
	f.Add([]byte("a\nb\nx: 1 2 3 4 5 6 7 8 9\n"))
	f.Add([]byte("a\nb\n:::\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		intern := map[string]string{}
		devs, err := parseProcNetDev(text, nil, intern)
		if err != nil {
			return
		}
		for _, d := range devs {
			if d.Name == "" {
				t.Fatalf("empty name parsed from %q", text)
			}
			if intern[d.Name] != d.Name {
				t.Fatalf("name %q not interned", d.Name)
			}
		}
	})
}

// The remembered order sorts like a sort, also when names come, go or
// swap places between lists.
func TestNameOrder(t *testing.T) {
	var o nameOrder
	for _, list := range [][]string{
		{"lo", "eth0", "ifb10", "ifb2", "ifb1"},
		{"lo", "eth0", "ifb10", "ifb2", "ifb1"},
		{"lo", "eth0", "ifb10", "ifb1"},
		{"lo", "eth0", "ifb1", "ifb10"},
		{"wlan0", "lo", "eth0", "ifb1", "ifb10", "a"},
		{},
		{"x"},
	} {
		devs := make([]Device, len(list))
		for i, n := range list {
			devs[i] = Device{Name: n, Rx: uint64(len(n))}
		}
		o.sort(devs)
		want := slices.Clone(list)
		slices.Sort(want)
		for i := range devs {
			if devs[i].Name != want[i] || devs[i].Rx != uint64(len(want[i])) {
				t.Fatalf("%v sorted to %v", list, devs)
			}
		}
	}
}
