//go:build !linux && !windows

package talkers

import "errors"

// openCapture reports that the packet capture of talkers is Linux's
// and Windows'.
func openCapture() (reader, resolver, error) {
	return nil, nil, errors.New("talkers: the packet capture is only built for Linux and Windows")
}
