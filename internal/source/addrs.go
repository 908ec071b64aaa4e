package source

import (
	"context"
	"net"
	"sync/atomic"
	"time"
)

// addressRefresh is how long addresses are trusted before they are looked
// up again; a new interface name asks for a lookup at once.
const addressRefresh = 10 * time.Second

// addressRetry is the least time between two lookups asked for by new
// interface names, so a burst of new devices costs one lookup a second.
const addressRetry = time.Second

// addressBook keeps each interface's address, looked up off the sampling
// path: a goroutine refreshes the whole table with one dump every
// addressRefresh (for a source that cannot tell when addresses change),
// soon after the list of interfaces changes or when asked to (refresh),
// and hands it over atomically. Reading never waits for a lookup.
type addressBook struct {
	lookup func() map[string]string
	retry  time.Duration
	table  atomic.Pointer[map[string]string]
	wake   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
	// names is the list of interfaces fill saw last, addrs their
	// addresses from table shown; only the sampling goroutine uses them.
	names  []string
	addrs  []string
	shown  *map[string]string
	primed bool
}

// newAddressBook looks the addresses up once, then starts the goroutine
// that refreshes them; close stops it.
func newAddressBook(lookup func() map[string]string) *addressBook {
	return startAddressBook(lookup, addressRetry, addressRefresh)
}

// startAddressBook is newAddressBook with the least time between two
// lookups asked for by fill or refresh, and the time between periodic
// lookups (none when every is 0).
func startAddressBook(lookup func() map[string]string, retry, every time.Duration) *addressBook {
	ctx, cancel := context.WithCancel(context.Background())
	b := &addressBook{lookup: lookup, retry: retry, wake: make(chan struct{}, 1), cancel: cancel, done: make(chan struct{})}
	t := lookup()
	b.table.Store(&t)
	go b.run(ctx, every)
	return b
}

// run refreshes the table until ctx ends.
func (b *addressBook) run(ctx context.Context, every time.Duration) {
	defer close(b.done)
	var tick <-chan time.Time
	if every > 0 {
		t := time.NewTicker(every)
		defer t.Stop()
		tick = t.C
	}
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-b.wake:
			if wait := b.retry - time.Since(last); wait > 0 {
				pause := time.NewTimer(wait)
				select {
				case <-ctx.Done():
					pause.Stop()
					return
				case <-pause.C:
				}
			}
		}
		t := b.lookup()
		b.table.Store(&t)
		last = time.Now()
	}
}

// fill sets Addr on every device from the latest table ("" for a device
// the table lacks). A change in the list of names asks for a lookup. While
// neither the list nor the table changes, the addresses are copied from
// the last fill without looking names up.
func (b *addressBook) fill(devs []Device) {
	tp := b.table.Load()
	same := len(devs) == len(b.names)
	for i := 0; same && i < len(devs); i++ {
		same = devs[i].Name == b.names[i]
	}
	if same && tp == b.shown {
		for i := range devs {
			devs[i].Addr = b.addrs[i]
		}
		return
	}
	t := *tp
	b.shown = tp
	b.names, b.addrs = b.names[:0], b.addrs[:0]
	for i := range devs {
		devs[i].Addr = t[devs[i].Name]
		b.names = append(b.names, devs[i].Name)
		b.addrs = append(b.addrs, devs[i].Addr)
	}
	if same {
		return
	}
	if !b.primed {
		// The table was looked up just before the first list.
		b.primed = true
		return
	}
	b.refresh()
}

// refresh asks for a lookup soon, at most one a retry, without waiting
// for it; asks that come before it starts make one lookup.
func (b *addressBook) refresh() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// close stops the refreshing goroutine and waits for it.
func (b *addressBook) close() {
	b.cancel()
	<-b.done
}

// addressTable maps interface names to their preferred address, given
// every interface's name and its addresses by interface index. Interfaces
// without an address are listed with "", so they are not mistaken for new.
func addressTable(names map[int]string, addrs map[int][]net.IP) map[string]string {
	out := make(map[string]string, len(names))
	for index, name := range names {
		out[name] = preferredIP(addrs[index])
	}
	return out
}

// preferredIP picks the first IPv4 address, else the first global IPv6
// address, else the first IPv6 address of any scope, else "".
func preferredIP(ips []net.IP) string {
	var v6, linkLocal string
	for _, ip := range ips {
		switch {
		case ip.To4() != nil:
			return ip.String()
		case ip.IsLinkLocalUnicast():
			if linkLocal == "" {
				linkLocal = ip.String()
			}
		case v6 == "":
			v6 = ip.String()
		}
	}
	if v6 != "" {
		return v6
	}
	return linkLocal
}
