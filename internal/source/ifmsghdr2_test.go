package source

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"testing"
)

// ifInfo2 builds one RTM_IFINFO2 message as macOS lays it out: a 160-byte
// if_msghdr2 with the counters in its if_data64, then a sockaddr_dl
// holding the name, padded to 4 bytes as the kernel rounds it.
func ifInfo2(name string, index uint16, ibytes, obytes uint64) []byte {
	le := binary.LittleEndian
	sdlLen := max(20, 8+len(name)+6) // sdl_data[12] at least; a 6-byte MAC after the name
	msg := make([]byte, ifMsghdr2Len+(sdlLen+3)&^3)
	le.PutUint16(msg[0:], uint16(len(msg)))
	msg[2], msg[3] = rtmVersion, rtmIfInfo2
	le.PutUint32(msg[4:], rtaIFP)
	le.PutUint32(msg[8:], 0x8863) // IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_SIMPLEX|IFF_MULTICAST
	le.PutUint16(msg[12:], index)
	d := msg[ifData64Off:]
	d[0] = 6                          // ifi_type: IFT_ETHER
	le.PutUint32(d[8:], 1500)         // ifi_mtu
	le.PutUint64(d[24:], ibytes/1000) // ifi_ipackets
	le.PutUint64(d[40:], obytes/1000) // ifi_opackets
	le.PutUint64(d[64:], ibytes)      // ifi_ibytes
	le.PutUint64(d[72:], obytes)      // ifi_obytes
	le.PutUint64(d[80:], 12345)       // ifi_imcasts, a neighbour that must not leak in
	sdl := msg[ifMsghdr2Len:]
	sdl[0], sdl[1] = byte(sdlLen), afLink
	le.PutUint16(sdl[2:], index)
	sdl[4], sdl[5], sdl[6] = 6, byte(len(name)), 6
	copy(sdl[8:], name)
	return msg
}

// newAddr builds the RTM_NEWADDR message (struct ifa_msghdr, 20 bytes, and
// a sockaddr_in) that follows an interface's RTM_IFINFO2 in the reply.
func newAddr(index uint16) []byte {
	le := binary.LittleEndian
	msg := make([]byte, 20+16)
	le.PutUint16(msg[0:], uint16(len(msg)))
	msg[2], msg[3] = rtmVersion, 0x0c // RTM_NEWADDR
	le.PutUint32(msg[4:], 0x20)       // RTA_IFA
	le.PutUint16(msg[12:], index)
	msg[20], msg[21] = 16, 2 // sockaddr_in, AF_INET
	copy(msg[24:], []byte{192, 168, 1, 7})
	return msg
}

func TestParseIfList2(t *testing.T) {
	big := uint64(math.MaxUint32) + 12345 // past 2^32: the reason for if_data64
	b := slices.Concat(
		ifInfo2("lo0", 1, 5_000_000_000, 5_000_000_000), newAddr(1),
		ifInfo2("en0", 4, big, 77), newAddr(4), newAddr(4),
		ifInfo2("utun3", 9, 0, 0),
	)
	intern := map[string]string{}
	got, err := parseIfList2(b, nil, intern)
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{{Name: "lo0", Rx: 5_000_000_000, Tx: 5_000_000_000}, {Name: "en0", Rx: big, Tx: 77}, {Name: "utun3"}}
	if !slices.Equal(got, want) {
		t.Errorf("parseIfList2 = %+v\nwant %+v", got, want)
	}
	again, err := parseIfList2(b, got[:0], intern)
	if err != nil || len(again) != 3 {
		t.Fatalf("second parse = %v, %v", again, err)
	}
	if allocs := testing.AllocsPerRun(20, func() { again, _ = parseIfList2(b, again[:0], intern) }); allocs != 0 {
		t.Errorf("steady-state parse allocates %v times", allocs)
	}
}

func TestParseIfList2SkipsMessagesWithoutLinkAddress(t *testing.T) {
	noIFP := ifInfo2("gif0", 2, 1, 1)
	binary.LittleEndian.PutUint32(noIFP[4:], 0)
	got, err := parseIfList2(slices.Concat(noIFP, ifInfo2("en1", 5, 10, 20)), nil, map[string]string{})
	if err != nil || !slices.Equal(got, []Device{{Name: "en1", Rx: 10, Tx: 20}}) {
		t.Errorf("parseIfList2 = %+v, %v; want en1 alone", got, err)
	}
}

func TestParseIfList2Errors(t *testing.T) {
	good := ifInfo2("en0", 4, 1, 2)
	mutate := func(f func(m []byte) []byte) []byte { return f(slices.Clone(good)) }
	tests := map[string][]byte{
		"stray bytes":          append(slices.Clone(good), 1, 2),
		"zero length":          mutate(func(m []byte) []byte { m[0], m[1] = 0, 0; return m }),
		"length past the end":  mutate(func(m []byte) []byte { binary.LittleEndian.PutUint16(m, uint16(len(m)+4)); return m }),
		"other version":        mutate(func(m []byte) []byte { m[2] = 7; return m }),
		"shorter than header":  mutate(func(m []byte) []byte { binary.LittleEndian.PutUint16(m, 100); return m[:100] }),
		"no sockaddr_dl":       mutate(func(m []byte) []byte { binary.LittleEndian.PutUint16(m, ifMsghdr2Len+4); return m[:ifMsghdr2Len+4] }),
		"not AF_LINK":          mutate(func(m []byte) []byte { m[ifMsghdr2Len+1] = 2; return m }),
		"empty name":           mutate(func(m []byte) []byte { m[ifMsghdr2Len+sockaddrDLNLen] = 0; return m }),
		"name past sdl_len":    mutate(func(m []byte) []byte { m[ifMsghdr2Len+sockaddrDLNLen] = 13; return m }),
		"sdl_len past the end": mutate(func(m []byte) []byte { m[ifMsghdr2Len] = 200; return m }),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := parseIfList2(b, nil, map[string]string{}); !errors.Is(err, ErrIfList2Format) {
				t.Errorf("err = %v, want ErrIfList2Format", err)
			}
		})
	}
}

// FuzzParseIfList2 checks that any reply parses or fails without a panic,
// and that every device parsed came from a whole if_msghdr2 with a name.
func FuzzParseIfList2(f *testing.F) {
	f.Add(slices.Concat(ifInfo2("lo0", 1, 5, 6), newAddr(1), ifInfo2("en0", 4, math.MaxUint64, 0)))
	f.Add(ifInfo2("bridge100", 12, 1<<40, 1<<41)[:170])
	f.Add([]byte{4, 0, 5, 0x12})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		devs, err := parseIfList2(b, nil, map[string]string{})
		if err != nil && !errors.Is(err, ErrIfList2Format) {
			t.Fatalf("error %v does not wrap ErrIfList2Format", err)
		}
		if len(devs)*(ifMsghdr2Len+sockaddrDLName+1) > len(b) {
			t.Fatalf("%d devices from %d bytes", len(devs), len(b))
		}
		for _, d := range devs {
			if d.Name == "" || len(d.Name) > 255 {
				t.Fatalf("device name %q", d.Name)
			}
		}
	})
}

// BenchmarkParseIfList2 parses a reply of 30 interfaces, each followed by
// two address messages, as a Mac with a few VPN and bridge interfaces gives.
func BenchmarkParseIfList2(b *testing.B) {
	var reply []byte
	for i := range 30 {
		reply = slices.Concat(reply, ifInfo2("en"+string(rune('a'+i)), uint16(i+1), uint64(i)<<33, uint64(i)<<20), newAddr(uint16(i+1)), newAddr(uint16(i+1)))
	}
	intern := map[string]string{}
	devs, _ := parseIfList2(reply, nil, intern)
	b.ReportAllocs()
	for b.Loop() {
		devs, _ = parseIfList2(reply, devs[:0], intern)
	}
}
