package export

import (
	"time"

	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

var testStats = stats.Config{Interval: time.Second, Average: 10 * time.Second, History: 8}

// growing is a source whose lo grows by 1000 bytes per read.
type growing struct{ n uint64 }

func (g *growing) Read(dst []source.Device) ([]source.Device, error) {
	g.n += 1000
	return append(dst[:0], source.Device{Name: "lo", Rx: g.n, Tx: g.n}), nil
}

func (g *growing) Status() source.Status { return source.Status{} }
