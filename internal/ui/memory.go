package ui

import (
	"runtime/debug"
	"runtime/metrics"
)

// A releaser collects and hands the free heap pages back to the system
// (debug.FreeOSMemory) each time releaseAfter more bytes were allocated;
// an idle screen allocates nothing and never pays for it. With tcell's
// garbage per drawn cell gone (third_party/tcell/PATCHES.md) it runs about
// once in 20 s on a busy plain screen at 100 ms and every few seconds with
// 1,000 interfaces, whose sampling allocates; over minutes it keeps the
// peak resident memory 0.15-0.5 MiB lower for no measurable CPU
// (docs/benchmarks.md).
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
