package source

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// renamedLoopback is a Windows-like source whose type-24 row carries a
// localized alias.
type renamedLoopback struct{ stubSource }

func (*renamedLoopback) loopbackRow() string { return "Pseudo-interface de bouclage 1" }

func TestLoopbackMatcher(t *testing.T) {
	win := LoopbackMatcher(&renamedLoopback{})
	for name, want := range map[string]bool{
		"Pseudo-interface de bouclage 1": true, // the type-24 row, whatever its alias
		"Loopback Pseudo-Interface 1":    false,
		"Loopback Pseudo-Interface 2":    false, // a name prefix says nothing
		"vEthernet (Loopback)":           false,
		"lo":                             false,
	} {
		if got := win(name); got != want {
			t.Errorf("Windows source: match(%q) = %v, want %v", name, got, want)
		}
	}
	other := LoopbackMatcher(&stubSource{})
	for name, want := range map[string]bool{
		"lo": true, "lo0": true, "lo1": false, "LO": false, "eth0": false, "": false,
		"Loopback Pseudo-Interface 1": false,
	} {
		if got := other(name); got != want {
			t.Errorf("Linux/macOS source: match(%q) = %v, want %v", name, got, want)
		}
	}
}

func names(devs []Device) []string {
	out := make([]string, len(devs))
	for i, d := range devs {
		out[i] = d.Name
	}
	return out
}

func TestEnsureLoopbackAddsMissingRow(t *testing.T) {
	devs := []Device{
		{Name: "Ethernet", Addr: "192.168.1.5", Rx: 10, Tx: 20},
		{Name: "Wi-Fi", Addr: "10.0.0.7", Rx: 30, Tx: 40},
	}
	got, i := ensureLoopback(devs, windowsLoopbackName)
	want := []string{"Ethernet", windowsLoopbackName, "Wi-Fi"}
	if !slices.Equal(names(got), want) {
		t.Fatalf("names = %q, want %q", names(got), want)
	}
	if got[i] != (Device{Name: windowsLoopbackName, Addr: loopbackAddr}) {
		t.Errorf("row %d = %+v, want the loopback row with zero counters", i, got[i])
	}
	if got[0].Rx != 10 || got[2].Tx != 40 {
		t.Errorf("other rows changed: %+v", got)
	}
}

func TestEnsureLoopbackKeepsExistingRow(t *testing.T) {
	devs := []Device{
		{Name: "Ethernet", Rx: 10},
		{Name: windowsLoopbackName, Rx: 5, Tx: 6},
	}
	got, i := ensureLoopback(devs, windowsLoopbackName)
	if len(got) != 2 || i != 1 {
		t.Fatalf("got %+v, index %d; want the existing row at 1", got, i)
	}
	if got[1] != (Device{Name: windowsLoopbackName, Addr: loopbackAddr, Rx: 5, Tx: 6}) {
		t.Errorf("row = %+v, want counters kept and the address filled", got[1])
	}
	devs[1].Addr = "::1"
	if got, _ := ensureLoopback(devs, windowsLoopbackName); got[1].Addr != "::1" {
		t.Errorf("Addr = %q, want the known address kept", got[1].Addr)
	}
}

func TestEnsureLoopbackEdges(t *testing.T) {
	got, i := ensureLoopback(nil, windowsLoopbackName)
	if len(got) != 1 || i != 0 || got[0].Name != windowsLoopbackName {
		t.Errorf("empty list: got %+v, %d", got, i)
	}
	got, i = ensureLoopback([]Device{{Name: "Ethernet"}}, windowsLoopbackName)
	if i != 1 || !slices.Equal(names(got), []string{"Ethernet", windowsLoopbackName}) {
		t.Errorf("append at end: got %q, %d", names(got), i)
	}
	got, i = ensureLoopback([]Device{{Name: "Wi-Fi"}}, windowsLoopbackName)
	if i != 0 || !slices.Equal(names(got), []string{windowsLoopbackName, "Wi-Fi"}) {
		t.Errorf("insert at start: got %q, %d", names(got), i)
	}
}

func TestLoopbackStatus(t *testing.T) {
	broken := errors.New("read error:\nadapter removed")
	running := npcapState{adapter: `\Device\NPF_Loopback`, version: "Npcap version 1.79, based on libpcap version 1.10.4", packets: 1000, skipped: 1}
	stopped := running
	stopped.err = broken
	old := running
	old.version, old.versionWarning = "Npcap version 1.60, based on libpcap version 1.10.1", "Npcap 1.60 is older than 1.70"
	npcapReader := readerGopsutilWin + "; loopback row: Npcap capture on \\Device\\NPF_Loopback (Npcap version 1.79, based on libpcap version 1.10.4), 1000 packets counted, 1 frames skipped"
	etwReader := readerGopsutilWin + "; loopback row: GetIfEntry2 on the interface of type 24, polled every sample"
	tests := []struct {
		name string
		got  Status
		want Status
	}{
		{"native", nativeStatus(), Status{Warning: nativeLoopbackWarning, Reader: readerGopsutilWin + "; loopback row: Windows' own counters"}},
		{"npcap running", npcapStatus(running),
			Status{Tag: "npcap", Detail: `\Device\NPF_Loopback`, Reader: npcapReader}},
		{"npcap stopped: an error for every device", npcapStatus(stopped),
			Status{Tag: "npcap", Detail: `\Device\NPF_Loopback`, Reader: npcapReader,
				Error: "loopback capture stopped, counts frozen: read error: adapter removed"}},
		{"npcap before 1.70", npcapStatus(old),
			Status{Tag: "npcap", Detail: `\Device\NPF_Loopback`, Warning: "Npcap 1.60 is older than 1.70",
				Reader: strings.Replace(npcapReader, "1.79, based on libpcap version 1.10.4", "1.60, based on libpcap version 1.10.1", 1)}},
		{"etw at zero", etwStatus(0, 0, nil), Status{Tag: "etw", Warning: etwZeroWarning, Reader: etwReader}},
		{"etw counting in", etwStatus(1, 0, nil), Status{Tag: "etw", Reader: etwReader}},
		{"etw counting out", etwStatus(0, 1, nil), Status{Tag: "etw", Reader: etwReader}},
		{"etw read failure", etwStatus(0, 0, broken),
			Status{Tag: "etw", Reader: etwReader, Warning: "reading the loopback counters failed: read error: adapter removed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %+v, want %+v", tt.got, tt.want)
			}
		})
	}
	if !strings.Contains(nativeLoopbackWarning, "--npcap") || !strings.Contains(nativeLoopbackWarning, "--etw") {
		t.Errorf("native warning %q must name --npcap and --etw", nativeLoopbackWarning)
	}
	if !strings.Contains(etwZeroWarning, "--npcap") {
		t.Errorf("etw warning %q must suggest --npcap", etwZeroWarning)
	}
}

func TestLoopbackStatusWithoutCaptureAllocatesNothing(t *testing.T) {
	// Status is asked for every frame drawn.
	if n := testing.AllocsPerRun(50, func() { _ = nativeStatus(); _ = etwStatus(1, 2, nil); _ = etwStatus(0, 0, nil) }); n != 0 {
		t.Errorf("native and --etw statuses allocate %v times per call", n)
	}
}
