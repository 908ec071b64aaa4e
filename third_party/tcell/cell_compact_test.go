// Tests of winload's patch to CellBuffer (PATCHES.md): the ASCII fast
// path of Put and the compaction of the grapheme and style tables.

package tcell

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/rivo/uniseg"
)

// TestPutASCIIFastPath checks Put against uniseg for every printable
// ASCII character followed by nothing, by any ASCII byte, or by a
// combining mark.
func TestPutASCIIFastPath(t *testing.T) {
	var cb CellBuffer
	cb.Resize(4, 1)
	var nexts []string
	nexts = append(nexts, "", "\u0301", "\u200d", "é")
	for b := 0; b < 0x80; b++ {
		nexts = append(nexts, string(rune(b)))
	}
	for c := byte(' '); c <= '~'; c++ {
		for _, next := range nexts {
			str := string(c) + next + "z"
			rest, width := cb.Put(1, 0, str, StyleDefault)
			g, wantRest, wantWidth, _ := uniseg.FirstGraphemeClusterInString(str, -1)
			if rest != wantRest || width != wantWidth {
				t.Fatalf("Put(%q) = %q, %d; want %q, %d", str, rest, width, wantRest, wantWidth)
			}
			if got, _, _ := cb.Get(1, 0); got != g {
				t.Fatalf("Put(%q): the cell holds %q, want %q", str, got, g)
			}
		}
	}
}

// TestCompactKeepsCells writes far more distinct graphemes and styles
// than the tables keep and checks that every cell still reads back what
// was written last, that dirtiness is kept, and that the tables stay
// bounded.
func TestCompactKeepsCells(t *testing.T) {
	const w, h = 8, 4
	var cb CellBuffer
	cb.Resize(w, h)
	type want struct {
		str   string
		style Style
	}
	cells := make([]want, w*h)
	for i := 0; i < 20000; i++ {
		x, y := (i*7)%w, (i/w)%h
		str := string(rune(0x4e00 + i%5000)) // CJK, width 2
		if i%3 == 0 {
			str = string(rune('a' + i%26))
		}
		st := StyleDefault.Foreground(NewRGBColor(int32(i%256), int32(i/256%256), 0)).Url("u")
		if i%5 == 0 {
			st = st.Background(ColorNone) // keeps the cell's background
		}
		_, width := cb.Put(x, y, str, st)
		if width == 0 {
			t.Fatalf("Put(%q) wrote nothing", str)
		}
		_, got, _ := cb.Get(x, y)
		cells[y*w+x] = want{str, got}
		if i%11 == 0 {
			cb.SetDirty(x, y, false)
			if cb.Dirty(x, y) {
				t.Fatalf("cell %d,%d is dirty after SetDirty(false)", x, y)
			}
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			str, st, _ := cb.Get(x, y)
			if c := cells[y*w+x]; c.str != "" && (str != c.str || st != c.style) {
				t.Errorf("cell %d,%d holds %q %v, want %q %v", x, y, str, st, c.str, c.style)
			}
		}
	}
	if n := len(cb.graphemes); n > 2*minTable {
		t.Errorf("%d graphemes kept, want at most %d", n, 2*minTable)
	}
	if n := len(cb.styles); n > 2*minTable {
		t.Errorf("%d styles kept, want at most %d", n, 2*minTable)
	}
}

// TestFillResolvesColorNone checks that Fill with ColorNone keeps each
// cell's own colour, as before the patch.
func TestFillResolvesColorNone(t *testing.T) {
	var cb CellBuffer
	cb.Resize(2, 1)
	cb.Put(0, 0, "a", StyleDefault.Foreground(ColorRed).Background(ColorBlue))
	cb.Put(1, 0, "b", StyleDefault.Foreground(ColorGreen).Background(ColorYellow))
	cb.Fill('x', StyleDefault.Foreground(ColorNone).Background(ColorWhite).Bold(true))
	for x, fg := range []Color{ColorRed, ColorGreen} {
		str, st, width := cb.Get(x, 0)
		want := StyleDefault.Foreground(fg).Background(ColorWhite).Bold(true)
		if str != "x" || st != want || width != 1 {
			t.Errorf("cell %d: %q %v %d, want \"x\" %v 1", x, str, st, width, want)
		}
	}
}

// TestGoToMatchesTGoto checks goTo's own formatting of xterm's cursor
// address against TParm's.
func TestGoToMatchesTGoto(t *testing.T) {
	ti, err := LookupTerminfo("xterm-256color")
	if err != nil {
		t.Fatal(err)
	}
	if ti.SetCursor != xtermGoto {
		t.Fatalf("xterm-256color's SetCursor is %q, not xtermGoto", ti.SetCursor)
	}
	ts := &tScreen{ti: ti, buffering: true}
	for _, p := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {9, 99}, {159, 49}, {1000, 12345}, {-1, 0}} {
		ts.buf.Reset()
		ts.goTo(p[0], p[1])
		if got, want := ts.buf.String(), ti.TGoto(p[0], p[1]); got != want {
			t.Errorf("goTo(%d, %d) sent %q, TGoto gives %q", p[0], p[1], got, want)
		}
	}
}

// TestTparmMatchesTParm checks the remembered colour sequences against
// TParm for every colour of a 256-colour terminal, with the memory
// filling and clearing on the way.
func TestTparmMatchesTParm(t *testing.T) {
	ti, err := LookupTerminfo("xterm-256color")
	if err != nil {
		t.Fatal(err)
	}
	ts := &tScreen{ti: ti}
	for round := 0; round < 2; round++ {
		for c := 0; c < 256; c++ {
			if got, want := ts.tparm(ti.SetFg, 1, c, 0), ti.TParm(ti.SetFg, c); got != want {
				t.Fatalf("SetFg %d: %q, want %q", c, got, want)
			}
			if got, want := ts.tparm(ti.SetBg, 1, c, 0), ti.TParm(ti.SetBg, c); got != want {
				t.Fatalf("SetBg %d: %q, want %q", c, got, want)
			}
			if got, want := ts.tparm(ti.SetFgBg, 2, c, 255-c), ti.TParm(ti.SetFgBg, c, 255-c); got != want {
				t.Fatalf("SetFgBg %d, %d: %q, want %q", c, 255-c, got, want)
			}
		}
		if len(ts.tparms) > maxTparms {
			t.Fatalf("%d sequences remembered, want at most %d", len(ts.tparms), maxTparms)
		}
	}
}

// memTty is a terminal of a fixed size for the terminal screen: it keeps
// what is written and has no input.
type memTty struct {
	w, h    int
	out     bytes.Buffer
	drained chan struct{}
	once    sync.Once
}

func (t *memTty) Start() error                { return nil }
func (t *memTty) Stop() error                 { return nil }
func (t *memTty) Drain() error                { t.once.Do(func() { close(t.drained) }); return nil }
func (t *memTty) NotifyResize(func())         {}
func (t *memTty) Close() error                { return nil }
func (t *memTty) Write(p []byte) (int, error) { return t.out.Write(p) }
func (t *memTty) Read([]byte) (int, error) {
	<-t.drained // no input until the screen stops
	return 0, nil
}
func (t *memTty) WindowSize() (WindowSize, error) {
	return WindowSize{Width: t.w, Height: t.h}, nil
}

// memScreen returns a terminal screen for xterm-256color on a w x h
// memTty, and both.
func memScreen(t *testing.T, w, h int) (Screen, *tScreen, *memTty) {
	t.Helper()
	ti, err := LookupTerminfo("xterm-256color")
	if err != nil {
		t.Fatal(err)
	}
	tty := &memTty{w: w, h: h, drained: make(chan struct{})}
	s, err := NewTerminfoScreenFromTtyTerminfo(tty, ti)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Fini)
	return s, s.(*baseScreen).screenImpl.(*tScreen), tty
}

// TestShowWalksOnlyDirtySpans checks the terminal screen's draw, which
// walks only the rows and (in rows without a wide character) the spans
// of columns CellBuffer marks, against the same screen made to walk
// every row whole, as upstream's draw does: after the same writes (Put
// of narrow, wide and combined graphemes, SetContent, Fill, Clear,
// locks, Sync), each Show sends the same bytes, and leaves no cell dirty
// but those a wide character covers.
func TestShowWalksOnlyDirtySpans(t *testing.T) {
	const w, h = 30, 8
	s, ts, tty := memScreen(t, w, h)
	whole, wts, wtty := memScreen(t, w, h)
	r := rand.New(rand.NewPCG(5, 6))
	// Blocks of narrow graphemes only alternate with blocks that mix in
	// wide ones, so that rows go from holding wide cells to not and back.
	narrow := []string{"a", "b", " ", "e\u0301", "", "xy", "\u0301"}
	mixed := append([]string{"世", "🌐"}, narrow...)
	styles := []Style{StyleDefault, StyleDefault.Bold(true), StyleDefault.Foreground(ColorRed), StyleDefault.Reverse(true)}
	for step := 0; step < 6000; step++ {
		strs := narrow
		if step/500%2 == 1 {
			strs = mixed
		}
		x, y := r.IntN(w+2)-1, r.IntN(h+2)-1
		op, str, st := r.IntN(40), strs[r.IntN(len(strs))], styles[r.IntN(len(styles))]
		rw, rh, lock := 1+r.IntN(4), 1+r.IntN(2), r.IntN(2) == 0
		for _, s := range []Screen{s, whole} {
			switch op {
			case 0:
				s.Fill(' ', st)
			case 1:
				s.Clear()
			case 2:
				s.LockRegion(x, y, rw, rh, lock)
			case 3:
				s.Sync()
			case 4:
				s.SetContent(x, y, []rune(strs[0])[0], nil, st)
			default:
				s.Put(x, y, str, st)
			}
		}
		if r.IntN(5) != 0 {
			continue
		}
		wts.Lock()
		for y := range wts.cells.rows {
			wts.cells.rows[y].wide = true
		}
		wts.cells.markRows()
		wts.Unlock()
		tty.out.Reset()
		wtty.out.Reset()
		s.Show()
		whole.Show()
		if got, want := tty.out.String(), wtty.out.String(); got != want {
			t.Fatalf("step %d: Show sent %q, the walk of every row sends %q", step, got, want)
		}
		if cx, cy, dirty := dirtyCell(ts, w, h); dirty {
			t.Fatalf("step %d: cell %d,%d is still dirty after Show", step, cx, cy)
		}
	}
}

// dirtyCell returns the first dirty cell of ts that no wide character
// covers.
func dirtyCell(ts *tScreen, w, h int) (x, y int, dirty bool) {
	ts.Lock()
	defer ts.Unlock()
	for y := 0; y < h; y++ {
		for x := 0; x < w; {
			if ts.cells.Dirty(x, y) {
				return x, y, true
			}
			_, _, cw := ts.cells.Get(x, y)
			if cw < 1 || x > w-cw {
				cw = 1
			}
			x += cw
		}
	}
	return 0, 0, false
}
