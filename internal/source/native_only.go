//go:build !windows

package source

import "fmt"

// nativeModeOnly rejects the Windows-only modes on other systems.
func nativeModeOnly(opts Options, system string) error {
	if opts.Mode != ModeNative {
		return fmt.Errorf("%s is for Windows only: %w (%s counts lo like any interface)", opts.Mode, ErrLoopbackNative, system)
	}
	return nil
}
