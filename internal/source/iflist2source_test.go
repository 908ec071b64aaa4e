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

func noAddrs() map[string]string { return map[string]string{"en0": "192.168.1.7"} }

func TestOpenIfList2ReadsSysctlReply(t *testing.T) {
	reply := slices.Concat(ifInfo2("lo0", 1, 100, 100), ifInfo2("en0", 4, 5_000_000_000, 7))
	fetches := 0
	src := openIfList2(func() ([]byte, error) { fetches++; return reply, nil }, noAddrs,
		func() Source { t.Fatal("fell back although the sysctl works"); return nil })
	devs, err := src.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{{Name: "en0", Addr: "192.168.1.7", Rx: 5_000_000_000, Tx: 7}, {Name: "lo0", Rx: 100, Tx: 100}}
	if !slices.Equal(devs, want) {
		t.Errorf("Read = %+v, want %+v sorted by name with addresses", devs, want)
	}
	if fetches != 2 {
		t.Errorf("%d fetches for Open and one Read, want 2", fetches)
	}
	if st := src.Status(); st.Reader != readerIfList2 {
		t.Errorf("Status().Reader = %q, want %q", st.Reader, readerIfList2)
	}
}

func TestOpenIfList2FallsBack(t *testing.T) {
	tests := map[string]func() ([]byte, error){
		"sysctl fails":   func() ([]byte, error) { return nil, errors.New("sysctl: operation not permitted") },
		"garbled reply":  func() ([]byte, error) { return []byte{1, 2, 3}, nil },
		"no interfaces":  func() ([]byte, error) { return newAddr(1), nil },
		"layout changed": func() ([]byte, error) { m := ifInfo2("en0", 4, 1, 1); m[2] = 6; return m, nil },
	}
	for name, fetch := range tests {
		t.Run(name, func(t *testing.T) {
			stub := &stubSource{devs: []Device{{Name: "en0", Rx: 1}}}
			src := openIfList2(fetch, noAddrs, func() Source { return stub })
			devs, err := src.Read(nil)
			if err != nil || !slices.Equal(devs, stub.devs) {
				t.Errorf("Read = %v, %v; want the fallback's devices", devs, err)
			}
			r := src.Status().Reader
			if !strings.HasPrefix(r, readerGopsutilMac) || !strings.Contains(r, "sysctl failed") {
				t.Errorf("Status().Reader = %q; want gopsutil named with the sysctl's failure", r)
			}
		})
	}
}

func TestIfList2SourceReadError(t *testing.T) {
	ok := true
	src := openIfList2(func() ([]byte, error) {
		if ok {
			return ifInfo2("en0", 4, 1, 1), nil
		}
		return nil, errors.New("sysctl: no memory")
	}, noAddrs, func() Source { t.Fatal("fell back"); return nil })
	ok = false
	if _, err := src.Read(nil); err == nil || !strings.Contains(err.Error(), "NET_RT_IFLIST2") {
		t.Errorf("Read = %v, want an error naming the sysctl", err)
	}
}
