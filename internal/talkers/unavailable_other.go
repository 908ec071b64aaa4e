//go:build !linux && !darwin && !windows

package talkers

import "errors"

// openSource reports that this system has no source.
func openSource() (reader, resolver, error) {
	return nil, nil, errors.New("talkers: not available on this system")
}
