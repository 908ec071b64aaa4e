package talkers

import "errors"

// openSource reports that macOS has no source: its per-socket byte
// counters are only reachable by running nettop or lsof on every tick,
// which costs more than what winload watches.
func openSource() (reader, resolver, error) {
	return nil, nil, errors.New("talkers: not available on macOS (its per-connection counters need a program run per tick)")
}
