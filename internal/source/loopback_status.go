package source

import (
	"fmt"
	"strings"
)

// Warnings shown under the header while Windows' loopback device is on
// screen.
const (
	// nativeLoopbackWarning: no loopback mode is active.
	nativeLoopbackWarning = "Windows does not count loopback traffic here: " +
		"use --npcap (Npcap with loopback support) or --etw"
	// etwZeroWarning: --etw is active and the counters are still zero.
	etwZeroWarning = "Windows does not count loopback traffic in its interface counters; try --npcap"
)

// Header tags of the loopback modes.
const (
	tagNpcap = "npcap"
	tagETW   = "etw"
)

// nativeStatus is the status without a loopback mode: the loopback row is
// shown with Windows' own counters, which stay at zero.
func nativeStatus() Status {
	return Status{Warning: nativeLoopbackWarning, Reader: readerGopsutilWin + "; loopback row: Windows' own counters"}
}

// npcapState is what --npcap knows about its capture.
type npcapState struct {
	adapter string
	// version is pcap_lib_version's text; versionWarning is the warning
	// it calls for (an Npcap that counts loopback packets twice), or "".
	version, versionWarning string
	packets, skipped        uint64
	// err stopped the capture after it started, or is nil.
	err error
}

// npcapStatus is the status of --npcap. A capture that stopped is an
// error shown with every device: the numbers on screen no longer move.
func npcapStatus(s npcapState) Status {
	st := Status{
		Tag:     tagNpcap,
		Detail:  s.adapter,
		Warning: s.versionWarning,
		Reader: fmt.Sprintf("%s; loopback row: Npcap capture on %s (%s), %d packets counted, %d frames skipped",
			readerGopsutilWin, s.adapter, s.version, s.packets, s.skipped),
	}
	if s.err != nil {
		st.Error = "loopback capture stopped, counts frozen: " + oneLine(s.err.Error())
	}
	return st
}

// etwStatus is the status of --etw given the loopback row's last counters
// and the error of the last attempt to read them, if any.
func etwStatus(rx, tx uint64, readErr error) Status {
	s := Status{Tag: tagETW, Reader: readerGopsutilWin + "; loopback row: GetIfEntry2 on the interface of type 24, polled every sample"}
	switch {
	case readErr != nil:
		s.Warning = "reading the loopback counters failed: " + oneLine(readErr.Error())
	case rx == 0 && tx == 0:
		s.Warning = etwZeroWarning
	}
	return s
}

// oneLine folds a message onto one line for the warning row.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
