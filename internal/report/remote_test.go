package report

import (
	"bytes"
	"testing"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/units"
)

// A device whose counters cannot be read (another host that is down) is
// written with the reason, in JSON and in text; one without rates yet and
// without an error is still skipped.
func TestStreamsShowUnreadableDevices(t *testing.T) {
	down := monitor.Reading{Device: "web1/eth0", Error: "unreachable: connection refused"}
	var js, text bytes.Buffer
	if err := NewJSON(&js).Write(when, []monitor.Reading{down, {Device: "skip"}}); err != nil {
		t.Fatal(err)
	}
	if err := NewText(&text, units.Format{}, units.Format{}).Write(when, []monitor.Reading{down, {Device: "skip"}}); err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"time":"2026-11-25T22:14:15.123456789Z","device":"web1/eth0","in":{"total":0,"curr":0,"avg":0,"min":0,"max":0},"out":{"total":0,"curr":0,"avg":0,"min":0,"max":0},"error":"unreachable: connection refused"}` + "\n"
	if js.String() != wantJSON {
		t.Errorf("JSON\n got %q\nwant %q", js.String(), wantJSON)
	}
	if want := "2026-11-25 22:14:15 web1/eth0 (unreachable: connection refused)\n"; text.String() != want {
		t.Errorf("text\n got %q\nwant %q", text.String(), want)
	}
}
