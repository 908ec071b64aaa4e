package talkers

import (
	"errors"
	"fmt"
	"os/user"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// sysctlTries is how often a list that grows between the size query and
// the read is asked for again (the kernel leaves room for an eighth more
// sockets, so one retry is nearly always enough).
const sysctlTries = 4

// fetchSysctl returns the value of the sysctl name.
func fetchSysctl(name string) ([]byte, error) {
	for range sysctlTries - 1 {
		b, err := unix.SysctlRaw(name)
		if !errors.Is(err, unix.ENOMEM) {
			return b, err
		}
	}
	return unix.SysctlRaw(name)
}

// darwinMajor returns the major number of the Darwin release
// (kern.osrelease, such as "24.4.0" on macOS 15.4).
func darwinMajor() (int, error) {
	rel, err := unix.Sysctl("kern.osrelease")
	if err != nil {
		return 0, fmt.Errorf("sysctl kern.osrelease: %w", err)
	}
	major, _, _ := strings.Cut(rel, ".")
	n, err := strconv.Atoi(major)
	if err != nil {
		return 0, fmt.Errorf("kern.osrelease %q: %w", rel, err)
	}
	return n, nil
}

// procNames names processes by PID from the kernel's process table
// (sysctl kern.proc.pid.<pid>, struct kinfo_proc): the command name
// (p_comm, at most 16 bytes) and the user of the effective UID
// (cr_uid), looked up through the system's directory (os/user calls
// libSystem without cgo on macOS), else the UID's number. A process that
// ended keeps its PID and gets "?" for a name.
type procNames struct {
	users map[uint32]string
}

func (n *procNames) describe(pid int32) procOwner {
	o := procOwner{PID: int(pid), Process: "?"}
	k, err := unix.SysctlKinfoProc("kern.proc.pid", int(pid))
	if err != nil || k.Proc.P_pid != pid {
		return o
	}
	if name := unix.ByteSliceToString(k.Proc.P_comm[:]); name != "" {
		o.Process = name
	}
	o.User = n.user(k.Eproc.Ucred.Uid)
	return o
}

func (n *procNames) user(uid uint32) string {
	if name, ok := n.users[uid]; ok {
		return name
	}
	name := strconv.FormatUint(uint64(uid), 10)
	if u, err := user.LookupId(name); err == nil {
		name = u.Username
	}
	n.users[uid] = name
	return name
}

// openSource reads the sockets' byte counters from the pcblist_n
// sysctls, which macOS gives to every user for every user's sockets.
func openSource() (reader, resolver, error) {
	major, err := darwinMajor()
	if err != nil {
		return nil, nil, fmt.Errorf("talkers: %w", err)
	}
	rd := newPCBReader(fetchSysctl, dataClasses(major))
	if _, err := rd.Read(nil); err != nil {
		return nil, nil, fmt.Errorf("talkers: %w", err)
	}
	names := &procNames{users: map[uint32]string{}}
	return rd, newPCBOwners(rd, names.describe), nil
}
