package history

import (
	"errors"
	"fmt"
	"strings"

	"github.com/winload/winload/internal/units"
)

// ParseQuota reads a --quota value DEVICE=SIZE, such as eth0=1TB or
// wlan0=500GiB: SIZE in the units of --max (1TB is 10^12 bytes, 1TiB and
// a bare 1T are 2^40), without "/s".
func ParseQuota(text string) (device string, bytes uint64, err error) {
	device, size, ok := strings.Cut(text, "=")
	device, size = strings.TrimSpace(device), strings.TrimSpace(size)
	switch {
	case !ok:
		return "", 0, errors.New("give DEVICE=SIZE, such as eth0=1TB")
	case device == "":
		return "", 0, errors.New("the device name before = is missing")
	case size == "":
		return "", 0, fmt.Errorf("the size after %s= is missing", device)
	}
	lower := strings.ToLower(size)
	if strings.HasSuffix(lower, "/s") || strings.HasSuffix(lower, "ps") {
		return "", 0, fmt.Errorf("%q is a rate; a quota is an amount such as 1TB or 500GiB", size)
	}
	v, err := units.ParseRate(size)
	if err != nil {
		return "", 0, fmt.Errorf("size %q: use a number with k, M, G, T or P and B, such as 1TB or 500GiB", size)
	}
	if v < 1 {
		return "", 0, fmt.Errorf("size %q is less than a byte", size)
	}
	return device, uint64(v), nil
}
