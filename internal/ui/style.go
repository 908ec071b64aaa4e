package ui

import "github.com/gdamore/tcell/v2"

// palette holds every style one frame uses, worked out from Options.
type palette struct {
	plain, header, warn, err, help tcell.Style
	label                          [2]tcell.Style
	bar                            [2][levelCount]tcell.Style
}

func newPalette(o *Options) palette {
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
	colors := [2]tcell.Color{o.InColor, o.OutColor}
	defaults := [2]tcell.Color{DefaultInColor, DefaultOutColor}
	for d, c := range colors {
		if c == tcell.ColorDefault {
			c = defaults[d]
		}
		p.label[d] = p.label[d].Foreground(c)
		if o.Bar == BarPlain {
			continue
		}
		part := plain.Foreground(c)
		full := part
		if o.Bar == BarFill {
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
