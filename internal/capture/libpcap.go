package capture

import (
	"fmt"
	"regexp"
	"strconv"
)

// wpcapRequired are the wpcap.dll functions the loopback capture cannot do
// without; a DLL that lacks one is refused with its name before the
// capture starts. wpcapOptional may be missing (older libpcap).
var (
	wpcapRequired = []string{
		"pcap_findalldevs", "pcap_freealldevs", "pcap_create",
		"pcap_set_snaplen", "pcap_set_timeout", "pcap_set_buffer_size", "pcap_set_immediate_mode",
		"pcap_activate", "pcap_datalink", "pcap_next_ex", "pcap_geterr", "pcap_breakloop", "pcap_close",
		"pcap_lib_version",
	}
	// pcap_init (libpcap 1.10) selects UTF-8 for error texts, which
	// otherwise come in the ANSI code page and are garbled when shown.
	wpcapOptional = []string{"pcap_init"}
)

// setting is one pcap_set_* call made between pcap_create and
// pcap_activate.
type setting struct {
	fn    string
	what  string
	value int
}

// captureSettings are the calls that prepare a capture handle. Immediate
// mode comes first: without it Npcap holds packets back until 16,000
// bytes (MinToCopy) or the read timeout gather, and at low traffic they
// arrive in batches that make the rate swing between zero and double.
func captureSettings(snaplen, timeoutMS, bufferBytes int) []setting {
	return []setting{
		{"pcap_set_immediate_mode", "immediate mode", 1},
		{"pcap_set_snaplen", "snap length", snaplen},
		{"pcap_set_timeout", "read timeout", timeoutMS},
		{"pcap_set_buffer_size", "buffer size", bufferBytes},
	}
}

// npcapVersionRE finds the version in pcap_lib_version's text, such as
// "Npcap version 1.79, based on libpcap version 1.10.4".
var npcapVersionRE = regexp.MustCompile(`Npcap version (\d+)\.(\d+)`)

// DoubleCountWarning returns a warning when pcap_lib_version's text names an
// Npcap older than 1.70, which tapped loopback packets on both the inbound
// and the outbound path and so delivered each one twice; else "".
func DoubleCountWarning(libVersion string) string {
	m := npcapVersionRE.FindStringSubmatch(libVersion)
	if m == nil {
		return ""
	}
	major, err1 := strconv.Atoi(m[1])
	minor, err2 := strconv.Atoi(m[2])
	if err1 != nil || err2 != nil || major > 1 || (major == 1 && minor >= 70) {
		return ""
	}
	return fmt.Sprintf("Npcap %s.%s is older than 1.70 and captures each loopback packet twice: "+
		"the loopback counts are doubled; update Npcap from %s", m[1], m[2], npcapDownloadURL)
}

// isASCII reports whether b holds only 7-bit characters, which read the
// same in every ANSI code page and in UTF-8.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
