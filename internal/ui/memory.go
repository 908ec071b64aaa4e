package ui

import (
	"runtime/debug"
	"runtime/metrics"
)

// startupHeadroom is how much memory the Go runtime may add while the
// screen starts. tcell allocates its cell buffers then (about 190 bytes a
// cell, and an 80x24 one that it throws away) and makes about 140 bytes
// of garbage for every cell it sends, which on the first frame is every
// cell of the terminal. Left alone, the heap grows by all of that before
// the collector runs, and the process keeps that peak as resident memory.
// With the runtime's memory capped (debug.SetMemoryLimit) until the first
// frame is shown, the collector runs as the garbage comes: about 0.25 MiB
// less peak resident memory at 120x40, for about 15 collections in the
// first 10 ms (measured).
const startupHeadroom = 1 << 20

// limitStartupMemory caps the Go runtime's memory at what it uses now
// plus startupHeadroom, unless a lower limit is set (GOMEMLIMIT), and
// returns the function that lifts the cap again.
func limitStartupMemory() (restore func()) {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	limit := int64(s[0].Value.Uint64()-s[1].Value.Uint64()) + startupHeadroom
	old := debug.SetMemoryLimit(-1)
	if limit >= old {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(old) }
}

// Under steady traffic tcell makes garbage for every cell it sends to the
// terminal (about 150 KiB/s at 100 ms), and the heap grows by that until
// the collector runs and for as long as the freed pages wait for the
// runtime's background scavenger: winload's resident memory grew from 6.9
// to 7.8 MiB within 20 s (measured at 100 ms). A releaser collects and
// hands the free pages back (debug.FreeOSMemory) each time releaseAfter
// more bytes were allocated: an idle screen allocates nothing and never
// pays for it.
const releaseAfter = 256 << 10

// releaser returns the heap's garbage to the operating system.
type releaser struct {
	allocs [1]metrics.Sample
	mark   uint64 // allocated bytes at the last release
}

func newReleaser() *releaser {
	return &releaser{allocs: [1]metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}}
}

// check releases when releaseAfter bytes were allocated since the last
// release.
func (r *releaser) check() {
	metrics.Read(r.allocs[:])
	v := r.allocs[0].Value
	if v.Kind() != metrics.KindUint64 {
		return
	}
	if n := v.Uint64(); n-r.mark > releaseAfter {
		debug.FreeOSMemory()
		r.mark = n
	}
}
