package talkers

import (
	"net"
	"net/netip"
	"time"
)

// addrRescan is the least time between two readings of the addresses.
const addrRescan = 2 * time.Second

// addrDevices names the device that holds a local address: the one with
// the address itself, else the one whose prefix holds it (127.0.0.2 on
// lo). It reads the addresses again when one is not found, at most once
// per addrRescan.
type addrDevices struct {
	exact    map[netip.Addr]string
	prefixes []devPrefix
	read     time.Time
}

type devPrefix struct {
	p    netip.Prefix
	name string
}

func newAddrDevices() *addrDevices {
	return &addrDevices{exact: map[netip.Addr]string{}}
}

// device returns the name of the device holding a, "" when none does.
func (d *addrDevices) device(a netip.Addr) string {
	a = a.Unmap()
	if n, ok := d.find(a); ok {
		return n
	}
	if time.Since(d.read) < addrRescan {
		return ""
	}
	d.reread()
	n, _ := d.find(a)
	return n
}

func (d *addrDevices) find(a netip.Addr) (string, bool) {
	if n, ok := d.exact[a]; ok {
		return n, true
	}
	for _, p := range d.prefixes {
		if p.p.Contains(a) {
			return p.name, true
		}
	}
	return "", false
}

// reread lists the devices' addresses; on an error the old list stays.
func (d *addrDevices) reread() {
	d.read = time.Now()
	ifs, err := net.Interfaces()
	if err != nil {
		return
	}
	clear(d.exact)
	d.prefixes = d.prefixes[:0]
	for _, ifi := range ifs {
		addrs, err := ifi.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(ipn.IP)
			if !ok {
				continue
			}
			ip = ip.Unmap()
			ones, _ := ipn.Mask.Size()
			d.exact[ip] = ifi.Name
			if ifi.Flags&net.FlagLoopback != 0 {
				d.prefixes = append(d.prefixes, devPrefix{netip.PrefixFrom(ip, ones).Masked(), ifi.Name})
			}
		}
	}
}
