package source

import (
	"encoding/binary"
	"net"
	"syscall"
)

// systemAddresses maps each interface name to its preferred address from
// two netlink dumps, whatever the number of interfaces: one of every
// address, one of every link for the names. (net.Interface.Addrs dumps
// every address once per interface.)
func systemAddresses() map[string]string {
	names, err := linkNames()
	if err != nil {
		return map[string]string{}
	}
	addrs, err := linkAddresses()
	if err != nil {
		addrs = nil
	}
	return addressTable(names, addrs)
}

// linkNames maps interface indexes to names from an RTM_GETLINK dump.
func linkNames() (map[int]string, error) {
	msgs, err := dump(syscall.RTM_GETLINK)
	if err != nil {
		return nil, err
	}
	names := make(map[int]string, len(msgs))
	for _, m := range msgs {
		if m.Header.Type != syscall.RTM_NEWLINK || len(m.Data) < syscall.SizeofIfInfomsg {
			continue
		}
		index := int(int32(binary.NativeEndian.Uint32(m.Data[4:8])))
		attrs, err := syscall.ParseNetlinkRouteAttr(&m)
		if err != nil {
			continue
		}
		for _, a := range attrs {
			if a.Attr.Type == syscall.IFLA_IFNAME {
				names[index] = cString(a.Value)
			}
		}
	}
	return names, nil
}

// linkAddresses lists each interface's addresses, in the kernel's order,
// from an RTM_GETADDR dump.
func linkAddresses() (map[int][]net.IP, error) {
	msgs, err := dump(syscall.RTM_GETADDR)
	if err != nil {
		return nil, err
	}
	addrs := map[int][]net.IP{}
	for _, m := range msgs {
		if m.Header.Type != syscall.RTM_NEWADDR || len(m.Data) < syscall.SizeofIfAddrmsg {
			continue
		}
		index := int(binary.NativeEndian.Uint32(m.Data[4:8]))
		attrs, err := syscall.ParseNetlinkRouteAttr(&m)
		if err != nil {
			continue
		}
		if ip := ifaAddress(attrs); ip != nil {
			addrs[index] = append(addrs[index], ip)
		}
	}
	return addrs, nil
}

// ifaAddress is the interface's own address in an RTM_NEWADDR message:
// IFA_LOCAL when given (on a point-to-point link IFA_ADDRESS is the
// peer's), else IFA_ADDRESS.
func ifaAddress(attrs []syscall.NetlinkRouteAttr) net.IP {
	var ip net.IP
	for _, a := range attrs {
		switch a.Attr.Type {
		case syscall.IFA_LOCAL:
			if len(a.Value) == net.IPv4len || len(a.Value) == net.IPv6len {
				return net.IP(append([]byte(nil), a.Value...))
			}
		case syscall.IFA_ADDRESS:
			if len(a.Value) == net.IPv4len || len(a.Value) == net.IPv6len {
				ip = net.IP(append([]byte(nil), a.Value...))
			}
		}
	}
	return ip
}

// dump runs one netlink dump request of the given type for every family.
func dump(request int) ([]syscall.NetlinkMessage, error) {
	b, err := syscall.NetlinkRIB(request, syscall.AF_UNSPEC)
	if err != nil {
		return nil, err
	}
	return syscall.ParseNetlinkMessage(b)
}

// cString is b up to its first NUL byte.
func cString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
