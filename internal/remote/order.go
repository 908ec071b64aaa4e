package remote

import (
	"sort"

	"github.com/winload/winload/internal/source"
)

// The sorts below use sort.Sort, which the rest of winload links already,
// rather than slices.SortFunc: each slices.SortFunc over a new struct type
// adds a generic copy of pdqsort, about 20 KB of binary per type (and every
// KB of binary is resident in every run; see README, "Many machines").

// byName orders devices by name.
type byName []source.Device

func (d byName) Len() int           { return len(d) }
func (d byName) Less(i, j int) bool { return d[i].Name < d[j].Name }
func (d byName) Swap(i, j int)      { d[i], d[j] = d[j], d[i] }

// sortDevices sorts devices by name.
func sortDevices(devs []source.Device) { sort.Sort(byName(devs)) }

// byNameEval orders readings by device name, then evaluation time.
type byNameEval []readingKey

func (k byNameEval) Len() int { return len(k) }
func (k byNameEval) Less(i, j int) bool {
	if k[i].name != k[j].name {
		return k[i].name < k[j].name
	}
	return k[i].eval < k[j].eval
}
func (k byNameEval) Swap(i, j int) { k[i], k[j] = k[j], k[i] }
