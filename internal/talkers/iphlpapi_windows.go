package talkers

import (
	"fmt"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// GetExtendedTcpTable's TCP_TABLE_CLASS TCP_TABLE_OWNER_PID_ALL: every
// connection, with the PID of its process; GetExtendedUdpTable's
// UDP_TABLE_OWNER_PID: every bound socket with its PID.
const (
	tcpTableOwnerPIDAll = 5
	udpTableOwnerPID    = 1
)

// The first size of a table buffer, and how often a table that grows
// between the size query and the read is asked for again.
const (
	tableBufLen = 16 << 10
	tableTries  = 4
)

// iphlpapi calls the functions of iphlpapi.dll that estatsReader needs;
// all are resolved when it is loaded, so that a missing one is a clear
// error before the first tick.
type iphlpapi struct {
	table, get4, get6, set4, set6 *windows.LazyProc
	udp                           *windows.LazyProc // set by loadOwnerTables only
}

// loadOwnerTables resolves the two owner tables, all the Npcap capture
// needs of iphlpapi.dll.
func loadOwnerTables() (*iphlpapi, error) {
	dll := windows.NewLazySystemDLL("iphlpapi.dll")
	a := &iphlpapi{table: dll.NewProc("GetExtendedTcpTable"), udp: dll.NewProc("GetExtendedUdpTable")}
	for _, p := range []*windows.LazyProc{a.table, a.udp} {
		if p.Find() != nil {
			return nil, fmt.Errorf("this Windows has no socket owner tables (iphlpapi.dll lacks %s)", p.Name)
		}
	}
	return a, nil
}

func loadIphlpapi() (*iphlpapi, error) {
	dll := windows.NewLazySystemDLL("iphlpapi.dll")
	a := &iphlpapi{
		table: dll.NewProc("GetExtendedTcpTable"),
		get4:  dll.NewProc("GetPerTcpConnectionEStats"),
		get6:  dll.NewProc("GetPerTcp6ConnectionEStats"),
		set4:  dll.NewProc("SetPerTcpConnectionEStats"),
		set6:  dll.NewProc("SetPerTcp6ConnectionEStats"),
	}
	for _, p := range []*windows.LazyProc{a.table, a.get4, a.get6, a.set4, a.set6} {
		if p.Find() != nil {
			return nil, fmt.Errorf("this Windows has no per-connection TCP statistics (iphlpapi.dll lacks %s)", p.Name)
		}
	}
	return a, nil
}

// tcpTable implements connStats and ownerTables.
func (a *iphlpapi) tcpTable(buf []byte, v6 bool) ([]byte, error) {
	return ownerTable(a.table, tcpTableOwnerPIDAll, buf, v6)
}

// udpTable implements ownerTables.
func (a *iphlpapi) udpTable(buf []byte, v6 bool) ([]byte, error) {
	return ownerTable(a.udp, udpTableOwnerPID, buf, v6)
}

// ownerTable calls GetExtendedTcpTable or GetExtendedUdpTable (fn, which
// take the same arguments) for the table of class class.
func ownerTable(fn *windows.LazyProc, class uintptr, buf []byte, v6 bool) ([]byte, error) {
	af := uintptr(windows.AF_INET)
	if v6 {
		af = windows.AF_INET6
	}
	if len(buf) == 0 {
		buf = make([]byte, tableBufLen)
	}
	for range tableTries {
		size := uint32(len(buf))
		r, _, _ := fn.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)), 0, af, class, 0)
		switch e := windows.Errno(r); e {
		case 0:
			return buf, nil
		case windows.ERROR_INSUFFICIENT_BUFFER:
			buf = make([]byte, int(size)+int(size)/4)
		default:
			return buf, fmt.Errorf("%s: %w", fn.Name, e)
		}
	}
	return buf, fmt.Errorf("%s: the table kept growing", fn.Name)
}

// dataStats implements connStats.
func (a *iphlpapi) dataStats(mib []byte, v6 bool, rw *[dataRWLen]byte, rod *[dataRODLen]byte) error {
	get := a.get4
	if v6 {
		get = a.get6
	}
	r, _, _ := get.Call(uintptr(unsafe.Pointer(&mib[0])), estatsData,
		uintptr(unsafe.Pointer(&rw[0])), 0, dataRWLen,
		0, 0, 0,
		uintptr(unsafe.Pointer(&rod[0])), 0, dataRODLen)
	return estatsError(r)
}

// enableData implements connStats.
func (a *iphlpapi) enableData(mib []byte, v6 bool) error {
	set := a.set4
	if v6 {
		set = a.set6
	}
	rw := [dataRWLen]byte{1}
	r, _, _ := set.Call(uintptr(unsafe.Pointer(&mib[0])), estatsData,
		uintptr(unsafe.Pointer(&rw[0])), 0, dataRWLen, 0)
	return estatsError(r)
}

// estatsError turns the result of an EStats call into the errors
// estatsReader handles.
func estatsError(r uintptr) error {
	switch e := windows.Errno(r); e {
	case 0:
		return nil
	case windows.ERROR_NOT_FOUND:
		return errConnGone
	case windows.ERROR_ACCESS_DENIED:
		return errNotAdmin
	default:
		return e
	}
}

// procNames names processes by PID: the file name of the image and the
// owner's account, each where Windows allows it. A process that ended
// keeps its PID and gets "?" for a name.
type procNames struct {
	users map[string]string // SID -> account name
}

// systemPID is the System process, whose image has no path.
const systemPID = 4

func (n *procNames) describe(pid uint32) procOwner {
	o := procOwner{PID: int(pid), Process: "?"}
	if pid == systemPID {
		o.Process = "System"
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return o
	}
	defer windows.CloseHandle(h)
	var path [1024]uint16
	size := uint32(len(path))
	if windows.QueryFullProcessImageName(h, 0, &path[0], &size) == nil {
		p := windows.UTF16ToString(path[:size])
		o.Process = p[strings.LastIndexByte(p, '\\')+1:]
	}
	o.User = n.user(h)
	return o
}

// user returns the account that owns process h, "" when its token is
// not readable.
func (n *procNames) user(h windows.Handle) string {
	var tok windows.Token
	if windows.OpenProcessToken(h, windows.TOKEN_QUERY, &tok) != nil {
		return ""
	}
	defer tok.Close()
	tu, err := tok.GetTokenUser()
	if err != nil {
		return ""
	}
	sid := tu.User.Sid.String()
	if name, ok := n.users[sid]; ok {
		return name
	}
	name := sid
	if account, _, _, err := tu.User.Sid.LookupAccount(""); err == nil {
		name = account
	}
	n.users[sid] = name
	return name
}

// openSource reads the connections' payload counters from Windows'
// extended TCP statistics, which only an administrator may turn on.
func openSource() (reader, resolver, error) {
	if !windows.GetCurrentProcessToken().IsElevated() {
		return nil, nil, fmt.Errorf("talkers: %w", errNotAdmin)
	}
	api, err := loadIphlpapi()
	if err != nil {
		return nil, nil, fmt.Errorf("talkers: %w", err)
	}
	rd := newEStatsReader(api)
	names := &procNames{users: map[string]string{}}
	return rd, newPIDOwners(names.describe), nil
}
