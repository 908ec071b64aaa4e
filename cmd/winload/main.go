// Command winload shows the network load of an interface in the terminal:
// incoming traffic above, outgoing below, with their statistics.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/gdamore/tcell/v2"
	"golang.org/x/term"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/report"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/ui"
)

// version is set by the Makefile through -ldflags; otherwise the module
// version from the build information is shown.
var version string

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := cli.Parse(args, runtime.GOOS)
	if err != nil {
		fmt.Fprintf(stderr, "winload: %v\n", err)
		return exitUsage
	}
	switch {
	case cfg.Help:
		fmt.Fprint(stdout, cli.Usage())
		return exitOK
	case cfg.Version:
		fmt.Fprintf(stdout, "winload %s\n", buildVersion())
		return exitOK
	}
	if !cfg.DebugInfo && !isTerminal(stdout) {
		fmt.Fprintln(stderr, "winload: standard output is not a terminal; run winload in a terminal (--debug-info prints the counters once)")
		return exitUsage
	}

	src, err := source.Open(cfg.Source)
	if err != nil {
		fmt.Fprintf(stderr, "winload: %v\n", err)
		return exitUsage
	}
	defer src.Close()

	if cfg.DebugInfo {
		devs, err := src.Read(nil)
		if err == nil {
			err = report.DebugInfo(stdout, devs, src.Status())
		}
		if err != nil {
			fmt.Fprintf(stderr, "winload: %v\n", err)
			return exitError
		}
		return exitOK
	}

	mon, err := monitor.New(src, cfg.Stats, source.IsLoopback)
	if err != nil {
		fmt.Fprintf(stderr, "winload: %v\n", err)
		return exitUsage
	}
	if err := mon.Sample(time.Now()); err != nil {
		fmt.Fprintf(stderr, "winload: %v\n", err)
		return exitError
	}
	if cfg.Device != "" {
		if err := mon.Select(cfg.Device); err != nil {
			fmt.Fprintf(stderr, "winload: -d/--device: %v\n", err)
			return exitUsage
		}
	}

	screen, err := tcell.NewScreen()
	if err != nil {
		fmt.Fprintf(stderr, "winload: cannot use this terminal: %v\n", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	if err := ui.Run(ctx, screen, mon, cfg.UI, cfg.Stats.Interval); err != nil {
		fmt.Fprintf(stderr, "winload: %v\n", err)
		return exitError
	}
	return exitOK
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

