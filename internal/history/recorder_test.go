package history

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRestartInTheSameBootCountsTheDifference(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "boot-1", t0)
	write(t, r, t0, "eth0", 1000, 500) // baseline only
	write(t, r, t0.Add(time.Second), "eth0", 3000, 1500)
	if got := total(t, r, "eth0"); got != (Amount{2000, 1000}) {
		t.Fatalf("total while running = %v, want {2000 1000}", got)
	}
	closeRec(t, r)

	// 4000/2000 more while winload was not running, same boot.
	r = open(t, path, "boot-1", t0.Add(time.Hour))
	write(t, r, t0.Add(time.Hour), "eth0", 7000, 3500)
	if got := total(t, r, "eth0"); got != (Amount{6000, 3000}) {
		t.Fatalf("total after restart = %v, want {6000 3000}", got)
	}
	if u := usage(r, "eth0", t0.Add(time.Hour)); u.Today != (frameAmount{In: 6000, Out: 3000}) || u.Month != u.Today {
		t.Fatalf("usage = today %v month %v, want 6000/3000 both", u.Today, u.Month)
	}
	closeRec(t, r)
}

func TestRebootCountsTheNewCounter(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "boot-1", t0)
	write(t, r, t0, "eth0", 1_000_000, 1_000_000)
	write(t, r, t0.Add(time.Second), "eth0", 1_000_100, 1_000_050)
	closeRec(t, r)

	// After a reboot the counters start again near 0: the new counter is
	// what was counted since, never a negative difference.
	r = open(t, path, "boot-2", t0.Add(time.Hour))
	write(t, r, t0.Add(time.Hour), "eth0", 700, 300)
	if got := total(t, r, "eth0"); got != (Amount{800, 350}) {
		t.Fatalf("total after reboot = %v, want {800 350}", got)
	}
	// A reboot whose counter is already above the old one is still a reboot.
	closeRec(t, r)
	r = open(t, path, "boot-3", t0.Add(2*time.Hour))
	write(t, r, t0.Add(2*time.Hour), "eth0", 5000, 5000)
	if got := total(t, r, "eth0"); got != (Amount{5800, 5350}) {
		t.Fatalf("total after second reboot = %v, want {5800 5350}", got)
	}
	closeRec(t, r)
}

func TestCounterResetCountsFromTheNewCounter(t *testing.T) {
	r := open(t, tempPath(t), "boot-1", t0)
	write(t, r, t0, "ppp0", 50_000, 40_000)
	write(t, r, t0.Add(time.Second), "ppp0", 60_000, 41_000)
	// The device was made anew: its counters start at 0.
	write(t, r, t0.Add(2*time.Second), "ppp0", 200, 100)
	write(t, r, t0.Add(3*time.Second), "ppp0", 300, 150)
	if got := total(t, r, "ppp0"); got != (Amount{10_300, 1_150}) {
		t.Fatalf("total = %v, want {10300 1150}", got)
	}
	closeRec(t, r)
}

func TestUnknownBootIdentityNeverCountsACounterTwice(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "", t0)
	write(t, r, t0, "eth0", 1000, 1000)
	write(t, r, t0.Add(time.Second), "eth0", 1500, 1200)
	closeRec(t, r)
	r = open(t, path, "", t0.Add(time.Minute))
	write(t, r, t0.Add(time.Minute), "eth0", 1600, 1300)
	if got := total(t, r, "eth0"); got != (Amount{600, 300}) {
		t.Fatalf("total = %v, want {600 300}", got)
	}
	closeRec(t, r)
}

func TestTwoProcessesOneWritesNoneCountsTwice(t *testing.T) {
	path := tempPath(t)
	a := open(t, path, "boot-1", t0)
	b := open(t, path, "boot-1", t0)
	if !a.Writing() || b.Writing() {
		t.Fatalf("writing: a %v, b %v; want the first only", a.Writing(), b.Writing())
	}
	now := t0
	for i := range uint64(5) {
		now = now.Add(time.Second)
		write(t, a, now, "eth0", 1000+i*100, 0)
		write(t, b, now, "eth0", 1000+i*100, 0)
	}
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := b.Reload(); err != nil {
		t.Fatal(err)
	}
	write(t, b, now.Add(time.Second), "eth0", 1600, 0)
	// b shows what a wrote plus the growth since a's last reading.
	if got := total(t, b, "eth0"); got.In != 600 {
		t.Fatalf("reader's total = %v, want 600 in", got)
	}
	write(t, a, now.Add(time.Second), "eth0", 1600, 0)
	closeRec(t, a)

	// a has ended: b takes over as the writer at its next reload.
	if err := b.Reload(); err != nil {
		t.Fatal(err)
	}
	if !b.Writing() {
		t.Fatal("b did not take over the writer's lock")
	}
	write(t, b, now.Add(2*time.Second), "eth0", 2000, 0)
	closeRec(t, b)
	c := open(t, path, "boot-1", now.Add(3*time.Second))
	if got := total(t, c, "eth0"); got.In != 1000 {
		t.Fatalf("stored total = %v, want 1000 in (counted once)", got)
	}
	closeRec(t, c)
}

func TestCorruptFileIsMovedAside(t *testing.T) {
	path := tempPath(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("not a database ", 1000))
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	r := open(t, path, "boot-1", t0)
	if !strings.Contains(r.Note(), "moved to "+path+".broken-") {
		t.Fatalf("note = %q, want it to name the moved file", r.Note())
	}
	moved, _ := filepath.Glob(path + ".broken-*")
	if len(moved) != 1 {
		t.Fatalf("moved files = %v", moved)
	}
	if data, _ := os.ReadFile(moved[0]); string(data) != string(junk) {
		t.Fatal("the damaged file was not kept as it was")
	}
	write(t, r, t0, "eth0", 1, 1)
	write(t, r, t0.Add(time.Second), "eth0", 11, 21)
	closeRec(t, r)
	r = open(t, path, "boot-1", t0)
	if got := total(t, r, "eth0"); got != (Amount{10, 20}) {
		t.Fatalf("new file's total = %v", got)
	}
	closeRec(t, r)
}

func TestDamagedFileIsMovedAside(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "boot-1", t0)
	write(t, r, t0, "eth0", 1, 1)
	closeRec(t, r)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func([]byte) []byte{
		"a flipped bit":    func(b []byte) []byte { b[len(b)/2] ^= 4; return b },
		"cut short":        func(b []byte) []byte { return b[:len(b)-7] },
		"empty":            func([]byte) []byte { return nil },
		"another's header": func(b []byte) []byte { return append([]byte("SQLite format 3\x00"), b...) },
	} {
		t.Run(name, func(t *testing.T) {
			p := tempPath(t)
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, damage(append([]byte(nil), good...)), 0o600); err != nil {
				t.Fatal(err)
			}
			r := open(t, p, "boot-1", t0)
			if !strings.Contains(r.Note(), "damaged") {
				t.Errorf("note = %q", r.Note())
			}
			closeRec(t, r)
		})
	}
}

func TestNewerFormatIsRefused(t *testing.T) {
	path := tempPath(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	// A later format may change everything after the format number.
	newer := append([]byte(magic), 2, 0, 'x', 'y', 'z')
	if err := os.WriteFile(path, newer, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(Options{Path: path, Calendar: utc, Boot: "b"}, t0)
	if !errors.Is(err, ErrNewer) || !strings.Contains(err.Error(), "format 2") {
		t.Fatalf("Open = %v, want ErrNewer naming format 2", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(newer) {
		t.Fatal("the newer file was changed")
	}
}

func TestUnwritableFolderKeepsCountingInMemory(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// A regular file where the folder should be: nothing can be made
	// there, as in a read-only folder (which root could still write).
	path := filepath.Join(blocker, "winload", FileName)
	r, err := Open(Options{Path: path, Calendar: utc, Boot: "b"}, t0)
	if err != nil {
		t.Fatalf("Open = %v, want a Recorder that only shows", err)
	}
	if !strings.Contains(r.Note(), "history not saved") {
		t.Fatalf("note = %q", r.Note())
	}
	write(t, r, t0, "eth0", 1, 1)
	write(t, r, t0.Add(time.Second), "eth0", 5, 5)
	if got := total(t, r, "eth0"); got != (Amount{4, 4}) {
		t.Fatalf("total = %v", got)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close of a reader = %v", err)
	}
}

func TestFailedFlushKeepsTheFileAndRetries(t *testing.T) {
	path := tempPath(t)
	r := open(t, path, "boot-1", t0)
	write(t, r, t0, "eth0", 0, 0)
	write(t, r, t0.Add(time.Second), "eth0", 100, 100)
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	// The new file cannot be written (as on a full disk): the flush
	// fails and the file keeps its state.
	if err := os.MkdirAll(filepath.Join(path+".tmp", "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	write(t, r, t0.Add(2*time.Second), "eth0", 300, 300)
	if err := r.Flush(); err == nil {
		t.Fatal("Flush did not fail")
	}
	if !strings.Contains(r.Note(), "not saved") {
		t.Fatalf("note = %q", r.Note())
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("a failed flush changed the file")
	}
	if err := os.RemoveAll(path + ".tmp"); err != nil {
		t.Fatal(err)
	}
	closeRec(t, r)
	r = open(t, path, "boot-1", t0)
	if got := total(t, r, "eth0"); got != (Amount{300, 300}) {
		t.Fatalf("total after the retry = %v, want {300 300}", got)
	}
	closeRec(t, r)
}

func TestClockJumpsMakeNoNegativeOrHugeBuckets(t *testing.T) {
	r := open(t, tempPath(t), "boot-1", t0)
	write(t, r, t0, "eth0", 0, 0)
	write(t, r, t0.Add(time.Second), "eth0", 100, 100)
	// The clock goes back three days, then ahead ten years, then right.
	write(t, r, t0.Add(-72*time.Hour), "eth0", 200, 200)
	write(t, r, t0.AddDate(10, 0, 0), "eth0", 300, 300)
	write(t, r, t0.Add(2*time.Second), "eth0", 400, 400)
	rec := r.Records()["eth0"]
	if rec.Total != (Amount{400, 400}) {
		t.Fatalf("total = %v, want {400 400}", rec.Total)
	}
	for _, bs := range [][]Bucket{rec.Hours, rec.Days, rec.Months} {
		var sum Amount
		for _, b := range bs {
			if b.In > 400 || b.Out > 400 {
				t.Errorf("bucket %v is larger than all traffic", b)
			}
			if b.Start > t0.Add(2*time.Second).Unix() {
				t.Errorf("bucket %v lies in the future", b)
			}
			sum.add(b.Amount)
		}
		if sum.In > 400 {
			t.Errorf("buckets add up to %v", sum)
		}
	}
	closeRec(t, r)
}

func TestQuotaAndUsage(t *testing.T) {
	r, err := Open(Options{Path: tempPath(t), Calendar: utc, Boot: "b", Quotas: map[string]uint64{"eth0": 1000}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	write(t, r, t0.AddDate(0, -1, 0), "eth0", 0, 0)
	write(t, r, t0.AddDate(0, -1, 0).Add(time.Second), "eth0", 5000, 0) // last month
	write(t, r, t0.Add(-24*time.Hour), "eth0", 5300, 100)               // yesterday
	write(t, r, t0, "eth0", 5900, 200)                                  // today
	u := usage(r, "eth0", t0)
	if u.Quota != 1000 || u.Today != (frameAmount{In: 600, Out: 100}) || u.Month != (frameAmount{In: 900, Out: 200}) {
		t.Fatalf("usage = quota %d today %v month %v", u.Quota, u.Today, u.Month)
	}
	if last := u.Days[len(u.Days)-1]; !last.Start.Equal(utc.Day(t0)) || last.In != 600 {
		t.Fatalf("last day bar = %+v", last)
	}
	if prev := u.Months[len(u.Months)-2]; prev.In != 5000 {
		t.Fatalf("previous month bar = %+v", prev)
	}
	closeRec(t, r)
}
