package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/winload/winload/internal/httpserve"
	"github.com/winload/winload/internal/monitor"
)

// Limits that keep a slow or hostile client from holding the server.
const (
	readHeaderTimeout = 5 * time.Second
	writeTimeout      = 10 * time.Second
	maxHeaderBytes    = 8 << 10
	maxConns          = 64
)

// contentType is the text exposition format, version 0.0.4.
const contentType = "text/plain; version=0.0.4; charset=utf-8"

// Snapshots is where the server reads the counters it serves.
type Snapshots interface {
	// Snapshot returns the last sample's counters, nil before the first.
	Snapshot() *monitor.Snapshot
}

// ErrListen is wrapped by Listen's errors: a bad address or one that
// cannot be bound.
var ErrListen = errors.New("--listen")

// Listen checks addr (IP:PORT or :PORT, such as 127.0.0.1:9101, :9101
// or [::1]:9101; localhost stands for 127.0.0.1) and binds it, so that a
// bad address or a port in use shows at start. Host names other than
// localhost are refused: resolving them would link the DNS resolver into
// every run for an address that is almost always an IP.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return nil, fmt.Errorf("%w: %q is not IP:PORT or :PORT, such as 127.0.0.1:9101, :9101 or [::1]:9101", ErrListen, addr)
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("%w: port %q is not a number from 0 to 65535", ErrListen, port)
	}
	tcp := &net.TCPAddr{Port: int(n)}
	switch host {
	case "":
	case "localhost":
		tcp.IP = net.IPv4(127, 0, 0, 1)
	default:
		ip, err := netip.ParseAddr(host)
		if err != nil {
			return nil, fmt.Errorf("%w: %q is not an IP address (such as 127.0.0.1 or [::1]) nor localhost", ErrListen, host)
		}
		tcp.IP, tcp.Zone = ip.AsSlice(), ip.Zone()
	}
	ln, err := net.ListenTCP("tcp", tcp)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			err = op.Err
		}
		return nil, fmt.Errorf("%w: cannot listen on %s: %w", ErrListen, addr, err)
	}
	return ln, nil
}

// routes are /metrics from snaps and a small page at /.
func routes(snaps Snapshots, info Info) map[string]httpserve.Page {
	return map[string]httpserve.Page{
		"/metrics": func() (string, []byte) {
			var buf bytes.Buffer
			Write(&buf, snaps.Snapshot(), info)
			return contentType, buf.Bytes()
		},
		"/": func() (string, []byte) { return "text/html; charset=utf-8", []byte(indexPage) },
	}
}

const indexPage = `<!DOCTYPE html>
<html><head><title>winload exporter</title></head>
<body><h1>winload exporter</h1><p><a href="/metrics">Metrics</a></p></body></html>
`

// Serve serves /metrics and / on ln until ctx is done, then closes every
// connection. A listener that breaks ends it with an error.
func Serve(ctx context.Context, ln net.Listener, snaps Snapshots, info Info) error {
	srv := &httpserve.Server{
		Routes:            routes(snaps, info),
		ReadHeaderTimeout: readHeaderTimeout,
		WriteTimeout:      writeTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		MaxConns:          maxConns,
	}
	if err := srv.Serve(ctx, ln); err != nil {
		return fmt.Errorf("%w: %w", ErrListen, err)
	}
	return nil
}
