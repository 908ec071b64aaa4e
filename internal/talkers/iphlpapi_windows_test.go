package talkers

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
)

// underWine reports whether the test runs under Wine, whose tables
// lack the owners of some sockets and which has no extended statistics.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// connectedPair opens a TCP connection to itself on addr ("127.0.0.1:0"
// or "[::1]:0") and returns both ends.
func connectedPair(t *testing.T, addr string) (client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("no listener on %s: %v", addr, err)
	}
	defer ln.Close()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server, err = ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

// TestExtendedTcpTableShowsOwnConnection reads the real tables and finds
// both ends of a connection of this process, with its PID.
func TestExtendedTcpTableShowsOwnConnection(t *testing.T) {
	table := windows.NewLazySystemDLL("iphlpapi.dll").NewProc("GetExtendedTcpTable")
	api := &iphlpapi{table: table}
	for _, tt := range []struct {
		addr string
		v6   bool
	}{{"127.0.0.1:0", false}, {"[::1]:0", true}} {
		client, server := connectedPair(t, tt.addr)
		// A small first buffer makes the call ask for a larger one.
		b, err := api.tcpTable(make([]byte, 8), tt.v6)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) <= 8 {
			t.Fatalf("%s: the buffer was not grown", tt.addr)
		}
		rows, err := appendTCPTable(nil, b, tt.v6)
		if err != nil {
			t.Fatal(err)
		}
		local := netip.MustParseAddrPort(client.LocalAddr().String())
		remote := netip.MustParseAddrPort(server.LocalAddr().String())
		found := 0
		for _, r := range rows {
			l := netip.AddrPortFrom(r.Local.Addr().Unmap(), r.Local.Port())
			rm := netip.AddrPortFrom(r.Remote.Addr().Unmap(), r.Remote.Port())
			if (l == local && rm == remote) || (l == remote && rm == local) {
				found++
				if r.PID == 0 && underWine() {
					t.Logf("%s: Wine does not know the owner of %+v", tt.addr, r)
				} else if r.PID != uint32(os.Getpid()) || r.State != tcpStateEstab {
					t.Errorf("%s: row %+v; want PID %d, ESTABLISHED", tt.addr, r, os.Getpid())
				}
			}
		}
		if found != 2 {
			t.Errorf("%s: %d of the two ends of %v-%v in %d rows", tt.addr, found, local, remote, len(rows))
		}
	}
}

func TestDescribeOwnProcess(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	o := (&procNames{users: map[string]string{}}).describe(uint32(os.Getpid()))
	if !strings.EqualFold(o.Process, filepath.Base(exe)) || o.PID != os.Getpid() || o.User == "" {
		t.Errorf("describe = %+v; want %s with a user", o, filepath.Base(exe))
	}
	if o := (&procNames{users: map[string]string{}}).describe(0xfffffff0); o.Process != "?" {
		t.Errorf("a PID without a process is %+v", o)
	}
}

// TestEStatsCountPayload sends a known amount over a connection and
// reads it back from the extended statistics; without administrator
// rights, it checks that the source says what to do instead.
func TestEStatsCountPayload(t *testing.T) {
	rd, res, err := openSource()
	if !windows.GetCurrentProcessToken().IsElevated() {
		if !errors.Is(err, errNotAdmin) {
			t.Fatalf("not elevated: openSource = %v, want %v", err, errNotAdmin)
		}
		t.Skip("not elevated: the extended statistics need administrator rights")
	}
	if err != nil && underWine() {
		t.Skipf("Wine has no extended TCP statistics: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	client, server := connectedPair(t, "127.0.0.1:0")
	local := netip.MustParseAddrPort(client.LocalAddr().String())
	find := func() tcpSocket {
		t.Helper()
		socks, err := rd.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Begin(socks)
		for _, s := range socks {
			if s.Local == local {
				if o := res.ownerOf(&s); o.PID != os.Getpid() {
					t.Errorf("owner %+v", o)
				}
				return s
			}
		}
		t.Fatalf("connection from %v not read", local)
		return tcpSocket{}
	}
	before := find()
	const n = 1 << 20
	go func() { client.Write(make([]byte, n)) }()
	if _, err := io.CopyN(io.Discard, server, n); err != nil {
		t.Fatal(err)
	}
	// The peer acknowledges shortly after it read; ask until it did.
	var after tcpSocket
	for range 1000 {
		if after = find(); after.Sent-before.Sent >= n {
			break
		}
	}
	if !after.HasBytes || after.Sent-before.Sent != n {
		t.Errorf("sent %d bytes, the statistics counted %d (before %+v, after %+v)", n, after.Sent-before.Sent, before, after)
	}
}
