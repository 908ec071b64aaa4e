package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

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
		return 0, fmt.Errorf("%w %q: want six hex digits such as 00d7ff, 0x00d7ff or #00d7ff", errColor, s)
	}
	for _, c := range hex {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return 0, fmt.Errorf("%w %q: %q is not a hex digit", errColor, s, c)
		}
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("%w %q: %v", errColor, s, err)
	}
	return uint32(v), nil
}
