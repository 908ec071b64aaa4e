package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/winload/winload/internal/httpget"
	"github.com/winload/winload/internal/source"
)

// Body limits: an exporter's answer and a Prometheus API answer larger
// than this is refused, so that a broken or hostile endpoint cannot make
// winload read without end.
const (
	maxExpositionBytes = 16 << 20
	maxAPIBytes        = 64 << 20
)

// errTooLarge is returned when an answer exceeds its limit.
var errTooLarge = errors.New("answer too large")

// limitedBody reads at most n bytes and fails with errTooLarge when the
// body holds more.
type limitedBody struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.over {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	k, err := l.r.Read(p)
	if int64(k) <= l.n {
		l.n -= int64(k)
		return k, err
	}
	k, l.n, l.over = int(l.n), 0, true
	return k, errTooLarge
}

// get fetches url with ctx and hands its body, limited to limit bytes, to
// read along with the time the answer was made: halfway between sending
// the request and receiving the answer's headers.
func get(ctx context.Context, rawURL, accept string, limit int64, read func(io.Reader, time.Time) error) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	sent := time.Now()
	resp, err := httpget.Get(ctx, u, map[string]string{"Accept": accept, "User-Agent": "winload"})
	if err != nil {
		return err
	}
	// The counters were taken between the request and the answer's
	// headers; the middle is off by at most half the round trip.
	received := time.Now()
	at := sent.Add(received.Sub(sent) / 2)
	defer resp.Body.Close()
	if resp.ContentLength > limit {
		return fmt.Errorf("answer larger than %d MiB", limit>>20)
	}
	body := &limitedBody{r: resp.Body, n: limit}
	if resp.StatusCode != 200 && !withErrorBody(resp) {
		return statusError(resp, body)
	}
	if err := read(body, at); err != nil {
		if errors.Is(err, errTooLarge) || body.over {
			return fmt.Errorf("answer larger than %d MiB", limit>>20)
		}
		return err
	}
	return nil
}

// withErrorBody reports whether an answer other than 200 OK is one of
// the Prometheus API's errors, whose JSON body says what went wrong:
// 400 Bad Request, 422 Unprocessable Entity, 503 Service Unavailable.
func withErrorBody(resp *httpget.Response) bool {
	switch resp.StatusCode {
	case 400, 422, 503:
		return strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json")
	}
	return false
}

// statusError describes an answer other than 200 OK, with the start of
// its body when that is short text.
func statusError(resp *httpget.Response, body io.Reader) error {
	var b [200]byte
	n, _ := io.ReadFull(body, b[:])
	msg := printableLine(b[:n])
	status := printableLine([]byte(resp.Status))
	if msg != "" {
		return fmt.Errorf("HTTP %s: %s", status, msg)
	}
	return fmt.Errorf("HTTP %s", status)
}

// printableLine returns the first line of b with anything unprintable
// dropped.
func printableLine(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c == '\n' || c == '\r' {
			break
		}
		if c >= ' ' && c < 0x7f {
			out = append(out, c)
		}
	}
	return string(out)
}

// reason says in a few plain words why a scrape failed.
func reason(err error, timeout time.Duration) string {
	var errno syscall.Errno
	var dns *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("no answer within %v", timeout)
	case errors.As(err, &dns):
		return "unknown host " + dns.Name
	case errors.As(err, &errno):
		return errno.Error()
	}
	return err.Error()
}

// exporter reads one host's exporter.
type exporter struct {
	target Target
	limit  int64 // the largest answer read, in bytes
}

func (e *exporter) fetch(ctx context.Context) ([]source.Device, error) {
	var devs []source.Device
	err := get(ctx, e.target.URL, "text/plain;version=0.0.4;q=1,*/*;q=0.1", e.limit, func(r io.Reader, at time.Time) (err error) {
		devs, err = parseExposition(r, e.target.Host, at)
		return err
	})
	return devs, err
}

func (e *exporter) name() string { return e.target.Host }
