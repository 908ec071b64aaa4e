package cli

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/winload/winload/internal/history"
)

func TestHistoryFlags(t *testing.T) {
	env := Env{GOOS: "linux", HistoryPath: "/state/winload/history.dat"}
	for _, tc := range []struct {
		name  string
		args  []string
		want  History
		names []string
	}{
		{"defaults", nil, History{Path: "/state/winload/history.dat", MonthStart: 1}, nil},
		{"no history", []string{"--no-history"}, History{MonthStart: 1}, nil},
		{"file, month start and quotas", []string{"--history-file", "/tmp/h.db", "--month-start", "15", "--quota", "eth0=1TB", "--quota", "wlan0=2GiB", "eth0"},
			History{Path: "/tmp/h.db", MonthStart: 15, Quotas: map[string]uint64{"eth0": 1e12, "wlan0": 2 << 30}}, []string{"eth0"}},
		{"report kind and devices", []string{"--report", "monthly", "eth0", "wlan0"},
			History{Path: "/state/winload/history.dat", MonthStart: 1, Report: history.Monthly, ReportDevices: []string{"eth0", "wlan0"}}, nil},
		{"report defaults to daily", []string{"--report", "eth0"},
			History{Path: "/state/winload/history.dat", MonthStart: 1, Report: history.Daily, ReportDevices: []string{"eth0"}}, nil},
		{"check quota", []string{"--check-quota", "--quota", "eth0=5G"},
			History{Path: "/state/winload/history.dat", MonthStart: 1, Quotas: map[string]uint64{"eth0": 5 << 30}, CheckQuota: true}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse(append([]string{"--no-config"}, tc.args...), env)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.History, tc.want) {
				t.Errorf("History = %+v, want %+v", cfg.History, tc.want)
			}
			if len(cfg.Filter.Names)+len(tc.names) > 0 && !reflect.DeepEqual(cfg.Filter.Names, tc.names) {
				t.Errorf("device names = %q, want %q", cfg.Filter.Names, tc.names)
			}
		})
	}
}

func TestHistoryFlagErrors(t *testing.T) {
	env := Env{GOOS: "linux", HistoryPath: "/state/h.db"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--month-start", "29"}, `--month-start: "29" is not a day from 1 to 28`},
		{[]string{"--month-start", "x"}, `--month-start: "x" is not a day from 1 to 28`},
		{[]string{"--quota", "eth0"}, `--quota: "eth0": give DEVICE=SIZE`},
		{[]string{"--quota", "eth0=1TB/s"}, "is a rate"},
		{[]string{"--quota", "eth0=1T", "--quota", "eth0=2T"}, `"eth0" is given twice`},
		{[]string{"--history-file", " "}, "--history-file: give the path"},
		{[]string{"--history-file", "x", "--no-history"}, "exclude each other"},
		{[]string{"--check-quota"}, "--check-quota: give the quotas"},
		{[]string{"--report", "--check-quota", "--quota", "a=1G"}, "--report and --check-quota exclude each other"},
		{[]string{"--report", "--no-history"}, "leave --no-history out"},
	} {
		_, err := Parse(append([]string{"--no-config"}, tc.args...), env)
		var usage *UsageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want a usage error with %q", tc.args, err, tc.want)
		}
	}
}
