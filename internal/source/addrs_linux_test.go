package source

import (
	"encoding/binary"
	"errors"
	"net"
	"net/netip"
	"syscall"
	"testing"
)

// The two-dump table gives every interface the address the standard
// library's per-interface lookup gives it.
func TestSystemAddressesMatchNetInterfaces(t *testing.T) {
	ifaces, err := net.Interfaces()
	if err != nil {
		t.Skip(err)
	}
	got := addressLookup()()
	for _, iface := range ifaces {
		addrs, err := iface.Addrs()
		if err != nil {
			t.Fatal(err)
		}
		var ips []net.IP
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				ips = append(ips, n.IP)
			}
		}
		want := preferredIP(ips)
		if addr := got[iface.Name]; addr != want {
			t.Errorf("%s: %q, want %q", iface.Name, addr, want)
		}
	}
}

// BenchmarkSystemAddresses is one refresh of every interface's address;
// run it in a namespace with 1,000 interfaces to see the scale.
func BenchmarkSystemAddresses(b *testing.B) {
	lookup := addressLookup()
	b.ReportAllocs()
	for b.Loop() {
		lookup()
	}
}

// nlMsg builds one netlink message of type typ and sequence seq.
func nlMsg(typ uint16, seq uint32, payload []byte) []byte {
	b := make([]byte, syscall.NLMSG_HDRLEN, syscall.NLMSG_HDRLEN+len(payload)+3)
	binary.NativeEndian.PutUint32(b[0:4], uint32(syscall.NLMSG_HDRLEN+len(payload)))
	binary.NativeEndian.PutUint16(b[4:6], typ)
	binary.NativeEndian.PutUint32(b[8:12], seq)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// rtattr is one route attribute: its type and value.
type rtattr struct {
	typ uint16
	v   []byte
}

// addrMsg builds an RTM_NEWADDR payload for interface index with the
// given attributes.
func addrMsg(index uint32, attrs ...rtattr) []byte {
	b := make([]byte, syscall.SizeofIfAddrmsg)
	binary.NativeEndian.PutUint32(b[4:8], index)
	for _, at := range attrs {
		v := at.v
		a := make([]byte, 4, 4+len(v)+3)
		binary.NativeEndian.PutUint16(a[0:2], uint16(4+len(v)))
		binary.NativeEndian.PutUint16(a[2:4], at.typ)
		a = append(a, v...)
		for len(a)%4 != 0 {
			a = append(a, 0)
		}
		b = append(b, a...)
	}
	return b
}

func TestParseAddrMessages(t *testing.T) {
	v4 := func(s string) []byte { return netip.MustParseAddr(s).AsSlice() }
	var dump []byte
	for _, m := range [][]byte{
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(1, rtattr{syscall.IFA_ADDRESS, v4("::1")})),
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(1, rtattr{syscall.IFA_ADDRESS, v4("127.0.0.1")}, rtattr{syscall.IFA_LOCAL, v4("127.0.0.1")})),
		// point-to-point: IFA_ADDRESS is the peer
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(2, rtattr{syscall.IFA_ADDRESS, v4("10.0.0.2")}, rtattr{syscall.IFA_LOCAL, v4("10.0.0.1")})),
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(3, rtattr{syscall.IFA_ADDRESS, v4("fe80::3")})),
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(3, rtattr{syscall.IFA_ADDRESS, v4("2001:db8::3")})),
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(3, rtattr{syscall.IFA_ADDRESS, v4("2001:db8::4")})),
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(4, rtattr{syscall.IFA_ADDRESS, v4("fe80::4")})),
		nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(5, rtattr{syscall.IFA_LABEL, []byte("x\x00")})),
		nlMsg(syscall.RTM_NEWADDR, 7, addrMsg(6, rtattr{syscall.IFA_ADDRESS, v4("192.0.2.6")})), // another request's
		nlMsg(syscall.NLMSG_DONE, 1, make([]byte, 4)),
	} {
		dump = append(dump, m...)
	}
	best := map[uint32]choice{}
	done, err := parseAddrMessages(dump, 1, best)
	if !done || err != nil {
		t.Fatalf("done %v, err %v", done, err)
	}
	want := map[uint32]string{1: "127.0.0.1", 2: "10.0.0.1", 3: "2001:db8::3", 4: "fe80::4"}
	if len(best) != len(want) {
		t.Errorf("got %v", best)
	}
	for index, w := range want {
		if got := best[index].addr.String(); got != w {
			t.Errorf("index %d: %s, want %s", index, got, w)
		}
	}

	errMsg := make([]byte, 4)
	e := -int32(syscall.EPERM)
	binary.NativeEndian.PutUint32(errMsg, uint32(e))
	if _, err := parseAddrMessages(nlMsg(syscall.NLMSG_ERROR, 1, errMsg), 1, best); !errors.Is(err, syscall.EPERM) {
		t.Errorf("error message: %v", err)
	}
	if _, err := parseAddrMessages([]byte{200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, best); err == nil {
		t.Error("a length past the buffer must fail")
	}
}

func FuzzParseAddrMessages(f *testing.F) {
	f.Add(nlMsg(syscall.RTM_NEWADDR, 1, addrMsg(2, rtattr{syscall.IFA_ADDRESS, []byte{10, 0, 0, 2}}, rtattr{syscall.IFA_LOCAL, []byte{10, 0, 0, 1}})))
	f.Add(nlMsg(syscall.NLMSG_DONE, 1, make([]byte, 4)))
	f.Fuzz(func(t *testing.T, b []byte) {
		best := map[uint32]choice{}
		parseAddrMessages(b, 1, best)
		for _, c := range best {
			if !c.addr.IsValid() || c.rank != rank(c.addr) {
				t.Fatalf("bad choice %+v", c)
			}
		}
	})
}
