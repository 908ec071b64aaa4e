package talkers

import (
	"net"
	"os"
	"syscall"
	"testing"
	"time"
)

// netnsEnv is set by `make bench-talkers`, which runs the benchmark in a
// network namespace of its own; without it the benchmark would open its
// connections on the host's loopback.
const netnsEnv = "WINLOAD_NETNS"

// BenchmarkReadSockets is one tick of the real thing with 1,000 TCP
// sockets (500 connections on 127.0.0.1): the kernel's dump through
// netlink, parsing, owners, counting and the table.
func BenchmarkReadSockets(b *testing.B) {
	if os.Getenv(netnsEnv) == "" {
		b.Skip("run by make bench-talkers, in a network namespace")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	for range 500 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		c.Write([]byte("x"))
	}
	rd, res, err := openSource()
	if err != nil {
		b.Fatal(err)
	}
	defer rd.Close()
	tr := newTracker()
	var socks []tcpSocket
	tick := func() {
		socks, err = rd.Read(socks)
		if err != nil {
			b.Fatal(err)
		}
		res.Begin(socks)
		tr.update(time.Now(), socks, nil, res.ownerOf)
		_, _ = tr.table(View{})
	}
	for len(socks) < 1000 {
		tick()
	}
	tick()
	b.ReportAllocs()
	cpu0 := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		tick()
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(socks)), "sockets")
}

// cpuTime is the process's user and system CPU time so far: the figure
// the 1 ms target is about, since on a busy machine the wall time per
// tick (ns/op) includes waiting for a CPU.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
