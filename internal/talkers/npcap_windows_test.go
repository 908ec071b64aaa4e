package talkers

import (
	"errors"
	"io"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/capture"
	"golang.org/x/sys/windows"
)

// TestOpenAutoWithoutNpcap: without Npcap, plain --talkers takes the
// extended statistics as administrator and otherwise says what to
// install or run. Under Wine (no Npcap, no extended statistics) it is
// the last case.
func TestOpenAutoWithoutNpcap(t *testing.T) {
	if _, err := capture.ListAdapters(); !errors.Is(err, capture.ErrNpcapMissing) {
		t.Skipf("Npcap is installed here (%v)", err)
	}
	rd, _, err := openAuto()
	switch {
	case !windows.GetCurrentProcessToken().IsElevated():
		if err == nil || err.Error() != npcapInstall {
			t.Errorf("not elevated, no Npcap: %v, want %q", err, npcapInstall)
		}
	case err == nil:
		defer rd.Close()
		if _, ok := rd.(*estatsReader); !ok {
			t.Errorf("elevated, no Npcap: reader %T, want the extended statistics", rd)
		}
	case !strings.HasPrefix(err.Error(), "install Npcap (https://npcap.com): "):
		t.Errorf("elevated, no Npcap, no extended statistics: %v", err)
	}
	if _, _, err := openCapture(); !errors.Is(err, capture.ErrNpcapMissing) {
		t.Errorf("--talkers=capture without Npcap: %v, want %v", err, capture.ErrNpcapMissing)
	}
}

// TestNpcapCountsOwnLoopbackTraffic needs Npcap with its loopback
// adapter: 1 MiB sent over 127.0.0.1 counts at least 1 MiB out for this
// process on the loopback device.
func TestNpcapCountsOwnLoopbackTraffic(t *testing.T) {
	if underWine() {
		t.Skip("Wine has no Npcap")
	}
	rd, res, err := openCapture()
	if errors.Is(err, capture.ErrNpcapMissing) || errors.Is(err, capture.ErrAccessDenied) {
		t.Skipf("no usable Npcap here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	client, server := connectedPair(t, "127.0.0.1:0")
	local := netip.MustParseAddrPort(client.LocalAddr().String())
	const n = 1 << 20
	go func() { client.Write(make([]byte, n)) }()
	if _, err := io.CopyN(io.Discard, server, n); err != nil {
		t.Fatal(err)
	}
	// The capture hands frames over as they come; ask until they did.
	var got tcpSocket
	for range 500 {
		socks, err := rd.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Begin(socks)
		for i := range socks {
			if s := &socks[i]; s.Local == local && s.Proto == protoTCP {
				got = *s
				if o := res.ownerOf(s); o.PID != os.Getpid() {
					t.Errorf("owner %+v, want PID %d", o, os.Getpid())
				}
			}
		}
		if got.Sent >= n {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got.Sent < n || got.Sent > n+n/10 {
		t.Errorf("sent %d bytes, the capture counted %d out on %q", n, got.Sent, got.Device)
	}
}
