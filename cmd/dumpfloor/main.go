//go:build linux

// Command dumpfloor asks the kernel for every interface's 64-bit counters
// once an interval, with the same netlink RTM_GETSTATS dump winload uses,
// and throws the answer away. Its CPU per interval is the least any
// monitor that reads the counters this way can pay: the kernel's work of
// gathering and copying them. The scale benchmark (scripts/bench-scale)
// runs it beside winload and nload, so that the table shows how much of
// winload's tick is the kernel's and how much is winload's own.
//
//	dumpfloor -t 100
package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"
)

// Netlink constants of the dump (linux/rtnetlink.h, linux/if_link.h).
const (
	rtmGetStats      = 94
	sizeofIfStatsMsg = 12
	statsLink64      = 1 << 0 // IFLA_STATS_LINK_64's filter bit
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	flags := pflag.NewFlagSet("dumpfloor", pflag.ContinueOnError)
	ms := flags.IntP("interval", "t", 500, "milliseconds between two dumps (1 to 60000)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *ms < 1 || *ms > 60000 {
		fmt.Fprintf(os.Stderr, "dumpfloor: -t must be 1 to 60000 milliseconds, not %d\n", *ms)
		return 2
	}
	if err := loop(time.Duration(*ms) * time.Millisecond); err != nil {
		fmt.Fprintf(os.Stderr, "dumpfloor: %v\n", err)
		return 1
	}
	return 0
}

// loop dumps the counters every interval until SIGINT or SIGTERM.
func loop(interval time.Duration) error {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		return fmt.Errorf("netlink socket: %w", err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		return fmt.Errorf("netlink bind: %w", err)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	buf := make([]byte, 64<<10)
	for seq := uint32(1); ; seq++ {
		if err := dump(fd, seq, buf); err != nil {
			return err
		}
		select {
		case <-stop:
			return nil
		case <-tick.C:
		}
	}
}

// dump asks for one RTM_GETSTATS dump and reads it to its end.
func dump(fd int, seq uint32, buf []byte) error {
	var req [syscall.NLMSG_HDRLEN + sizeofIfStatsMsg]byte
	binary.NativeEndian.PutUint32(req[0:4], uint32(len(req)))
	binary.NativeEndian.PutUint16(req[4:6], rtmGetStats)
	binary.NativeEndian.PutUint16(req[6:8], syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP)
	binary.NativeEndian.PutUint32(req[8:12], seq)
	binary.NativeEndian.PutUint32(req[syscall.NLMSG_HDRLEN+8:], statsLink64)
	if _, err := syscall.Write(fd, req[:]); err != nil {
		return fmt.Errorf("asking for the counters: %w", err)
	}
	for {
		n, err := syscall.Read(fd, buf)
		if err != nil {
			return fmt.Errorf("reading the counters: %w", err)
		}
		for b := buf[:n]; len(b) >= syscall.NLMSG_HDRLEN; {
			l := int(binary.NativeEndian.Uint32(b[0:4]))
			if l < syscall.NLMSG_HDRLEN || l > len(b) {
				return errors.New("reading the counters: bad netlink message length")
			}
			switch binary.NativeEndian.Uint16(b[4:6]) {
			case syscall.NLMSG_DONE:
				return nil
			case syscall.NLMSG_ERROR:
				return errors.New("reading the counters: the kernel refused the dump")
			}
			b = b[min(len(b), (l+3)&^3):]
		}
	}
}
