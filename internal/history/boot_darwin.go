package history

import "golang.org/x/sys/unix"

// BootID identifies the running boot of the machine by its boot time.
func BootID() string {
	tv, err := unix.SysctlTimeval("kern.boottime")
	if err != nil {
		return ""
	}
	return bootTimeID(tv.Sec)
}
