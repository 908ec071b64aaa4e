package source

import (
	"errors"
	"net"
	"unsafe"

	"golang.org/x/sys/windows"
)

// addressLookup returns the lookup of every interface's preferred address.
func addressLookup() func() map[string]string { return systemAddresses }

// systemAddresses maps each interface name (the friendly name, as in the
// standard library and gopsutil) to its preferred address from one
// GetAdaptersAddresses call, whatever the number of interfaces.
// (net.Interface.Addrs lists every adapter once per interface.)
func systemAddresses() map[string]string {
	list, err := adapters()
	if err != nil {
		return map[string]string{}
	}
	names := map[int]string{}
	addrs := map[int][]net.IP{}
	for i, aa := 0, list; aa != nil; i, aa = i+1, aa.Next {
		names[i] = windows.UTF16PtrToString(aa.FriendlyName)
		for u := aa.FirstUnicastAddress; u != nil; u = u.Next {
			if ip := u.Address.IP(); ip != nil {
				addrs[i] = append(addrs[i], ip)
			}
		}
	}
	return addressTable(names, addrs)
}

// adapters returns every adapter with its unicast addresses, growing the
// buffer as Windows asks.
func adapters() (*windows.IpAdapterAddresses, error) {
	const flags = windows.GAA_FLAG_SKIP_ANYCAST | windows.GAA_FLAG_SKIP_MULTICAST | windows.GAA_FLAG_SKIP_DNS_SERVER
	size := uint32(15000)
	for range 4 {
		buf := make([]byte, size)
		list := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0]))
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, flags, 0, list, &size)
		if err == nil {
			if size == 0 {
				return nil, nil
			}
			return list, nil
		}
		if !errors.Is(err, windows.ERROR_BUFFER_OVERFLOW) {
			return nil, err
		}
	}
	return nil, errors.New("GetAdaptersAddresses: the adapter list kept growing")
}
