package app

import (
	"testing"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
)

func newTestMonitor(t *testing.T, cfg cli.Config) *monitor.Monitor {
	t.Helper()
	src, err := source.Open(source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	mon, err := monitor.New(src, monitor.Options{Stats: cfg.Stats()})
	if err != nil {
		t.Fatal(err)
	}
	return mon
}
