package history

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/stats"
)

// utc is the calendar of most tests.
var utc = Calendar{Loc: time.UTC, MonthStart: 1}

// t0 is the fake clock's start.
var t0 = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

// reading is one device's counters as the monitor reports them.
func reading(dev string, in, out uint64) []monitor.Reading {
	return []monitor.Reading{{Device: dev, In: stats.Stat{Total: in}, Out: stats.Stat{Total: out}, Valid: true}}
}

func tempPath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "state", "winload", FileName)
}

func open(t *testing.T, path, boot string, now time.Time) *Recorder {
	t.Helper()
	r, err := Open(Options{Path: path, Calendar: utc, Boot: boot}, now)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return r
}

func write(t *testing.T, r *Recorder, now time.Time, dev string, in, out uint64) {
	t.Helper()
	if err := r.Write(now, reading(dev, in, out)); err != nil {
		t.Fatal(err)
	}
}

func total(t *testing.T, r *Recorder, dev string) Amount {
	t.Helper()
	rec := r.Records()[dev]
	if rec == nil {
		t.Fatalf("no record of %s", dev)
	}
	return rec.Total
}

func usage(r *Recorder, dev string, now time.Time) frame.Usage {
	var u frame.Usage
	r.Usage(dev, now, &u)
	return u
}

func closeRec(t *testing.T, r *Recorder) {
	t.Helper()
	if err := r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

type frameAmount = frame.Amount

// encodeRecord returns r as the file stores it.
func encodeRecord(r *Record) []byte {
	return appendRecord(make([]byte, 0, recordSize(r)), r)
}

// fileOf returns the records as a whole file.
func fileOf(recs map[string]*Record) []byte {
	return encodeFile(entries(recs))
}
