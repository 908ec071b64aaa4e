package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/settings"
)

// The default panel colours as tcell draws them.
const (
	defaultIn  = tcell.ColorValid | tcell.ColorIsRGB | 0x00d7ff
	defaultOut = tcell.ColorValid | tcell.ColorIsRGB | 0xffaf00
)

// graphCells returns the cells of one panel's graph that show glyph g.
func graphCells(t *testing.T, s tcell.SimulationScreen, dir int, warn bool, g string) []tcell.SimCell {
	t.Helper()
	cells, w, h := s.GetContents()
	lay := newLayout(w, h, warn, false, 21)
	var out []tcell.SimCell
	for y := lay.panelTop[dir] + 1; y <= lay.panelTop[dir]+lay.graphRows; y++ {
		for x := 0; x < lay.graphW; x++ {
			if c := cells[y*w+x]; string(c.Runes) == g {
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %q cell in panel %d", g, dir)
	}
	return out
}

func drawSample(t *testing.T, w, h int, o settings.Options) tcell.SimulationScreen {
	t.Helper()
	s := newSim(t, w, h)
	f := sampleFrame()
	draw(s, &f, &o, note{})
	s.Show()
	return s
}

func TestBarFillColours(t *testing.T) {
	s := drawSample(t, 120, 40, settings.Defaults().Options)
	for dir, c := range []tcell.Color{defaultIn, defaultOut} {
		for _, cell := range graphCells(t, s, dir, false, "#") {
			if fg, bg, _ := cell.Style.Decompose(); fg != c || bg != c {
				t.Fatalf("panel %d full cell: fg %v bg %v, want both %v", dir, fg, bg, c)
			}
		}
		for _, g := range []string{"|", "."} {
			for _, cell := range graphCells(t, s, dir, false, g) {
				if fg, bg, _ := cell.Style.Decompose(); fg != c || bg != tcell.ColorDefault {
					t.Fatalf("panel %d %q cell: fg %v bg %v, want fg %v on default", dir, g, fg, bg, c)
				}
			}
		}
		for _, cell := range graphCells(t, s, dir, false, " ") {
			if cell.Style != tcell.StyleDefault {
				t.Fatalf("panel %d empty cell has style %v", dir, cell.Style)
			}
		}
	}
}

func TestBarColorAndCustomColours(t *testing.T) {
	o := settings.Defaults().Options
	o.Bar = settings.BarColor
	o.InColor = settings.RGB(0x123456)
	o.OutColor = 0 // falls back to the default gold
	s := drawSample(t, 120, 40, o)
	custom := tcell.NewHexColor(0x123456)
	for dir, c := range []tcell.Color{custom, defaultOut} {
		for _, cell := range graphCells(t, s, dir, false, "#") {
			if fg, bg, _ := cell.Style.Decompose(); fg != c || bg != tcell.ColorDefault {
				t.Fatalf("panel %d full cell: fg %v bg %v, want fg %v on default", dir, fg, bg, c)
			}
		}
	}
	lay := newLayout(120, 40, false, false, 21)
	if fg, _, _ := styleAt(s, 0, lay.panelTop[0]).Decompose(); fg != custom {
		t.Errorf("incoming label fg %v, want %v", fg, custom)
	}
}

func TestBarPlainHasNoGraphColour(t *testing.T) {
	o := settings.Defaults().Options
	o.Bar = settings.BarPlain
	s := drawSample(t, 120, 40, o)
	for dir := range 2 {
		for _, g := range []string{"#", "|", "."} {
			for _, cell := range graphCells(t, s, dir, false, g) {
				if cell.Style != tcell.StyleDefault {
					t.Fatalf("panel %d %q cell has style %v", dir, g, cell.Style)
				}
			}
		}
	}
}

func TestNoColour(t *testing.T) {
	o := settings.Defaults().Options
	o.Color = false
	o.Graph = settings.GraphUnicode
	s := newSim(t, 120, 40)
	f := sampleFrame()
	f.Warning = "warning"
	f.Error = "error"
	draw(s, &f, &o, note{})
	s.Show()
	cells, _, _ := s.GetContents()
	for i, c := range cells {
		if fg, bg, _ := c.Style.Decompose(); fg != tcell.ColorDefault || bg != tcell.ColorDefault {
			t.Fatalf("cell %d (%q) has fg %v bg %v", i, string(c.Runes), fg, bg)
		}
	}
}

func TestWarningErrorAndHelpStyles(t *testing.T) {
	s := newSim(t, 80, 24)
	f := sampleFrame()
	f.Warning = "warn"
	f.Error = "oops"
	o := settings.Defaults().Options
	draw(s, &f, &o, note{})
	s.Show()
	if fg, _, attrs := styleAt(s, 0, 2).Decompose(); fg != tcell.ColorRed || attrs&tcell.AttrBold == 0 {
		t.Errorf("error text: fg %v attrs %v, want bold red", fg, attrs)
	}
	x := len("Error: oops  ")
	if fg, _, attrs := styleAt(s, x, 2).Decompose(); fg != tcell.ColorYellow || attrs&tcell.AttrBold == 0 {
		t.Errorf("warning text: fg %v attrs %v, want bold yellow", fg, attrs)
	}
	for _, x := range []int{0, 79} {
		if _, _, attrs := styleAt(s, x, 23).Decompose(); attrs&tcell.AttrReverse == 0 {
			t.Errorf("help bar cell %d not in reverse video", x)
		}
	}
}

func TestDefaultOptions(t *testing.T) {
	o := settings.Defaults().Options
	if colour(o.InColor, 0) != defaultIn || colour(o.OutColor, 0) != defaultOut {
		t.Errorf("colours %v %v", o.InColor, o.OutColor)
	}
	if !o.Color || o.Bar != settings.BarFill || !o.Rate.Bits || o.Total.Bits || o.InMax != 0 || o.OutMax != 0 {
		t.Errorf("unexpected defaults %+v", o)
	}
}
