//go:build !windows

package talkers

// openAuto opens the packet capture when allowed, else the socket
// statistics.
func openAuto() (reader, resolver, error) {
	if rd, res, err := openCapture(); err == nil {
		return rd, res, nil
	}
	return openSource()
}
