// Command winload shows the network load of an interface in the terminal:
// incoming traffic above, outgoing below, with their statistics.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"

	"golang.org/x/term"

	"github.com/winload/winload/internal/app"
	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/history"
	"github.com/winload/winload/internal/ui"
)

// version is set by the Makefile through -ldflags; otherwise the module
// version from the build information is shown.
var version string

// gcPercent is the garbage collector's target unless GOGC says otherwise.
// winload's live heap is small (under 1 MiB on the plain screen). Set at
// 25 % when tcell made garbage for every cell it drew, it kept the peak
// resident memory about 1 MiB lower. With the patched tcell, which makes
// none (third_party/tcell/PATCHES.md), 25 and Go's 100 measured the same
// peak and CPU on the plain screen and with 1,000 interfaces (the
// releaser in internal/ui collects as garbage comes); 25 stays as the
// tighter bound for what the measurements did not cover.
const gcPercent = 25

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// One sampling and drawing loop has nothing to run in parallel: a
	// single P saves scheduler and sysmon wake-ups (6-25 % of winload's
	// CPU, measured) and per-P caches.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	env := cli.Env{GOOS: runtime.GOOS, NoColor: os.Getenv("NO_COLOR") != ""}
	if path, err := config.DefaultPath(); err == nil {
		env.ConfigPath = path
	}
	if path, err := history.DefaultPath(runtime.GOOS, os.Getenv); err == nil {
		env.HistoryPath = path
	}
	cfg, err := cli.Parse(args, env)
	if err != nil {
		fmt.Fprintf(os.Stderr, "winload: %v\n", err)
		return app.ExitUsage
	}
	switch {
	case cfg.Help:
		fmt.Print(cli.Usage())
		return app.ExitOK
	case cfg.Version:
		fmt.Printf("winload %s\n", buildVersion())
		return app.ExitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), exitSignals()...)
	defer stop()
	terminal := term.IsTerminal(int(os.Stdout.Fd()))
	if terminal && !cfg.JSON && !ui.CanDraw(os.Getenv("TERM")) {
		fmt.Fprintln(os.Stderr, "winload: TERM=dumb cannot show the screen; printing text lines instead (set TERM to the terminal's type for the screen)")
		terminal = false
	}
	io := app.IO{
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		Terminal:  terminal,
		NewScreen: ui.NewScreen,
		Version:   buildVersion(),
	}
	return app.Run(ctx, cfg, io, func() (cli.Config, error) { return cli.Parse(args, env) })
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
