//go:build linux

package main

import (
	"syscall"
	"testing"
)

func TestRunRefusesBadIntervals(t *testing.T) {
	for _, args := range [][]string{{"-t", "0"}, {"-t", "60001"}, {"-t", "x"}, {"--nope"}} {
		if got := run(args); got != 2 {
			t.Errorf("run(%q) = %d, want 2", args, got)
		}
	}
}

// TestDumpReadsToTheEnd reads the counters of this process's namespace
// twice on one socket: a dump left half read would make the second fail
// or return at once with the first's leftovers.
func TestDumpReadsToTheEnd(t *testing.T) {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		t.Skip(err)
	}
	buf := make([]byte, 64<<10)
	for seq := uint32(1); seq <= 2; seq++ {
		if err := dump(fd, seq, buf); err != nil {
			t.Fatalf("dump %d: %v", seq, err)
		}
	}
	// Nothing of either dump is left on the socket.
	n, _, err := syscall.Recvfrom(fd, buf, syscall.MSG_DONTWAIT)
	if err != syscall.EAGAIN {
		t.Fatalf("after two whole dumps the socket still held %d bytes (err %v)", n, err)
	}
}
