package source

import (
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

// ifMib builds one struct ifmibdata as macOS lays it out.
func ifMib(name string, ibytes, obytes uint64) []byte {
	le := binary.LittleEndian
	rec := make([]byte, ifMibDataLen)
	copy(rec, name)
	le.PutUint32(rec[16:], 1) // ifmd_pcount
	le.PutUint32(rec[ifMibFlagsOff:], 0x8863)
	le.PutUint32(rec[28:], 50) // ifmd_snd_maxlen
	d := rec[52:]
	d[0] = 6                          // ifi_type
	le.PutUint32(d[8:], 1500)         // ifi_mtu
	le.PutUint64(d[24:], ibytes/1000) // ifi_ipackets
	le.PutUint64(d[56:], 99)          // ifi_collisions, just before ifi_ibytes
	le.PutUint64(d[64:], ibytes)
	le.PutUint64(d[72:], obytes)
	le.PutUint64(d[80:], 12345) // ifi_imcasts, just after
	return rec
}

func TestParseIfMibData(t *testing.T) {
	b := slices.Concat(ifMib("lo0", 5_000_000_123, 5_000_000_123), make([]byte, ifMibDataLen), ifMib("en0", 1<<40+7, 1023), ifMib("utun10", 0, 0))
	intern := map[string]string{}
	got, err := parseIfMibData(b, nil, intern)
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{{Name: "lo0", Rx: 5_000_000_123, Tx: 5_000_000_123}, {Name: "en0", Rx: 1<<40 + 7, Tx: 1023}, {Name: "utun10"}}
	if !slices.Equal(got, want) {
		t.Errorf("parseIfMibData = %+v\nwant %+v (exact 64-bit counters, the detached record skipped)", got, want)
	}
	if allocs := testing.AllocsPerRun(20, func() { got, _ = parseIfMibData(b, got[:0], intern) }); allocs != 0 {
		t.Errorf("steady-state parse allocates %v times", allocs)
	}
}

func TestParseIfMibDataErrors(t *testing.T) {
	long := ifMib("en0", 1, 1)
	copy(long, "abcdefghijklmnop") // 16 bytes, no NUL
	for name, b := range map[string][]byte{
		"partial record": ifMib("en0", 1, 1)[:179],
		"extra bytes":    append(ifMib("en0", 1, 1), 0, 0, 0, 0),
		"name too long":  long,
	} {
		if _, err := parseIfMibData(b, nil, map[string]string{}); !errors.Is(err, ErrIfMibFormat) {
			t.Errorf("%s: err = %v, want ErrIfMibFormat", name, err)
		}
	}
}

// FuzzParseIfMibData checks that any reply parses or fails without a
// panic, with names of 1 to 15 bytes.
func FuzzParseIfMibData(f *testing.F) {
	f.Add(slices.Concat(ifMib("lo0", 1, 2), ifMib("en0", 3, 4)))
	f.Add(make([]byte, ifMibDataLen))
	f.Add([]byte("en0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		devs, err := parseIfMibData(b, nil, map[string]string{})
		if err != nil && !errors.Is(err, ErrIfMibFormat) {
			t.Fatalf("error %v does not wrap ErrIfMibFormat", err)
		}
		if len(devs)*ifMibDataLen > len(b) {
			t.Fatalf("%d devices from %d bytes", len(devs), len(b))
		}
		for _, d := range devs {
			if d.Name == "" || len(d.Name) >= ifNameSize {
				t.Fatalf("device name %q", d.Name)
			}
		}
	})
}

// BenchmarkParseIfMibData parses a reply of 30 interfaces.
func BenchmarkParseIfMibData(b *testing.B) {
	var reply []byte
	for i := range 30 {
		reply = slices.Concat(reply, ifMib("en"+string(rune('a'+i)), uint64(i)<<33, uint64(i)<<20))
	}
	intern := map[string]string{}
	devs, _ := parseIfMibData(reply, nil, intern)
	b.ReportAllocs()
	for b.Loop() {
		devs, _ = parseIfMibData(reply, devs[:0], intern)
	}
}
