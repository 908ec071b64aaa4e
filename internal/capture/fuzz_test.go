package capture

import (
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// FuzzFrameBytes checks, for any bytes and lengths, that FrameBytes never
// panics, counts only frames whose header was captured, and counts exactly
// the original length less the header.
func FuzzFrameBytes(f *testing.F) {
	v4 := loopbackFrame(2, ipv4TCP(f, 100))
	f.Add(v4, len(v4), false)
	f.Add(v4[:64], 1504, false)
	f.Add(loopbackFrame(23, ipv6UDP(f, 10)), 62, false)
	f.Add(append(nullHeader(2, true), 0x45), 5, true)
	f.Add([]byte{2, 0}, 2, false)
	f.Add([]byte{}, 0, false)
	f.Add([]byte{2, 0, 0, 0}, -7, false)
	f.Fuzz(func(t *testing.T, data []byte, length int, loop bool) {
		link := layers.LinkTypeNull
		if loop {
			link = layers.LinkTypeLoop
		}
		ci := gopacket.CaptureInfo{CaptureLength: len(data), Length: length}
		n, ok := FrameBytes(data, ci, link)
		if !ok {
			if n != 0 {
				t.Fatalf("rejected frame counted %d bytes", n)
			}
			return
		}
		if len(data) < 4 || length < 4 {
			t.Fatalf("counted a frame without a whole header: %d bytes captured, length %d", len(data), length)
		}
		if n != uint64(length-4) {
			t.Fatalf("counted %d bytes, want original length %d less 4", n, length)
		}
		c := NewCounter(link)
		if !c.Count(data, ci) {
			t.Fatal("Counter rejected a frame that FrameBytes counts")
		}
		if in, out := c.Snapshot(); in != n || out != n {
			t.Fatalf("Snapshot = %d, %d; want %d both ways", in, out, n)
		}
	})
}
