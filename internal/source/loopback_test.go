package source

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestIsLoopback(t *testing.T) {
	for name, want := range map[string]bool{
		"lo":                          true,
		"lo0":                         true,
		"Loopback Pseudo-Interface 1": true,
		"Loopback Pseudo-Interface 2": true,
		"loopback pseudo-interface 1": true,
		"Loopback Pseudo":             false,
		"lo1":                         false,
		"eth0":                        false,
		"Ethernet":                    false,
		"":                            false,
		"LO":                          false,
		"vEthernet (Loopback)":        false,
	} {
		if got := IsLoopback(name); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", name, got, want)
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
	tests := []struct {
		name string
		got  Status
		want Status
	}{
		{"native", nativeStatus(), Status{Warning: nativeLoopbackWarning}},
		{"npcap running", npcapStatus(`\Device\NPF_Loopback`, nil),
			Status{Tag: "npcap", Detail: `\Device\NPF_Loopback`}},
		{"npcap failed", npcapStatus(`\Device\NPF_Loopback`, broken),
			Status{Tag: "npcap", Detail: `\Device\NPF_Loopback`,
				Warning: "loopback capture stopped, counts frozen: read error: adapter removed"}},
		{"etw at zero", etwStatus(0, 0, nil), Status{Tag: "etw", Warning: etwZeroWarning}},
		{"etw counting in", etwStatus(1, 0, nil), Status{Tag: "etw"}},
		{"etw counting out", etwStatus(0, 1, nil), Status{Tag: "etw"}},
		{"etw read failure", etwStatus(0, 0, broken),
			Status{Tag: "etw", Warning: "reading the loopback counters failed: read error: adapter removed"}},
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
