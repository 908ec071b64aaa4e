package capture

import (
	"errors"
	"strings"
	"testing"
)

func TestChooseLoopback(t *testing.T) {
	eth := Adapter{`\Device\NPF_{9080DB6C-2C39-480B-895F-49715A318BA0}`, "Intel(R) Ethernet Connection"}
	npf := Adapter{`\Device\NPF_Loopback`, "Adapter for loopback traffic capture"}
	byDesc := Adapter{`\Device\NPF_{0000}`, "Some LOOPBACK adapter"}
	tests := []struct {
		name string
		in   []Adapter
		want Adapter
	}{
		{"by name", []Adapter{eth, npf}, npf},
		{"name case ignored", []Adapter{eth, {`\device\npf_loopback`, ""}}, Adapter{`\device\npf_loopback`, ""}},
		{"name beats an earlier description", []Adapter{byDesc, npf}, npf},
		{"by description, any case", []Adapter{eth, byDesc}, byDesc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ChooseLoopback(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ChooseLoopback = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestChooseLoopbackMissingListsAdapters(t *testing.T) {
	found := []Adapter{
		{`\Device\NPF_{AAA}`, "Intel(R) Ethernet Connection"},
		{`\Device\NPF_{BBB}`, ""},
	}
	_, err := ChooseLoopback(found)
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
	_, err := ChooseLoopback(nil)
	if !errors.Is(err, ErrNoLoopbackAdapter) || !strings.Contains(err.Error(), "no adapters") {
		t.Errorf("err = %v, want ErrNoLoopbackAdapter saying no adapters were listed", err)
	}
}
