package cli

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/winload/winload/internal/settings"
)

// newFlagSet defines every flag of settings.Table. Values stay text here;
// the table's setters read them.
func newFlagSet() *pflag.FlagSet {
	fs := pflag.NewFlagSet("winload", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	for _, f := range settings.Table() {
		switch f.Kind {
		case settings.Switch:
			if f.OptArg == "" {
				fs.BoolP(f.Name, f.Short, false, f.Usage)
				break
			}
			// A switch that may take a value (--talkers=capture): the
			// table's setter reads it.
			fs.StringP(f.Name, f.Short, f.Default, f.Usage)
			fs.Lookup(f.Name).NoOptDefVal = "true"
		case settings.List:
			fs.StringArrayP(f.Name, f.Short, nil, f.Usage)
		default:
			fs.StringP(f.Name, f.Short, f.Default, f.Usage)
		}
	}
	return fs
}
