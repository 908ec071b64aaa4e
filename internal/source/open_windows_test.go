package source

import (
	"errors"
	"testing"

	"github.com/winload/winload/internal/capture"
)

// loopbackDevice returns the loopback row of one Read.
func loopbackDevice(t *testing.T, src Source) Device {
	t.Helper()
	devs, err := src.Read(nil)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	isLoop := LoopbackMatcher(src)
	for _, d := range devs {
		if isLoop(d.Name) {
			return d
		}
	}
	t.Fatalf("no loopback row among %+v", devs)
	return Device{}
}

func TestFindLoopbackRow(t *testing.T) {
	row, err := findLoopbackRow()
	if err != nil {
		t.Fatal(err)
	}
	if row.name == "" || row.luid == 0 {
		t.Errorf("loopback row = %+v; want a named row with a LUID", row)
	}
}

func TestOpenNativeShowsLoopbackWithWarning(t *testing.T) {
	src, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if d := loopbackDevice(t, src); d.Addr == "" {
		t.Errorf("loopback row %+v has no address", d)
	}
	if st := src.Status(); st.Tag != "" || st.Warning != nativeLoopbackWarning {
		t.Errorf("Status = %+v", st)
	}
}

func TestOpenETWPollsLoopbackRow(t *testing.T) {
	src, err := Open(Options{Mode: ModeETW})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	d := loopbackDevice(t, src)
	st := src.Status()
	if st.Tag != "etw" {
		t.Errorf("Status = %+v, want tag etw", st)
	}
	if (d.Rx == 0 && d.Tx == 0) != (st.Warning == etwZeroWarning) {
		t.Errorf("counters %d/%d with warning %q", d.Rx, d.Tx, st.Warning)
	}
}

func TestOpenNpcap(t *testing.T) {
	src, err := Open(Options{Mode: ModeNpcap})
	switch {
	case errors.Is(err, capture.ErrNpcapMissing), errors.Is(err, capture.ErrNoLoopbackAdapter), errors.Is(err, capture.ErrAccessDenied):
		t.Skipf("no usable Npcap loopback capture here: %v", err)
	case err != nil:
		t.Fatal(err)
	}
	loopbackDevice(t, src)
	if st := src.Status(); st.Tag != "npcap" || st.Detail == "" || st.Error != "" {
		t.Errorf("Status = %+v", st)
	}
	if err := src.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := src.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
