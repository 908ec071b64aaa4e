package source

import (
	"net"
	"time"
)

// addressRefresh is how long addresses are trusted before they are looked
// up again; a new interface name triggers a lookup at once.
const addressRefresh = 10 * time.Second

// addressBook caches each interface's address so that the per-sample path
// does not ask the kernel for every interface's addresses every tick.
type addressBook struct {
	lookup  func() map[string]string
	byName  map[string]string
	fetched time.Time
}

func newAddressBook(lookup func() map[string]string) *addressBook {
	return &addressBook{lookup: lookup}
}

// fill sets Addr on every device, refreshing the cache when it is stale or
// a device it has not seen appears.
func (b *addressBook) fill(devs []Device) {
	stale := b.byName == nil || time.Since(b.fetched) >= addressRefresh
	if !stale {
		for i := range devs {
			if _, ok := b.byName[devs[i].Name]; !ok {
				stale = true
				break
			}
		}
	}
	if stale {
		b.byName = b.lookup()
		b.fetched = time.Now()
		for i := range devs {
			if _, ok := b.byName[devs[i].Name]; !ok {
				// Remember the absence too, so an interface without
				// addresses does not force a lookup on every sample.
				b.byName[devs[i].Name] = ""
			}
		}
	}
	for i := range devs {
		devs[i].Addr = b.byName[devs[i].Name]
	}
}

// systemAddresses maps each interface name to its preferred address.
func systemAddresses() map[string]string {
	out := map[string]string{}
	ifaces, err := net.Interfaces()
	if err != nil {
		return out
	}
	for _, iface := range ifaces {
		addrs, err := iface.Addrs()
		if err != nil {
			continue
		}
		out[iface.Name] = preferredAddress(addrs)
	}
	return out
}

// preferredAddress picks the first IPv4 address, else the first global
// IPv6 address, else the first IPv6 address of any scope, else "".
func preferredAddress(addrs []net.Addr) string {
	var v6, linkLocal string
	for _, a := range addrs {
		var ip net.IP
		switch v := a.(type) {
		case *net.IPNet:
			ip = v.IP
		case *net.IPAddr:
			ip = v.IP
		default:
			continue
		}
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
