package capture

import (
	"errors"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/layers"
)

// probeTable answers a probe from a table of link types; adapters not in
// it fail to open.
func probeTable(links map[string]layers.LinkType, probed *[]string) func(Adapter) (layers.LinkType, error) {
	return func(a Adapter) (layers.LinkType, error) {
		*probed = append(*probed, a.Name)
		if l, ok := links[a.Name]; ok {
			return l, nil
		}
		return 0, errors.New("cannot open")
	}
}

func TestChooseLoopback(t *testing.T) {
	eth := Adapter{`\Device\NPF_{9080DB6C-2C39-480B-895F-49715A318BA0}`, "Intel(R) Ethernet Connection"}
	npf := Adapter{`\Device\NPF_Loopback`, "Adapter for loopback traffic capture"}
	kmTest := Adapter{`\Device\NPF_{5B0E3C41-0000-4E3A-9B1B-7A6C2F0D1E11}`, "Microsoft KM-TEST Loopback Adapter"}
	oldNpcap := Adapter{`\Device\NPF_{0B5E7D2A-6E47-4B4B-9C07-2D8F5A0C3E21}`, "Npcap Loopback Adapter"}
	links := map[string]layers.LinkType{
		eth.Name: layers.LinkTypeEthernet, kmTest.Name: layers.LinkTypeEthernet,
		oldNpcap.Name: layers.LinkTypeNull, npf.Name: layers.LinkTypeNull,
	}
	tests := []struct {
		name   string
		in     []Adapter
		want   Adapter
		probes int
	}{
		{"by name, nothing probed", []Adapter{eth, npf}, npf, 0},
		{"name case ignored", []Adapter{eth, {`\device\npf_loopback`, ""}}, Adapter{`\device\npf_loopback`, ""}, 0},
		{"name beats an earlier DLT_NULL adapter", []Adapter{oldNpcap, npf}, npf, 0},
		{"KM-TEST Loopback Adapter is Ethernet, skipped", []Adapter{kmTest, oldNpcap}, oldNpcap, 2},
		{"old Npcap's GUID-named adapter by link type", []Adapter{eth, oldNpcap}, oldNpcap, 2},
		{"adapter that fails to open skipped", []Adapter{{`\Device\NPF_{DEAD}`, "loopback"}, oldNpcap}, oldNpcap, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probed []string
			got, err := ChooseLoopback(tt.in, probeTable(links, &probed))
			if err != nil || got != tt.want {
				t.Errorf("ChooseLoopback = %v, %v; want %v", got, err, tt.want)
			}
			if len(probed) != tt.probes {
				t.Errorf("probed %v, want %d probes", probed, tt.probes)
			}
		})
	}
}

func TestChooseLoopbackNeverByDescription(t *testing.T) {
	kmTest := Adapter{`\Device\NPF_{5B0E3C41}`, "Microsoft KM-TEST Loopback Adapter"}
	var probed []string
	_, err := ChooseLoopback([]Adapter{kmTest}, probeTable(map[string]layers.LinkType{kmTest.Name: layers.LinkTypeEthernet}, &probed))
	if !errors.Is(err, ErrNoLoopbackAdapter) {
		t.Errorf("err = %v; an Ethernet adapter described as loopback must not be chosen", err)
	}
}

func TestChooseLoopbackProbeDenied(t *testing.T) {
	guid := Adapter{`\Device\NPF_{0B5E7D2A}`, "Npcap Loopback Adapter"}
	denied := openError(guid.Name, pcapErrorPermDenied, "Access is denied.")
	_, err := ChooseLoopback([]Adapter{guid}, func(Adapter) (layers.LinkType, error) { return 0, denied })
	if !errors.Is(err, ErrAccessDenied) {
		t.Errorf("err = %v; a probe refused access must say so, not that no loopback adapter exists", err)
	}
}

func TestChooseLoopbackMissingListsAdapters(t *testing.T) {
	found := []Adapter{
		{`\Device\NPF_{AAA}`, "Intel(R) Ethernet Connection"},
		{`\Device\NPF_{BBB}`, ""},
	}
	var probed []string
	_, err := ChooseLoopback(found, probeTable(nil, &probed))
	if !errors.Is(err, ErrNoLoopbackAdapter) {
		t.Fatalf("err = %v, want ErrNoLoopbackAdapter", err)
	}
	msg := err.Error()
	for _, s := range []string{`\Device\NPF_{AAA} (Intel(R) Ethernet Connection)`, `\Device\NPF_{BBB}`, "Support loopback traffic capture", npcapDownloadURL} {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q lacks %q", msg, s)
		}
	}
}

func TestChooseLoopbackNoAdapters(t *testing.T) {
	var probed []string
	_, err := ChooseLoopback(nil, probeTable(nil, &probed))
	if !errors.Is(err, ErrNoLoopbackAdapter) || !strings.Contains(err.Error(), "no adapters") {
		t.Errorf("err = %v, want ErrNoLoopbackAdapter saying no adapters were listed", err)
	}
}
