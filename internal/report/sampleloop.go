package report

import (
	"context"
	"errors"
	"time"
)

// Sampler is what the headless loop drives; a *monitor.Monitor with
// sinks is one.
type Sampler interface {
	Sample(now time.Time) error
}

// Fatal reports whether err must end the program rather than be retried
// at the next sample, as a failed sink's error must.
func Fatal(err error) bool {
	var f interface{ Fatal() bool }
	return errors.As(err, &f) && f.Fatal()
}

// SampleLoop samples s every interval until ctx is done, a fatal error
// occurs or, when count > 0, count samples have been taken. The caller
// takes the first sample before calling SampleLoop: it only sets the
// baseline, since rates need two. A sampling error that is not fatal is
// passed to onError and sampling goes on.
func SampleLoop(ctx context.Context, s Sampler, interval time.Duration, count int, onError func(error)) error {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for n := 0; count <= 0 || n < count; n++ {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			if err := s.Sample(time.Now()); err != nil {
				if Fatal(err) {
					return err
				}
				onError(err)
			}
		}
	}
	return nil
}
