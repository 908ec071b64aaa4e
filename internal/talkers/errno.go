package talkers

import "syscall"

// errnoError is the system error of a netlink error code.
func errnoError(code int32) error { return syscall.Errno(code) }
