package capture

import (
	"slices"
	"strings"
	"testing"
)

func TestCaptureSettingsSetImmediateModeBeforeActivate(t *testing.T) {
	s := captureSettings(64, 200, 4<<20)
	i := slices.IndexFunc(s, func(s setting) bool { return s.fn == "pcap_set_immediate_mode" })
	if i < 0 || s[i].value != 1 {
		t.Fatalf("settings %+v do not turn immediate mode on", s)
	}
	for _, x := range s {
		if !slices.Contains(wpcapRequired, x.fn) {
			t.Errorf("setting %s is not among the required functions, so a DLL without it would panic later", x.fn)
		}
	}
}

func TestWpcapFunctions(t *testing.T) {
	if !slices.Contains(wpcapOptional, "pcap_init") || slices.Contains(wpcapRequired, "pcap_init") {
		t.Error("pcap_init must be optional: libpcap before 1.10 lacks it")
	}
	for _, fn := range []string{"pcap_set_immediate_mode", "pcap_lib_version"} {
		if !slices.Contains(wpcapRequired, fn) {
			t.Errorf("%s is not resolved", fn)
		}
	}
}

func TestDoubleCountWarning(t *testing.T) {
	tests := []struct {
		version string
		warn    bool
	}{
		{"Npcap version 1.79, based on libpcap version 1.10.4", false},
		{"Npcap version 1.70, based on libpcap version 1.10.1", false},
		{"Npcap version 1.69, based on libpcap version 1.10.1", true},
		{"Npcap version 1.60, based on libpcap version 1.10.1", true},
		{"Npcap version 0.9997, based on libpcap version 1.9.1", true},
		{"Npcap version 2.0, based on libpcap version 1.11.0", false},
		{"WinPcap version 4.1.3 (packet.dll version 4.1.0.2980), based on libpcap version 1.0 branch 1_0_rel0b (20091008)", false},
		{"libpcap version 1.10.4 (with TPACKET_V3)", false},
		{"", false},
	}
	for _, tt := range tests {
		w := DoubleCountWarning(tt.version)
		if (w != "") != tt.warn {
			t.Errorf("DoubleCountWarning(%q) = %q, want a warning: %v", tt.version, w, tt.warn)
		}
		if w != "" && (!strings.Contains(w, "1.70") || !strings.Contains(w, npcapDownloadURL)) {
			t.Errorf("warning %q does not name 1.70 and the download", w)
		}
	}
}

func TestIsASCII(t *testing.T) {
	for in, want := range map[string]bool{
		"": true, "Access is denied. (5)": true,
		"Fehler beim \xd6ffnen": false, "\xe6\x8b\x92\xe7\xbb\x9d\xe8\xae\xbf\xe9\x97\xae": false,
	} {
		if got := isASCII([]byte(in)); got != want {
			t.Errorf("isASCII(%q) = %v, want %v", in, got, want)
		}
	}
}
