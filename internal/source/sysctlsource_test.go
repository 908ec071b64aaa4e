package source

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// stubSource is a Source with fixed devices, for fallbacks.
type stubSource struct{ devs []Device }

func (s *stubSource) Read(dst []Device) ([]Device, error) { return append(dst[:0], s.devs...), nil }
func (s *stubSource) Status() Status                      { return Status{Reader: "stub"} }
func (s *stubSource) Close() error                        { return nil }

func testAddrs() map[string]string { return map[string]string{"en0": "192.168.1.7"} }

func reply(b []byte) func() ([]byte, error) { return func() ([]byte, error) { return b, nil } }

func failing(msg string) func() ([]byte, error) {
	return func() ([]byte, error) { return nil, errors.New(msg) }
}

// macReaders mirrors Open on macOS with the given fetches.
func macReaders(allData, list2 func() ([]byte, error)) []sysctlReader {
	return []sysctlReader{
		{what: readerIfAllData, fetch: allData, parse: parseIfMibData},
		{what: readerIfList2, fetch: list2, parse: parseIfList2, unwrap: true},
	}
}

func noFallback(t *testing.T) func() Source {
	return func() Source { t.Fatal("fell back to gopsutil"); return nil }
}

func TestOpenSysctlPrefersIfAllData(t *testing.T) {
	all := slices.Concat(ifMib("lo0", 100, 100), ifMib("en0", 5_000_000_123, 7))
	src := openSysctl(macReaders(reply(all), failing("not asked")), testAddrs, noFallback(t))
	devs, err := src.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{{Name: "en0", Addr: "192.168.1.7", Rx: 5_000_000_123, Tx: 7}, {Name: "lo0", Rx: 100, Tx: 100}}
	if !slices.Equal(devs, want) {
		t.Errorf("Read = %+v, want %+v: exact counters, sorted, with addresses", devs, want)
	}
	if r := src.Status().Reader; r != readerIfAllData {
		t.Errorf("Reader = %q, want %q", r, readerIfAllData)
	}
}

func TestOpenSysctlUnwrapsIfList2(t *testing.T) {
	// What macOS gives a program not signed by Apple: the 64-bit counter
	// rounded down to 1 KiB and cut to 32 bits (ALIGN_BYTES in rtsock.c).
	cut := func(v uint64) uint64 { return uint64(uint32(v &^ 1023)) }
	counter := uint64(1<<32 - 3000)
	fetch := func() ([]byte, error) { return ifInfo2("en0", 4, cut(counter), 0), nil }
	src := openSysctl(macReaders(failing("sysctl: no such file or directory"), fetch), testAddrs, noFallback(t))
	r := src.Status().Reader
	if !strings.HasPrefix(r, readerIfList2) || !strings.Contains(r, "passed over: reading interface counters (sysctl net.link.generic.ifalldata") {
		t.Errorf("Reader = %q; want NET_RT_IFLIST2 with the reason ifalldata was passed over", r)
	}
	first, err := src.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	start := first[0].Rx
	counter += 1 << 20 // past 2^32
	devs, err := src.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := devs[0].Rx - start; got < 1<<20-1024 || got > 1<<20+1024 {
		t.Errorf("counted %d bytes across the cut at 2^32, want 1 MiB within the 1 KiB rounding", got)
	}
}

func TestOpenSysctlFallsBack(t *testing.T) {
	tests := map[string][2]func() ([]byte, error){
		"both sysctls fail": {failing("operation not permitted"), failing("operation not permitted")},
		"garbled replies":   {reply([]byte{1, 2, 3}), reply([]byte{1, 2, 3})},
		"no interfaces":     {reply(make([]byte, ifMibDataLen)), reply(newAddr(1))},
		"layouts changed": {reply(ifMib("en0", 1, 1)[:170]), func() ([]byte, error) {
			m := ifInfo2("en0", 4, 1, 1)
			m[2] = 6
			return m, nil
		}},
	}
	for name, fetch := range tests {
		t.Run(name, func(t *testing.T) {
			stub := &stubSource{devs: []Device{{Name: "en0", Rx: 1}}}
			src := openSysctl(macReaders(fetch[0], fetch[1]), testAddrs, func() Source { return stub })
			devs, err := src.Read(nil)
			if err != nil || !slices.Equal(devs, stub.devs) {
				t.Errorf("Read = %v, %v; want the fallback's devices", devs, err)
			}
			r := src.Status().Reader
			if !strings.HasPrefix(r, readerGopsutilMac) || strings.Count(r, "reading interface counters") != 2 {
				t.Errorf("Reader = %q; want gopsutil named with both sysctls' failures", r)
			}
		})
	}
}

func TestSysctlSourceReadError(t *testing.T) {
	ok := true
	src := openSysctl(macReaders(func() ([]byte, error) {
		if ok {
			return ifMib("en0", 1, 1), nil
		}
		return nil, errors.New("sysctl: cannot allocate memory")
	}, failing("not asked")), testAddrs, noFallback(t))
	ok = false
	if _, err := src.Read(nil); err == nil || !strings.Contains(err.Error(), "ifalldata") {
		t.Errorf("Read = %v, want an error naming the sysctl", err)
	}
}
