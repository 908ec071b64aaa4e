package talkers

import "errors"

// openSource reports that Windows has no source yet: owners from
// GetExtendedTcpTable with bytes from Npcap or GetPerTcpConnectionEStats
// are planned, not built.
func openSource() (reader, resolver, error) {
	return nil, nil, errors.New("talkers: not available on Windows in this version (winload reads no per-connection byte counters there yet)")
}
