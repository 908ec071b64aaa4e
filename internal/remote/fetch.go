package remote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/winload/winload/internal/httpget"
	"github.com/winload/winload/internal/source"
)

// Limits of an answer: an exporter's answer and a Prometheus API answer
// larger than this is refused, so that a broken or hostile endpoint cannot
// make winload read without end; the headers of either are bounded too.
const (
	maxExpositionBytes = 16 << 20
	maxAPIBytes        = 64 << 20
	maxHeaderBytes     = 1 << 20
)

// get fetches url with ctx and hands its body, at most limit bytes, to
// read along with the time the answer was made: halfway between sending
// the request and receiving the whole answer.
func get(ctx context.Context, rawURL, accept string, limit int64, read func([]byte, time.Time) error) error {
	client := httpget.Client{MaxHeaderBytes: maxHeaderBytes, MaxBody: limit, Accept: accept}
	sent := time.Now()
	resp, err := client.Get(ctx, rawURL)
	if err != nil {
		return err
	}
	// The counters were taken between the request and the answer; the
	// middle is off by at most half the round trip.
	received := time.Now()
	at := sent.Add(received.Sub(sent) / 2)
	if resp.StatusCode != 200 && !withErrorBody(resp) {
		return statusError(resp)
	}
	return read(resp.Body, at)
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
func statusError(resp *httpget.Response) error {
	msg := printableLine(resp.Body[:min(len(resp.Body), 200)])
	if msg != "" {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, msg)
	}
	return fmt.Errorf("HTTP %d", resp.StatusCode)
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
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("no answer within %v", timeout)
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
	err := get(ctx, e.target.URL, "text/plain;version=0.0.4;q=1,*/*;q=0.1", e.limit, func(body []byte, at time.Time) (err error) {
		devs, err = parseExposition(bytes.NewReader(body), e.target.Host, at)
		return err
	})
	return devs, err
}

func (e *exporter) name() string { return e.target.Host }
