//go:build winload_inject_panic

package ui

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
)

// This file exists only in test builds made with -tags winload_inject_panic
// (the e2e tests build such a binary). WINLOAD_INJECT_PANIC names the point
// that panics:
//
//	draw    the third redraw, in the event loop
//	sample  the third sample taken by the event loop
//	reader  the event reader goroutine, 1.5 s after it starts
//
// so the screen is up, in the alternate screen and raw mode, when it does.
var (
	injectPoint = os.Getenv("WINLOAD_INJECT_PANIC")
	injectCalls atomic.Int32
)

// injectPanic panics when point is the one the environment names and its
// turn has come.
func injectPanic(point string) {
	if point != injectPoint {
		return
	}
	if point == "reader" {
		time.Sleep(1500 * time.Millisecond)
	} else if injectCalls.Add(1) < 3 {
		return
	}
	panic(fmt.Sprintf("injected %s panic", point))
}
