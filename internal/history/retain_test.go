package history

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/stats"
)

// seen writes one tick in which the devices have the counters given
// (in and out alike).
func seen(t *testing.T, r *Recorder, now time.Time, counters map[string]uint64) {
	t.Helper()
	var rds []monitor.Reading
	for dev, n := range counters {
		rds = append(rds, monitor.Reading{Device: dev, In: stats.Stat{Total: n}, Out: stats.Stat{Total: n}, Valid: true})
	}
	if err := r.Write(now, rds); err != nil {
		t.Fatal(err)
	}
}

func names(recs map[string]*Record) map[string]bool {
	m := map[string]bool{}
	for name := range recs {
		m[name] = true
	}
	return m
}

// TestChurnedDevicesAreForgotten: a container's veth that carried little
// and is gone for more than ForgetAfter is forgotten at the next flush and
// stays forgotten after a restart; a device that carried much, one gone
// for less long and the devices still there are kept.
func TestChurnedDevicesAreForgotten(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "b1", t0)
	seen(t, r, t0, map[string]uint64{"eth0": 0, "veth1": 0, "wlan0": 0})
	seen(t, r, t0.Add(time.Second), map[string]uint64{"eth0": 1e9, "veth1": 1e6, "wlan0": 1e9})
	// veth2 comes later, so it is gone for less than ForgetAfter.
	later := t0.Add(ForgetAfter - 24*time.Hour)
	seen(t, r, later, map[string]uint64{"eth0": 1e9, "veth2": 0})
	seen(t, r, later.Add(time.Second), map[string]uint64{"eth0": 1e9, "veth2": 5e6})
	closeRec(t, r)

	now := t0.Add(ForgetAfter + time.Hour)
	report, err := Open(Options{Path: path, Calendar: utc, Boot: "b1", ReadOnly: true}, now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"eth0": true, "wlan0": true, "veth2": true}
	if got := names(report.Records()); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("a report at day 7 shows %v, want %v", got, want)
	}

	r = open(t, path, "b1", now)
	seen(t, r, now, map[string]uint64{"eth0": 2e9})
	closeRec(t, r)
	r = open(t, path, "b1", now)
	if got := names(r.Records()); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after a restart the file keeps %v, want %v", got, want)
	}
	if tot := total(t, r, "eth0"); tot.In != 2e9 {
		t.Errorf("eth0 total in %d, want 2e9", tot.In)
	}
	closeRec(t, r)

	// A week later veth2 goes too; the devices with much traffic stay.
	now = later.Add(ForgetAfter + time.Hour)
	r = open(t, path, "b1", now)
	seen(t, r, now, map[string]uint64{"eth0": 2e9})
	closeRec(t, r)
	r = open(t, path, "b1", now)
	want = map[string]bool{"eth0": true, "wlan0": true}
	if got := names(r.Records()); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("two weeks on the file keeps %v, want %v", got, want)
	}
	closeRec(t, r)
}

// TestDeviceCapForgetsTheLeastRecentlySeen: past KeepDevices devices, the
// ones seen longest ago go, never one of the last sample, and a restart
// keeps the cap.
func TestDeviceCapForgetsTheLeastRecentlySeen(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "b1", t0)
	// KeepDevices+40 devices with much traffic, one per minute: old0 is
	// the least recently seen.
	n := KeepDevices + 40
	now := t0
	for i := range n {
		dev := fmt.Sprintf("old%d", i)
		seen(t, r, now, map[string]uint64{dev: 0})
		seen(t, r, now.Add(time.Second), map[string]uint64{dev: 1e9})
		now = now.Add(time.Minute)
	}
	// The last sample has 10 devices never seen before.
	last := map[string]uint64{}
	for i := range 10 {
		last[fmt.Sprintf("new%d", i)] = 0
	}
	seen(t, r, now, last)
	closeRec(t, r)

	r = open(t, path, "b1", now)
	recs := r.Records()
	if len(recs) != KeepDevices {
		t.Fatalf("%d devices kept, want %d", len(recs), KeepDevices)
	}
	for dev := range last {
		if recs[dev] == nil {
			t.Errorf("%s of the last sample was forgotten", dev)
		}
	}
	// The newest KeepDevices-10 of the old ones stay.
	for i := range n {
		dev := fmt.Sprintf("old%d", i)
		if kept, want := recs[dev] != nil, i >= n-(KeepDevices-10); kept != want {
			t.Errorf("%s kept %v, want %v", dev, kept, want)
		}
	}
	closeRec(t, r)
}

// TestDeviceCapNeverForgetsPresentDevices: more devices present than the
// cap are all kept, and counted.
func TestDeviceCapNeverForgetsPresentDevices(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "b1", t0)
	all := map[string]uint64{}
	for i := range KeepDevices + 100 {
		all[fmt.Sprintf("ifb%d", i)] = 0
	}
	seen(t, r, t0, all)
	for dev := range all {
		all[dev] = 1000
	}
	seen(t, r, t0.Add(time.Second), all)
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	seen(t, r, t0.Add(2*time.Second), all)
	recs := r.Records()
	if len(recs) != len(all) {
		t.Fatalf("%d devices kept, want all %d present", len(recs), len(all))
	}
	for dev, rec := range recs {
		if rec.Total.In != 1000 {
			t.Errorf("%s total in %d, want 1000", dev, rec.Total.In)
		}
	}
	closeRec(t, r)
}

// TestOlderFileIsTrimmedAtStart: a file kept without the policy (an older
// winload) is read as the policy keeps it, and written so by a writer.
func TestOlderFileIsTrimmedAtStart(t *testing.T) {
	path := tempPath(t)
	old := t0.Add(-30 * 24 * time.Hour).Unix()
	data := map[string]*Record{}
	for i := range 500 {
		data[fmt.Sprintf("veth%d", i)] = &Record{Total: Amount{In: 1000}, Updated: old}
	}
	for i := range KeepDevices + 5 {
		data[fmt.Sprintf("big%d", i)] = &Record{Total: Amount{In: 1e12}, Updated: old + int64(i)}
	}
	s := store{path: path}
	if err := s.save(fileOf(data)); err != nil {
		t.Fatal(err)
	}
	r := open(t, path, "b1", t0)
	recs := r.Records()
	if len(recs) != KeepDevices || recs["big4"] != nil || recs["big5"] == nil {
		t.Errorf("kept %d devices (big4 %v, big5 %v), want the %d latest big ones", len(recs), recs["big4"] != nil, recs["big5"] != nil, KeepDevices)
	}
	closeRec(t, r)
	loaded, err := s.load()
	if err != nil || len(loaded) != KeepDevices {
		t.Errorf("the file holds %d devices (%v), want %d", len(loaded), err, KeepDevices)
	}
}

// TestLoadAllocatesLittleBeyondTheFile: loading reads the file into one
// buffer of its size and makes each bucket list once, so it allocates
// about the file twice over (its bytes and the records), not more.
func TestLoadAllocatesLittleBeyondTheFile(t *testing.T) {
	path := tempPath(t)
	recs := map[string]*Record{}
	for i := range 100 {
		recs[fmt.Sprintf("veth%07x", i)] = fullRecord(t0, utc)
	}
	data := fileOf(recs)
	s := store{path: path}
	if err := s.save(data); err != nil {
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	loaded, err := s.load()
	runtime.ReadMemStats(&m1)
	if err != nil || len(loaded) != len(recs) {
		t.Fatalf("load: %d devices, %v", len(loaded), err)
	}
	if got, limit := m1.TotalAlloc-m0.TotalAlloc, uint64(len(data))*5/2; got > limit {
		t.Errorf("loading a %d-byte file allocated %d bytes, want at most %d", len(data), got, limit)
	}
}
