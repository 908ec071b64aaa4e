package capture

import (
	"fmt"
	"strings"
)

// libpcap status codes that winload tells apart (pcap/pcap.h).
const (
	pcapErrorNoSuchDevice = -5
	pcapErrorPermDenied   = -8
)

// loadError explains why wpcap.dll could not be loaded from path.
func loadError(path string, err error) error {
	return fmt.Errorf("%w: cannot load %s (%v); %s", ErrNpcapMissing, path, err, installAdvice)
}

// missingFuncError explains a wpcap.dll that lacks a function winload needs.
func missingFuncError(path, fn string) error {
	return fmt.Errorf("%w: %s has no function %s (an old WinPcap or a damaged install?); %s",
		ErrNpcapMissing, path, fn, installAdvice)
}

// openError turns a failure to list adapters (adapter == "") or to open
// one into an error for people. code is libpcap's status, or 0 when only a
// message is known (pcap_findalldevs, pcap_create); msg is libpcap's text.
//
// Npcap's admin-only mode does not always say "denied": when its elevation
// prompt is refused it may report that an adapter it has just listed does
// not exist. Such a failure on a listed adapter counts as access denied.
func openError(adapter string, code int, msg string) error {
	what := "listing Npcap adapters"
	if adapter != "" {
		what = "opening Npcap adapter " + adapter
	}
	msg = strings.TrimSpace(msg)
	if msg == "" {
		msg = "failed"
	}
	switch {
	case code == pcapErrorPermDenied || mentionsDenied(msg):
		return fmt.Errorf("%w (%s: %s); %s", ErrAccessDenied, what, msg, accessAdvice)
	case code == pcapErrorNoSuchDevice && adapter != "":
		return fmt.Errorf("%w (%s: %s; Npcap listed this adapter, and its admin-only mode reports it missing when elevation is refused); %s",
			ErrAccessDenied, what, msg, accessAdvice)
	default:
		return fmt.Errorf("%w (%s: %s); %s", ErrNpcapFailed, what, msg, reinstallAdvice)
	}
}

// mentionsDenied reports whether a libpcap or Windows message says that
// access was refused. "(5)" is how libpcap appends Windows' error code 5,
// ERROR_ACCESS_DENIED, which also catches messages in other languages.
func mentionsDenied(msg string) bool {
	m := strings.ToLower(msg)
	for _, s := range []string{"access is denied", "access denied", "permission denied", "don't have permission", "(5)"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}
