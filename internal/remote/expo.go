package remote

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/winload/winload/internal/source"
)

// scheme is how one kind of exporter names its interface byte counters.
type scheme struct {
	rx, tx, label string
}

// schemes are the exporters understood, in the order they are looked
// for: another winload, node_exporter, windows_exporter.
var schemes = [...]scheme{
	{"winload_network_receive_bytes_total", "winload_network_transmit_bytes_total", "device"},
	{"node_network_receive_bytes_total", "node_network_transmit_bytes_total", "device"},
	{"windows_net_bytes_received_total", "windows_net_bytes_sent_total", "nic"},
}

// errNoCounters is returned for an answer without interface byte counters.
var errNoCounters = errors.New("no interface byte counters in the answer (node_network_receive_bytes_total, windows_net_bytes_received_total or winload_network_receive_bytes_total)")

// parseExposition reads an answer in Prometheus' text format and returns
// the devices of the first scheme found, named host/DEVICE, sorted, each
// with the time its counters were taken: the sample's own timestamp when
// the exposition has one, else at.
func parseExposition(r io.Reader, host string, at time.Time) ([]source.Device, error) {
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(r)
	if err != nil {
		return nil, fmt.Errorf("not Prometheus text format: %w", err)
	}
	for _, s := range schemes {
		rx, tx := families[s.rx], families[s.tx]
		if rx == nil && tx == nil {
			continue
		}
		c := collector{host: host, at: at, label: s.label}
		if err := c.add(rx, false); err != nil {
			return nil, err
		}
		if err := c.add(tx, true); err != nil {
			return nil, err
		}
		return c.devices(), nil
	}
	return nil, errNoCounters
}

// collector gathers the receive and transmit series of one answer into
// devices.
type collector struct {
	host  string
	at    time.Time
	label string
	devs  []source.Device
}

func (c *collector) add(f *dto.MetricFamily, transmit bool) error {
	if f == nil {
		return nil
	}
	for _, m := range f.GetMetric() {
		name := labelValue(m, c.label)
		if name == "" {
			continue
		}
		v, err := counterValue(f.GetName(), m)
		if err != nil {
			return err
		}
		at := c.at
		if m.TimestampMs != nil {
			at = time.UnixMilli(m.GetTimestampMs())
		}
		d := c.device(c.host+"/"+name, at)
		if transmit {
			d.Tx = v
		} else {
			d.Rx = v
		}
	}
	return nil
}

func (c *collector) device(name string, at time.Time) *source.Device {
	for i := range c.devs {
		if c.devs[i].Name == name {
			return &c.devs[i]
		}
	}
	c.devs = append(c.devs, source.Device{Name: name, At: at})
	return &c.devs[len(c.devs)-1]
}

func (c *collector) devices() []source.Device {
	slices.SortFunc(c.devs, func(a, b source.Device) int { return strings.Compare(a.Name, b.Name) })
	return c.devs
}

func labelValue(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// counterValue reads a counter (or untyped or gauge) sample as a byte count.
func counterValue(family string, m *dto.Metric) (uint64, error) {
	var v float64
	switch {
	case m.Counter != nil:
		v = m.Counter.GetValue()
	case m.Untyped != nil:
		v = m.Untyped.GetValue()
	case m.Gauge != nil:
		v = m.Gauge.GetValue()
	default:
		return 0, fmt.Errorf("%s is not a counter", family)
	}
	return byteCount(family, v)
}

// maxExact is the largest float64 that converts to uint64 without
// overflow (2^64 is not one).
const maxExact = 1 << 64

// byteCount converts a sample value to a counter; negative, infinite and
// NaN values are refused.
func byteCount(family string, v float64) (uint64, error) {
	if math.IsNaN(v) || v < 0 || v >= maxExact {
		return 0, fmt.Errorf("%s has the value %v, not a byte count", family, v)
	}
	return uint64(v), nil
}
