package capture

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gopacket/gopacket/layers"
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
// named \Device\NPF_Loopback, else the first that delivers DLT_NULL frames
// as probe reports them (Npcap before 1.0 named its loopback adapter by a
// GUID). A description is never trusted: Microsoft's "KM-TEST Loopback
// Adapter" is an Ethernet adapter. probe is called only when no adapter has
// the name; its failures count as "not this one". When there is none, the
// error is the first probe's refusal of access (ErrAccessDenied), since
// then the adapters could not be told apart, or else wraps
// ErrNoLoopbackAdapter and lists the adapters found.
func ChooseLoopback(adapters []Adapter, probe func(Adapter) (layers.LinkType, error)) (Adapter, error) {
	for _, a := range adapters {
		if strings.EqualFold(a.Name, LoopbackAdapterName) {
			return a, nil
		}
	}
	var denied error
	for _, a := range adapters {
		link, err := probe(a)
		if err == nil && link == layers.LinkTypeNull {
			return a, nil
		}
		if denied == nil && errors.Is(err, ErrAccessDenied) {
			denied = err
		}
	}
	if denied != nil {
		return Adapter{}, denied
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
