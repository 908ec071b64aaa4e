package source

import "strings"

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
	return Status{Warning: nativeLoopbackWarning}
}

// npcapStatus is the status of --npcap: the adapter captured, and the
// error that stopped the capture after it started, if any.
func npcapStatus(adapter string, captureErr error) Status {
	s := Status{Tag: tagNpcap, Detail: adapter}
	if captureErr != nil {
		s.Warning = "loopback capture stopped, counts frozen: " + oneLine(captureErr.Error())
	}
	return s
}

// etwStatus is the status of --etw given the loopback row's last counters
// and the error of the last attempt to read them, if any.
func etwStatus(rx, tx uint64, readErr error) Status {
	s := Status{Tag: tagETW}
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
