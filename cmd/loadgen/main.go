// Command loadgen puts a steady, known load on the loopback interface: a TCP
// sender and receiver on 127.0.0.1, paced in small chunks. The process
// benchmark (scripts/bench-process) uses it so that winload and nload watch
// the same traffic.
//
//	loadgen --rate 10MB --duration 60s
//
// It prints one line at the end: the bytes sent and received and the rate
// they make.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/winload/winload/internal/units"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := pflag.NewFlagSet("loadgen", pflag.ContinueOnError)
	rateText := fs.StringP("rate", "r", "10MB", "bytes per second to send, e.g. 10MB (10^7), 10MiB, 80Mbit")
	duration := fs.DurationP("duration", "D", 60*time.Second, "how long to send; 0 sends until interrupted")
	tick := fs.Duration("tick", 10*time.Millisecond, "pacing step: a chunk is written every tick")
	quiet := fs.BoolP("quiet", "q", false, "print nothing, not even the summary")
	packet := fs.Int("packet", 0, "send UDP datagrams whose IP packets are this many bytes (29-65535) instead of a TCP stream; the rate counts IP bytes, as lo's counters do")
	fs.SetOutput(os.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	rate, err := units.ParseRate(*rateText)
	switch {
	case err != nil:
		fmt.Fprintf(os.Stderr, "loadgen: --rate: %v\n", err)
		return 2
	case *duration < 0:
		fmt.Fprintln(os.Stderr, "loadgen: --duration must not be negative")
		return 2
	case *tick < time.Millisecond || *tick > time.Second:
		fmt.Fprintln(os.Stderr, "loadgen: --tick must be between 1ms and 1s")
		return 2
	case *packet != 0 && (*packet < udpHeaders+1 || *packet > 65535):
		fmt.Fprintln(os.Stderr, "loadgen: --packet must be between 29 and 65535")
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	if *duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *duration)
		defer cancel()
	}
	gen := generate
	if *packet > 0 {
		gen = func(ctx context.Context, rate float64, tick time.Duration) (result, error) {
			return generateUDP(ctx, rate, tick, *packet)
		}
	}
	res, err := gen(ctx, rate, *tick)
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
		return 1
	}
	if !*quiet {
		secs := res.elapsed.Seconds()
		fmt.Printf("loadgen: sent %d bytes, received %d, in %.2fs: %.0f bytes/s (asked %.0f) over 127.0.0.1\n",
			res.sent, res.received, secs, float64(res.sent)/secs, rate)
	}
	return 0
}

// result is what one run of generate moved.
type result struct {
	sent, received int64
	elapsed        time.Duration
}

// generate sends rate bytes per second from a TCP client to a TCP server on
// 127.0.0.1 until ctx ends, writing what is due every tick.
func generate(ctx context.Context, rate float64, tick time.Duration) (result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	defer ln.Close()

	received := make(chan int64, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			received <- 0
			return
		}
		defer conn.Close()
		n, _ := io.Copy(io.Discard, conn)
		received <- n
	}()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		return result{}, err
	}
	buf := make([]byte, 64<<10)
	for i := range buf {
		buf[i] = byte(i)
	}

	start := time.Now()
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	p := pacer{rate: rate, burst: maxBurst(rate)}
	var werr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case now := <-ticker.C:
			n := p.due(now.Sub(start))
			for n > 0 {
				w, err := conn.Write(buf[:min(n, int64(len(buf)))])
				p.sent += int64(w)
				n -= int64(w)
				if err != nil {
					werr = err
					break loop
				}
			}
		}
	}
	elapsed := time.Since(start)
	conn.Close()
	got := <-received
	if werr != nil {
		return result{p.sent, got, elapsed}, fmt.Errorf("writing: %w", werr)
	}
	return result{p.sent, got, elapsed}, nil
}

// pacer spreads rate bytes per second over the ticks of a sender.
type pacer struct {
	rate    float64 // bytes per second
	burst   int64   // most bytes one call of due hands out; 0 means no limit
	sent    int64   // bytes written so far; the sender adds to it
	skipped int64   // bytes given up after stalls
}

// due returns how many bytes to write now so that, elapsed time after the
// start, sent catches up with rate*elapsed. Pacing against the running
// total rather than adding rate*tick each time keeps late or coalesced ticks
// from losing bytes. A sender far behind (the process was stopped, the
// receiver stalled) gets at most burst bytes and the rest is given up, so a
// hiccup does not turn into a spike that lasts until it has caught up.
func (p *pacer) due(elapsed time.Duration) int64 {
	if p.rate <= 0 || elapsed <= 0 {
		return 0
	}
	// rate*ns/1e9 rather than rate*seconds: exact for whole rates.
	n := int64(p.rate*float64(elapsed)/float64(time.Second)) - p.skipped - p.sent
	switch {
	case n <= 0:
		return 0
	case p.burst > 0 && n > p.burst:
		p.skipped += n - p.burst
		return p.burst
	}
	return n
}

// maxBurst is the most one tick may write: a tenth of a second of traffic,
// at least one byte.
func maxBurst(rate float64) int64 {
	return max(int64(rate/10), 1)
}

// udpHeaders are the IPv4 and UDP headers of a datagram.
const udpHeaders = 28

// generateUDP sends rate bytes per second of IP packets of size bytes, as
// UDP datagrams from one socket to another on 127.0.0.1, until ctx ends,
// writing what is due every tick. The receiver never reads: the packets
// cross lo all the same and the kernel drops them at the full socket, which
// keeps the generator to one busy thread.
func generateUDP(ctx context.Context, rate float64, tick time.Duration, size int) (result, error) {
	sink, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	defer sink.Close()
	conn, err := net.Dial("udp4", sink.LocalAddr().String())
	if err != nil {
		return result{}, err
	}
	defer conn.Close()
	buf := make([]byte, size-udpHeaders)
	start := time.Now()
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	p := pacer{rate: rate, burst: maxBurst(rate)}
	for {
		select {
		case <-ctx.Done():
			return result{p.sent, 0, time.Since(start)}, nil
		case now := <-ticker.C:
			for n := p.due(now.Sub(start)); n >= int64(size); n -= int64(size) {
				if _, err := conn.Write(buf); err != nil {
					// A full socket buffer on the way is no failure.
					continue
				}
				p.sent += int64(size)
			}
		}
	}
}
