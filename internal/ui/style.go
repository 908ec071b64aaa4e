package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/settings"
)

// colour returns c as a tcell colour, def when c is the default colour.
func colour(c, def settings.Color) tcell.Color {
	rgb, ok := c.RGB()
	if !ok {
		rgb, _ = def.RGB()
	}
	return tcell.NewHexColor(int32(rgb))
}

// palette holds every style one frame uses, worked out from Options.
type palette struct {
	plain, header, warn, err, help tcell.Style
	label                          [2]tcell.Style
	bar                            [2][levelCount]tcell.Style
}

func newPalette(o *settings.Options) palette {
	plain := tcell.StyleDefault
	p := palette{
		plain:  plain,
		header: plain.Bold(true),
		warn:   plain.Bold(true),
		err:    plain.Bold(true),
		help:   plain.Reverse(true),
		label:  [2]tcell.Style{plain.Bold(true), plain.Bold(true)},
	}
	if !o.Color {
		return p
	}
	p.warn = p.warn.Foreground(tcell.ColorYellow)
	p.err = p.err.Foreground(tcell.ColorRed)
	colors := [2]tcell.Color{colour(o.InColor, settings.DefaultInColor), colour(o.OutColor, settings.DefaultOutColor)}
	for d, c := range colors {
		p.label[d] = p.label[d].Foreground(c)
		if o.Bar == settings.BarPlain {
			continue
		}
		part := plain.Foreground(c)
		full := part
		if o.Bar == settings.BarFill {
			full = full.Background(c)
		}
		p.bar[d] = [levelCount]tcell.Style{plain, part, part, part, full}
	}
	return p
}

// styleID returns a small number (1 to 7) that stands for st when it is
// one of the palette's text styles, and 0 otherwise.
func (p *palette) styleID(st tcell.Style) uint8 {
	switch st {
	case p.plain:
		return 1
	case p.header:
		return 2
	case p.warn:
		return 3
	case p.err:
		return 4
	case p.help:
		return 5
	case p.label[0]:
		return 6
	case p.label[1]:
		return 7
	}
	return 0
}
