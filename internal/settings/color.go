package settings

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Color is a 24-bit RGB colour, or the zero value for "the default".
type Color uint32

// colorSet marks a Color that holds a colour.
const colorSet Color = 1 << 24

// RGB returns the colour 0xRRGGBB (higher bits are ignored).
func RGB(rgb uint32) Color { return colorSet | Color(rgb&0xffffff) }

// RGB returns the colour as 0xRRGGBB, and false for the default colour.
func (c Color) RGB() (uint32, bool) { return uint32(c & 0xffffff), c&colorSet != 0 }

// String returns the colour as six hex digits, "default" for the zero Color.
func (c Color) String() string {
	rgb, ok := c.RGB()
	if !ok {
		return "default"
	}
	return fmt.Sprintf("%06x", rgb)
}

// errColor is wrapped by every error ParseColor returns.
var errColor = errors.New("invalid colour")

// ParseColor reads a 24-bit colour written as RRGGBB, 0xRRGGBB or #RRGGBB
// (hex digits in either case) and returns it as 0xRRGGBB.
func ParseColor(s string) (uint32, error) {
	hex := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(hex, "0x"), strings.HasPrefix(hex, "0X"):
		hex = hex[2:]
	case strings.HasPrefix(hex, "#"):
		hex = hex[1:]
	}
	if len(hex) != 6 {
		return 0, fmt.Errorf("%w %s: want six hex digits such as 00d7ff, 0x00d7ff or #00d7ff", errColor, Quote(s))
	}
	for _, c := range hex {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return 0, fmt.Errorf("%w %s: %q is not a hex digit", errColor, Quote(s), c)
		}
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("%w %s: %v", errColor, Quote(s), err)
	}
	return uint32(v), nil
}
