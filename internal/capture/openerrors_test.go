package capture

import (
	"errors"
	"strings"
	"syscall"
	"testing"
)

func TestOpenError(t *testing.T) {
	tests := []struct {
		name    string
		adapter string
		code    int
		msg     string
		want    error
		says    string
	}{
		{"permission code", LoopbackAdapterName, pcapErrorPermDenied, "You don't have permission to capture on that device", ErrAccessDenied, "administrator"},
		{"Windows access denied text", LoopbackAdapterName, -1, "Error opening adapter: Access is denied.  (5)", ErrAccessDenied, "Restrict Npcap driver's access"},
		{"localized text, code 5", LoopbackAdapterName, -1, "Fehler beim Öffnen: Zugriff verweigert (5)", ErrAccessDenied, "administrator"},
		{"listed adapter reported missing", LoopbackAdapterName, pcapErrorNoSuchDevice, "No such device exists", ErrAccessDenied, "admin-only"},
		{"denied while listing", "", 0, "PacketGetAdapterNames: Access is denied.", ErrAccessDenied, "listing Npcap adapters"},
		{"other failure", LoopbackAdapterName, -1, "driver error: not enough memory", ErrNpcapFailed, `opening Npcap adapter \Device\NPF_Loopback: driver error`},
		{"listing failure", "", 0, "PacketGetAdapterNames: The service has not been started.", ErrNpcapFailed, "listing Npcap adapters: PacketGetAdapterNames"},
		{"empty message", LoopbackAdapterName, -1, "  ", ErrNpcapFailed, "failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := openError(tt.adapter, tt.code, tt.msg)
			for _, sentinel := range []error{ErrAccessDenied, ErrNoLoopbackAdapter, ErrNpcapMissing, ErrNpcapFailed} {
				if got := errors.Is(err, sentinel); got != (sentinel == tt.want) {
					t.Errorf("errors.Is(%q, %v) = %v", err, sentinel, got)
				}
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q lacks %q", err, tt.says)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	path := `C:\Windows\System32\Npcap\wpcap.dll`
	err := loadError(path, syscall.Errno(126))
	if !errors.Is(err, ErrNpcapMissing) {
		t.Errorf("loadError = %v, want ErrNpcapMissing", err)
	}
	for _, s := range []string{path, npcapDownloadURL, "Support loopback traffic capture"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("loadError %q lacks %q", err, s)
		}
	}
	err = missingFuncError(path, "pcap_create")
	if !errors.Is(err, ErrNpcapMissing) || !strings.Contains(err.Error(), "pcap_create") {
		t.Errorf("missingFuncError = %v, want ErrNpcapMissing naming pcap_create", err)
	}
}
