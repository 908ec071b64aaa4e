package talkers

import (
	"strings"
	"testing"
)

func TestCgroupName(t *testing.T) {
	id := strings.Repeat("0123456789abcdef", 4)
	tests := []struct{ text, want string }{
		{"0::/system.slice/ssh.service\n", "ssh.service"},
		{"0::/user.slice/user-1000.slice/session-3.scope\n", "session-3.scope"},
		{"0::/system.slice/docker-" + id + ".scope\n", "docker-0123456789ab.scope"},
		{"12:cpu,cpuacct:/docker/" + id + "\n1:name=systemd:/docker/" + id + "\n", "0123456789ab"},
		{"3:memory:/x/y\n1:name=systemd:/system.slice/cron.service\n", "cron.service"},
		{"3:memory:/x/y\n", "y"},
		{"0::/\n", "/"},
		{"0::/a/" + id + "0\n", id + "0"},
		{"", ""},
		{"garbage", ""},
	}
	for _, tt := range tests {
		if got := cgroupName(tt.text); got != tt.want {
			t.Errorf("cgroupName(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzCgroupName(f *testing.F) {
	f.Add("0::/system.slice/docker-" + strings.Repeat("a", 64) + ".scope\n")
	f.Add("1:name=systemd:/user.slice\n")
	f.Fuzz(func(t *testing.T, text string) {
		name := cgroupName(text)
		if len(name) > len(text) || strings.Contains(name, "\n") {
			t.Fatalf("cgroupName(%q) = %q", text, name)
		}
	})
}
