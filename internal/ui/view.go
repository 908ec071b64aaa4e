package ui

import (
	"math"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// View paints what a Model shows: the selected device, or in the multi
// view (Options.Multi) the page of devices that holds it. It remembers a
// fingerprint of what it painted last and leaves the screen alone when the
// next frame would be the same, as it is on every tick of an idle device:
// painting is most of winload's CPU. Run paints through a View; the zero
// value is ready to use. A View keeps scratch frames between calls, so
// painting allocates nothing.
type View struct {
	f   frame.Frame // the selected device, after Paint
	buf frame.Frame // scratch for the multi view's other devices

	// Set by Run before each Paint: the last sampling error ("" after a
	// success; a frame's own Error wins) and the screen's own note.
	errText string
	note    note

	eff    settings.Options // the options as drawn, after the glyph fallback
	glyphs glyphCheck
	cells  shadow // what the screen's cells hold, when valid
	last   viewKey
	valid  bool    // last describes what the screen holds
	hashes viewSum // scratch
}

// viewKey is everything a painted frame depends on: the screen size, the
// options, the note, and a hash of the frames drawn (their texts, numbers
// and the graph values).
type viewKey struct {
	w, h int
	o    settings.Options
	note note
	sum  uint64
}

// Paint paints the frame on s with the options o unless it is the one
// painted last, and reports whether it painted. The caller calls Show
// (or Sync) when it did.
//
// What the terminal cannot show falls back to what it can: a graph whose
// characters it lacks is drawn in ASCII, emoji are left out, and the
// header says so; so does it when the screen was opened with a basic
// terminal definition (NewScreen).
func (v *View) Paint(s tcell.Screen, m Model, o *settings.Options) bool {
	v.frame(m)
	v.eff = *o // in v, not on the stack: the drawing would move it to the heap
	eff := &v.eff
	n := v.note
	n.hint = joinHints(screenHint(s), v.glyphs.fallback(s, eff))
	k := v.key(s, m, eff, n)
	if v.valid && k == v.last {
		return false
	}
	if !v.valid || k.w != v.last.w || k.h != v.last.h || k.o != v.last.o {
		v.cells.reset(k.w, k.h)
	}
	if h, ok := s.(*hintScreen); ok {
		s = h.Screen // the screen tcell made, which offers its cell buffer
	}
	if eff.Multi {
		drawMultiShadowed(s, m, &v.f, &v.buf, eff, n, &v.cells)
	} else {
		drawShadowed(s, &v.f, eff, n, &v.cells)
	}
	v.last, v.valid = k, true
	return true
}

// invalidate makes the next Paint paint, as after something else drew on
// the screen or the terminal was cleared.
func (v *View) invalidate() { v.valid = false }

// frame fills v.f with the selected device and the sampling error.
func (v *View) frame(m Model) {
	v.f.Error = ""
	m.Frame(&v.f)
	if v.f.Error == "" {
		v.f.Error = v.errText
	}
}

// key returns the fingerprint of the frame Paint would draw now; v.f must
// be current. It hashes the graph values the graph shows, and in the
// multi view the devices of the page shown.
func (v *View) key(s tcell.Screen, m Model, o *settings.Options, n note) viewKey {
	w, h := s.Size()
	k := viewKey{w: w, h: h, o: *o, note: n}
	sum := &v.hashes
	sum.reset()
	per := valuesPerCell(o.Graph)
	// Only the Unicode graph draws a zero (a trace) unlike a missing value.
	sum.zeroIsNaN = o.Graph != settings.GraphUnicode
	tails := v.cells.tails[:0]
	defer func() { v.cells.tails = tails }()
	if !o.Multi {
		lay := newLayout(w, h, v.f.Warning != "" || v.f.Error != "" || n.text != "", o.NoGraph, statsWidth(o))
		if !lay.small {
			in, out := sum.frame(&v.f, lay.graphW*per, lay.graphW*per)
			tails = append(tails, in, out)
		}
		k.sum = sum.h
		return k
	}
	count := m.Len()
	lay := newMultiLayout(w, h, v.f.Error != "" || n.text != "", o, count)
	if lay.small {
		return k
	}
	sum.int(count)
	sum.frame(&v.f, 0, 0)
	first := lay.pageOf(v.f.Index, count) * lay.perPage
	for i := first; i < min(count, first+lay.perPage); i++ {
		m.FrameAt(i, &v.buf)
		in, out := sum.frame(&v.buf, lay.strips[0].graphW*per, lay.strips[1].graphW*per)
		tails = append(tails, in, out)
	}
	k.sum = sum.h
	return k
}

// joinHints joins two header notes with a space.
func joinHints(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// viewSum hashes the data of frames in the manner of FNV-1a, a 64-bit
// word at a time: every step is a bijection of the state, so a frame that
// differs from the last in one word always hashes differently.
type viewSum struct {
	h         uint64
	zeroIsNaN bool // a graph value of 0 looks like a missing one
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func (s *viewSum) reset() { s.h = fnvOffset }

func (s *viewSum) uint(u uint64) {
	s.h ^= u
	s.h *= fnvPrime
}

func (s *viewSum) int(i int)         { s.uint(uint64(i)) }
func (s *viewSum) float(f float64)   { s.uint(math.Float64bits(f)) }
func (s *viewSum) string(str string) { s.int(len(str)); s.bytes(str) }

func (s *viewSum) bool(b bool) {
	if b {
		s.uint(1)
	} else {
		s.uint(0)
	}
}

func (s *viewSum) bytes(str string) {
	for i := 0; i < len(str); i++ {
		s.h ^= uint64(str[i])
		s.h *= fnvPrime
	}
}

// frame hashes f with the last nIn and nOut values of its graphs and
// returns the sums of those.
func (s *viewSum) frame(f *frame.Frame, nIn, nOut int) (in, out tailSum) {
	s.string(f.Device)
	s.string(f.Addr)
	s.int(f.Index)
	s.int(f.Count)
	s.bool(f.Gone)
	s.string(f.Tag)
	s.string(f.Detail)
	s.string(f.Warning)
	s.string(f.Error)
	return s.direction(&f.In, nIn), s.direction(&f.Out, nOut)
}

// tailSum is what View.key worked out of the last n values of one
// direction's graph for the drawing: their hash, which differs from the
// last frame's whenever a value differs that the graph shows
// differently, and their peak (visiblePeak).
type tailSum struct {
	n    int
	hash uint64
	peak float64
}

// direction hashes d with the last n values of its graph (as valueAt
// reads them: NaN where there is none yet) and returns their sum.
func (s *viewSum) direction(d *frame.Direction, n int) tailSum {
	s.float(d.Curr)
	s.float(d.Avg)
	s.float(d.Min)
	s.float(d.Max)
	s.uint(d.Total)
	s.bool(d.Valid)
	last := 0
	if d.History != nil {
		last = d.History.Len()
	}
	t := tailSum{n: n, hash: fnvOffset}
	for i := last - n; i < last; i++ {
		x := valueAt(d.History, i)
		if x > t.peak && !math.IsInf(x, 1) {
			t.peak = x
		}
		if s.zeroIsNaN && x == 0 {
			x = math.NaN()
		}
		t.hash ^= math.Float64bits(x)
		t.hash *= fnvPrime
	}
	s.uint(t.hash)
	return t
}
