package capture

import (
	"fmt"
	"strings"
)

// LoopbackAdapterName is the device name of Npcap's loopback adapter.
const LoopbackAdapterName = `\Device\NPF_Loopback`

// Adapter is one capture device as pcap_findalldevs lists it.
type Adapter struct {
	Name        string
	Description string
}

// String shows the adapter as "name (description)".
func (a Adapter) String() string {
	if a.Description == "" {
		return a.Name
	}
	return a.Name + " (" + a.Description + ")"
}

// ChooseLoopback picks Npcap's loopback adapter from a device list: the one
// named \Device\NPF_Loopback, else the first whose description mentions
// loopback (any case). When there is none, the error wraps
// ErrNoLoopbackAdapter and lists the adapters found.
func ChooseLoopback(adapters []Adapter) (Adapter, error) {
	for _, a := range adapters {
		if strings.EqualFold(a.Name, LoopbackAdapterName) {
			return a, nil
		}
	}
	for _, a := range adapters {
		if strings.Contains(strings.ToLower(a.Description), "loopback") {
			return a, nil
		}
	}
	return Adapter{}, noLoopbackError(adapters)
}

// noLoopbackError explains a missing loopback adapter and lists what Npcap
// offered instead.
func noLoopbackError(adapters []Adapter) error {
	if len(adapters) == 0 {
		return fmt.Errorf("%w: Npcap lists no adapters at all (is its driver service running?); %s",
			ErrNoLoopbackAdapter, reinstallAdvice)
	}
	names := make([]string, len(adapters))
	for i, a := range adapters {
		names[i] = "  " + a.String()
	}
	return fmt.Errorf("%w; %s. Adapters found:\n%s",
		ErrNoLoopbackAdapter, reinstallAdvice, strings.Join(names, "\n"))
}
