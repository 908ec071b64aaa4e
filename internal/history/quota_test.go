package history

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/units"
)

func TestParseQuota(t *testing.T) {
	for _, tc := range []struct {
		in   string
		dev  string
		want uint64
		err  string
	}{
		{"eth0=1TB", "eth0", 1e12, ""},
		{"eth0=1TiB", "eth0", 1 << 40, ""},
		{" wlan0 = 500G ", "wlan0", 500 << 30, ""},
		{"eth0=8Gbit", "eth0", 1e9, ""},
		{"eth0", "", 0, "DEVICE=SIZE"},
		{"=1T", "", 0, "device name"},
		{"eth0=", "", 0, "size after eth0="},
		{"eth0=1TB/s", "", 0, "is a rate"},
		{"eth0=lots", "", 0, "such as 1TB"},
		{"eth0=0.5", "", 0, "less than a byte"},
	} {
		dev, n, err := ParseQuota(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseQuota(%q) error = %v, want one with %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || dev != tc.dev || n != tc.want {
			t.Errorf("ParseQuota(%q) = %q, %d, %v; want %q, %d", tc.in, dev, n, err, tc.dev, tc.want)
		}
	}
}

func reportRecords(t *testing.T) map[string]*Record {
	t.Helper()
	r := open(t, tempPath(t), "b", t0)
	write(t, r, t0.Add(-48*time.Hour), "eth0", 0, 0)
	write(t, r, t0.Add(-47*time.Hour), "eth0", 1<<30, 1<<20)
	write(t, r, t0, "eth0", 3<<30, 2<<20)
	write(t, r, t0, "wlan0", 0, 0)
	closeRec(t, r)
	return r.Records()
}

func TestReportText(t *testing.T) {
	rp := Report{Kind: Daily, Calendar: utc, Now: t0, Quotas: map[string]uint64{"eth0": 4 << 30}}
	var b bytes.Buffer
	if err := rp.WriteText(&b, reportRecords(t)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"eth0 (daily)", "2026-11-28", "2026-11-30", "1.00 GiB", "2.00 GiB", "today", "month", "all time", "3.00 GiB", "quota", "75.0 %", "wlan0 (daily)"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	rp.Devices = []string{"ppp0"}
	if err := rp.WriteText(&b, reportRecords(t)); err == nil || !strings.Contains(err.Error(), `"ppp0"`) {
		t.Errorf("report of an unknown device: %v", err)
	}
}

func TestReportJSON(t *testing.T) {
	rp := Report{Kind: Hourly, Devices: []string{"eth0"}, Calendar: utc, Now: t0}
	var b bytes.Buffer
	if err := rp.WriteJSON(&b, reportRecords(t)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Devices []struct {
			Device string
			Kind   string
			Rows   []struct{ In, Out uint64 }
			Today  struct{ In, Out uint64 }
			Total  struct{ In, Out uint64 }
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Devices) != 1 || got.Devices[0].Kind != "hourly" || len(got.Devices[0].Rows) != 2 ||
		got.Devices[0].Total.In != 3<<30 || got.Devices[0].Today.In != 2<<30 {
		t.Fatalf("JSON report = %s", b.String())
	}
}

func TestCheckQuota(t *testing.T) {
	recs := reportRecords(t)
	var b bytes.Buffer
	over, err := CheckQuota(&b, recs, map[string]uint64{"eth0": 3 << 30, "wlan0": 1}, utc, t0, units.Format{})
	if err != nil || !over {
		t.Fatalf("CheckQuota = %v, %v; want exceeded", over, err)
	}
	if !strings.Contains(b.String(), "eth0: 3.00 GiB of 3.00 GiB used since 2026-11-01 (100.1 %): EXCEEDED") ||
		!strings.Contains(b.String(), "wlan0: 0.00 B of 1.00 B") {
		t.Fatalf("output:\n%s", b.String())
	}
	over, _ = CheckQuota(&b, recs, map[string]uint64{"eth0": 4 << 30}, utc, t0, units.Format{})
	if over {
		t.Fatal("4 GiB quota reported exceeded")
	}
}
