package source

import (
	"slices"
	"strings"
)

// pruneNames drops interned names of interfaces that are gone once they
// outnumber the live ones, so interface churn cannot grow the map forever.
func pruneNames(names map[string]string, live []Device) map[string]string {
	if len(names) <= 2*len(live)+16 {
		return names
	}
	fresh := make(map[string]string, len(live))
	for _, d := range live {
		fresh[d.Name] = d.Name
	}
	return fresh
}

func sortDevices(devs []Device) {
	slices.SortFunc(devs, func(a, b Device) int { return strings.Compare(a.Name, b.Name) })
}
