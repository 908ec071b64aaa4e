package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/winload/winload/internal/monitor"
)

// Limits that keep a slow or hostile client from holding the server.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 8 << 10
	shutdownTimeout   = 2 * time.Second
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

// Listen checks addr (host:port, such as 127.0.0.1:9101, :9101 or
// [::1]:9101) and binds it, so that a bad address or a port in use shows
// at start.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return nil, fmt.Errorf("%w: %q is not HOST:PORT or :PORT, such as 127.0.0.1:9101, :9101 or [::1]:9101", ErrListen, addr)
	}
	if strings.ContainsAny(host, "/ ") {
		return nil, fmt.Errorf("%w: %q is not a host name or IP address", ErrListen, host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			err = op.Err
		}
		return nil, fmt.Errorf("%w: cannot listen on %s: %w", ErrListen, addr, err)
	}
	return ln, nil
}

// Handler serves /metrics from snaps and a small page at /.
func Handler(snaps Snapshots, info Info) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		if !readOnly(w, r) {
			return
		}
		var buf bytes.Buffer
		Write(&buf, snaps.Snapshot(), info)
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		if r.Method == http.MethodHead {
			return
		}
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		if !readOnly(w, r) {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Method == http.MethodHead {
			return
		}
		fmt.Fprint(w, indexPage)
	})
	return mux
}

const indexPage = `<!DOCTYPE html>
<html><head><title>winload exporter</title></head>
<body><h1>winload exporter</h1><p><a href="/metrics">Metrics</a></p></body></html>
`

// readOnly answers 405 to methods other than GET and HEAD.
func readOnly(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// Serve serves Handler on ln until ctx is done, then shuts the server
// down, waiting briefly for the scrapes under way.
func Serve(ctx context.Context, ln net.Listener, snaps Snapshots, info Info) error {
	srv := &http.Server{
		Handler:           Handler(snaps, info),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          log.New(io.Discard, "", 0), // never on the screen
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("%w: %w", ErrListen, err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	<-done
	return nil
}
