package source

import (
	"net"
	"testing"
)

func TestPreferredIP(t *testing.T) {
	ips := func(s ...string) []net.IP {
		var out []net.IP
		for _, a := range s {
			out = append(out, net.ParseIP(a))
		}
		return out
	}
	tests := []struct {
		ips  []net.IP
		want string
	}{
		{nil, ""},
		{ips("fe80::1", "2001:db8::1", "10.0.0.2"), "10.0.0.2"},
		{ips("fe80::1", "2001:db8::1"), "2001:db8::1"},
		{ips("fe80::1"), "fe80::1"},
		{ips("::1"), "::1"},
		{ips("::1", "127.0.0.1"), "127.0.0.1"},
		{[]net.IP{net.IPv4(10, 1, 2, 3).To4()}, "10.1.2.3"},
	}
	for _, tt := range tests {
		if got := preferredIP(tt.ips); got != tt.want {
			t.Errorf("preferredIP(%v) = %q, want %q", tt.ips, got, tt.want)
		}
	}
}

func TestAddressTable(t *testing.T) {
	names := map[int]string{1: "lo", 2: "eth0", 3: "ifb7"}
	addrs := map[int][]net.IP{1: {net.ParseIP("::1"), net.ParseIP("127.0.0.1")}, 2: {net.ParseIP("fe80::2")}, 9: {net.ParseIP("10.9.9.9")}}
	got := addressTable(names, addrs)
	want := map[string]string{"lo": "127.0.0.1", "eth0": "fe80::2", "ifb7": ""}
	if len(got) != len(want) {
		t.Fatalf("table %v, want %v", got, want)
	}
	for k, v := range want {
		if a, ok := got[k]; !ok || a != v {
			t.Errorf("%s: %q (listed %v), want %q", k, a, ok, v)
		}
	}
}

// fakeLookups serves prepared tables, one per lookup, and tells the test
// when each was served.
type fakeLookups struct {
	tables []map[string]string
	served chan int
	n      int
}

func (f *fakeLookups) lookup() map[string]string {
	i := min(f.n, len(f.tables)-1)
	f.n++
	if f.served != nil && f.n > 1 {
		f.served <- f.n
	}
	return f.tables[i]
}

// The first table is looked up at once; later lookups run on the book's
// goroutine, asked for once per table by a name the table lacks, and fill
// never waits for them.
func TestAddressBookRefreshesOffThePath(t *testing.T) {
	f := &fakeLookups{
		tables: []map[string]string{
			{"eth0": "10.0.0.1", "veth1": ""},
			{"eth0": "10.0.0.1", "veth1": "", "new0": "192.0.2.7"},
		},
		served: make(chan int),
	}
	book := startAddressBook(f.lookup, 0, addressRefresh)
	defer book.close()
	devs := []Device{{Name: "eth0"}, {Name: "veth1"}}
	book.fill(devs)
	book.fill(devs)
	if devs[0].Addr != "10.0.0.1" || devs[1].Addr != "" {
		t.Errorf("addresses %q, %q", devs[0].Addr, devs[1].Addr)
	}
	devs = append(devs, Device{Name: "new0"})
	book.fill(devs) // asks for a lookup and does not wait
	if devs[2].Addr != "" {
		t.Errorf("new0 = %q before its lookup", devs[2].Addr)
	}
	book.fill(devs) // same table: must not ask again
	if n := <-f.served; n != 2 {
		t.Fatalf("lookup %d served, want the second", n)
	}
	for devs[2].Addr == "" {
		book.fill(devs) // the table arrives right after the lookup returns
	}
	if devs[2].Addr != "192.0.2.7" {
		t.Errorf("new0 = %q after its lookup", devs[2].Addr)
	}
	select {
	case n := <-f.served:
		t.Errorf("lookup %d: a name already in the table asked again", n)
	default:
	}
}

func TestAddressBookCloseStopsItsGoroutine(t *testing.T) {
	book := startAddressBook(func() map[string]string { return map[string]string{} }, 0, addressRefresh)
	book.close()
	select {
	case <-book.done:
	default:
		t.Fatal("goroutine still running after close")
	}
}

func TestPruneNames(t *testing.T) {
	names := map[string]string{}
	for i := range 100 {
		n := string(rune('a'+i%26)) + string(rune('a'+i/26))
		names[n] = n
	}
	live := []Device{{Name: "lo"}}
	got := pruneNames(names, live)
	if len(got) != 1 || got["lo"] != "lo" {
		t.Errorf("pruned to %v", got)
	}
	small := map[string]string{"lo": "lo", "x": "x"}
	if got := pruneNames(small, live); len(got) != 2 {
		t.Errorf("a small map must be kept, got %v", got)
	}
}
