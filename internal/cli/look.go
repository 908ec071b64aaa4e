package cli

import (
	"strings"

	"github.com/winload/winload/internal/ui"
	"github.com/winload/winload/internal/units"
)

// look applies the flags that decide how the screen looks.
func (p *parser) look(s *ui.Settings) error {
	v := p.v
	o := &s.Options
	o.Emoji, o.NoGraph, o.Multi = v.emoji, v.noGraph, v.multi
	var err error
	if o.Rate, err = p.unit("unit", v.unit, v.si); err != nil {
		return err
	}
	if o.Total, err = p.unit("total-unit", v.totalUnit, v.si); err != nil {
		return err
	}
	if o.Graph, err = p.graphStyle(); err != nil {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(v.bar)) {
	case "fill":
		o.Bar = ui.BarFill
	case "color", "colour":
		o.Bar = ui.BarColor
	case "plain":
		o.Bar = ui.BarPlain
	default:
		return p.fail("bar-style", "%q is not a style; use fill, color or plain", v.bar)
	}
	if o.InColor, err = p.colour("in-color", v.inColor); err != nil {
		return err
	}
	if o.OutColor, err = p.colour("out-color", v.outColor); err != nil {
		return err
	}
	both, err := p.rate("max", v.max)
	if err != nil {
		return err
	}
	o.InMax, o.OutMax = both, both
	if v.inMax != "" {
		if o.InMax, err = p.rate("in-max", v.inMax); err != nil {
			return err
		}
	}
	if v.outMax != "" {
		if o.OutMax, err = p.rate("out-max", v.outMax); err != nil {
			return err
		}
	}
	return nil
}

// graphStyles names the --graph choices in order.
var graphStyles = []string{"ascii", "unicode", "block", "braille"}

func (p *parser) graphStyle() (ui.GraphStyle, error) {
	name := strings.ToLower(strings.TrimSpace(p.v.graph))
	style := -1
	for i, n := range graphStyles {
		if n == name {
			style = i
		}
	}
	if style < 0 {
		return 0, p.fail("graph", "%q is not a graph style; use ascii, unicode, block or braille", p.v.graph)
	}
	if p.v.unicode {
		if p.fs.Changed("graph") && name != "unicode" {
			return 0, p.fail("unicode", "conflicts with --graph %s; give one of them", name)
		}
		style = int(ui.GraphUnicode)
	}
	return ui.GraphStyle(style), nil
}

// unitLetters maps nload's unit letters to a format: lower case bits,
// upper case bytes, h/H human-readable (automatic prefix).
var unitLetters = map[string]units.Format{
	"h": {Bits: true}, "H": {},
	"b": {Bits: true, Prefix: units.None}, "B": {Prefix: units.None},
	"k": {Bits: true, Prefix: units.Kilo}, "K": {Prefix: units.Kilo},
	"m": {Bits: true, Prefix: units.Mega}, "M": {Prefix: units.Mega},
	"g": {Bits: true, Prefix: units.Giga}, "G": {Prefix: units.Giga},
	"t": {Bits: true, Prefix: units.Tera}, "T": {Prefix: units.Tera},
	"p": {Bits: true, Prefix: units.Peta}, "P": {Prefix: units.Peta},
}

// unit reads a unit flag: bit, byte or one of nload's letters.
func (p *parser) unit(name, text string, si bool) (units.Format, error) {
	t := strings.TrimSpace(text)
	f, ok := unitLetters[t]
	switch strings.ToLower(t) {
	case "bit", "bits":
		f, ok = units.Format{Bits: true}, true
	case "byte", "bytes":
		f, ok = units.Format{}, true
	}
	if !ok {
		return units.Format{}, p.fail(name, "%q is not a unit; use bit, byte, or one of h H b B k K m M g G t T p P (lower case bits, upper case bytes, h/H automatic)", text)
	}
	f.SI = si
	return f, nil
}
