package history

import (
	"testing"
	"time"
	_ "time/tzdata" // the DST cases need America/New_York everywhere
)

func TestCalendarMonth(t *testing.T) {
	d := func(y int, m time.Month, day, h int) time.Time { return time.Date(y, m, day, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name  string
		start int
		at    time.Time
		want  time.Time
	}{
		{"first of the month", 1, d(2026, 11, 30, 10), d(2026, 11, 1, 0)},
		{"before the start day", 15, d(2026, 11, 14, 23), d(2026, 10, 15, 0)},
		{"on the start day", 15, d(2026, 11, 15, 0), d(2026, 11, 15, 0)},
		{"january before the start day", 28, d(2027, 1, 3, 5), d(2026, 12, 28, 0)},
		{"leap day", 28, d(2028, 2, 29, 12), d(2028, 2, 28, 0)},
		{"day after a leap day", 1, d(2028, 3, 1, 0), d(2028, 3, 1, 0)},
		{"out of range means 1", 31, d(2026, 5, 20, 0), d(2026, 5, 1, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cal := Calendar{Loc: time.UTC, MonthStart: tc.start}
			if got := cal.Month(tc.at); !got.Equal(tc.want) {
				t.Errorf("Month(%v) = %v, want %v", tc.at, got, tc.want)
			}
		})
	}
}

func TestLeapDayHasItsOwnBucket(t *testing.T) {
	r := open(t, tempPath(t), "b", t0)
	feb28 := time.Date(2028, 2, 28, 23, 30, 0, 0, time.UTC)
	write(t, r, feb28, "eth0", 0, 0)
	write(t, r, feb28.Add(time.Hour), "eth0", 100, 0) // Feb 29
	write(t, r, feb28.Add(25*time.Hour), "eth0", 300, 0)
	rec := r.Records()["eth0"]
	if len(rec.Days) != 2 || time.Unix(rec.Days[0].Start, 0).UTC().Day() != 29 || rec.Days[0].In != 100 || rec.Days[1].In != 200 {
		t.Fatalf("days = %+v", rec.Days)
	}
	closeRec(t, r)
}

func TestDaylightSavingChanges(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cal := Calendar{Loc: ny, MonthStart: 1}
	for _, tc := range []struct {
		name  string
		start time.Time // local midnight of the day that changes
		hours int       // hours that day has
	}{
		{"spring forward", time.Date(2026, 3, 8, 0, 0, 0, 0, ny), 23},
		{"fall back", time.Date(2026, 11, 1, 0, 0, 0, 0, ny), 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Open(Options{Path: tempPath(t), Calendar: cal, Boot: "b"}, tc.start)
			if err != nil {
				t.Fatal(err)
			}
			defer closeRec(t, r)
			write(t, r, tc.start.Add(-time.Minute), "eth0", 0, 0)
			// 1 byte in every real hour of the day, in the middle of it.
			for h := range tc.hours {
				write(t, r, tc.start.Add(time.Duration(h)*time.Hour+30*time.Minute), "eth0", uint64(h+1), 0)
			}
			rec := r.Records()["eth0"]
			if len(rec.Days) != 1 || rec.Days[0].In != uint64(tc.hours) || rec.Days[0].Start != tc.start.Unix() {
				t.Fatalf("days = %+v, want one day of %d bytes from %v", rec.Days, tc.hours, tc.start)
			}
			var sum uint64
			for _, b := range rec.Hours {
				sum += b.In
				if b.In > 2 {
					t.Errorf("hour %v has %d bytes", time.Unix(b.Start, 0).In(ny), b.In)
				}
			}
			if sum != uint64(tc.hours) {
				t.Errorf("hours add up to %d, want %d", sum, tc.hours)
			}
		})
	}
}

func TestBucketsKeepTheirWindows(t *testing.T) {
	r := open(t, tempPath(t), "b", t0)
	now := t0
	write(t, r, now, "eth0", 0, 0)
	for i := uint64(1); i <= 800; i++ {
		now = now.Add(time.Duration(i%7+20) * time.Hour)
		write(t, r, now, "eth0", i, i)
	}
	rec := r.Records()["eth0"]
	if len(rec.Hours) > keepHours || len(rec.Days) > keepDays || len(rec.Months) > keepMonths {
		t.Fatalf("kept %d hours, %d days, %d months", len(rec.Hours), len(rec.Days), len(rec.Months))
	}
	if first := time.Unix(rec.Days[0].Start, 0); now.Sub(first) > keepDays*24*time.Hour {
		t.Errorf("oldest day %v is more than %d days before %v", first, keepDays, now)
	}
	if rec.Total.In != 800 {
		t.Errorf("total = %v", rec.Total)
	}
	closeRec(t, r)
}

func TestSameBoot(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"x", "x", true},
		{"x", "y", false},
		{"", "y", true},
		{"t:1000", "t:1100", true},
		{"t:1000", "t:1121", false},
		{"t:1000", "x", false},
	} {
		if got := sameBoot(tc.a, tc.b); got != tc.want {
			t.Errorf("sameBoot(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}, "/s/winload/history.dat"},
		{"linux", map[string]string{"XDG_STATE_HOME": "rel", "HOME": "/h"}, "/h/.local/state/winload/history.dat"},
		{"freebsd", map[string]string{"HOME": "/h"}, "/h/.local/state/winload/history.dat"},
		{"darwin", map[string]string{"HOME": "/Users/a"}, "/Users/a/Library/Application Support/winload/history.dat"},
	} {
		got, err := DefaultPath(tc.goos, env(tc.env))
		if err != nil || got != tc.want {
			t.Errorf("DefaultPath(%s) = %q, %v; want %q", tc.goos, got, err, tc.want)
		}
	}
	if _, err := DefaultPath("linux", env(nil)); err == nil {
		t.Error("DefaultPath without HOME did not fail")
	}
}
