package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/keys"
	"github.com/winload/winload/internal/report"
	"github.com/winload/winload/internal/settings"
)

// manPath is the manual page, relative to this package.
const manPath = "../../docs/winload.1"

// manSections reads the manual page and splits it into its .SH sections,
// keyed by name, each the lines up to the next .SH.
func manSections(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(manPath)
	if err != nil {
		t.Fatalf("reading the manual page: %v", err)
	}
	sections := map[string][]string{}
	name := ""
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, ".SH "); ok {
			name = strings.Trim(strings.TrimSpace(rest), `"`)
			if _, dup := sections[name]; dup {
				t.Errorf("%s: section %s appears twice", manPath, name)
			}
			sections[name] = nil
			continue
		}
		if name != "" {
			sections[name] = append(sections[name], line)
		}
	}
	return sections
}

// tagLines returns the tag of every .TP item in lines: the line after .TP.
func tagLines(lines []string) []string {
	var tags []string
	for i := 0; i+1 < len(lines); i++ {
		if lines[i] == ".TP" {
			tags = append(tags, lines[i+1])
		}
	}
	return tags
}

// roff spells text as the manual page does: every hyphen escaped.
func roff(text string) string { return strings.ReplaceAll(text, "-", `\-`) }

// bold is text in bold, as the tag of a .TP item writes a flag or a key.
func bold(text string) string { return `\fB` + roff(text) + `\fR` }

func TestManPageHasSections(t *testing.T) {
	sections := manSections(t)
	for _, name := range []string{
		"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "DEVICES", "KEYS", "OUTPUT", "FILES",
		"ENVIRONMENT", "EXIT STATUS", "WINDOWS LOOPBACK", "COMING FROM NLOAD", "EXAMPLES", "SEE ALSO",
	} {
		if _, ok := sections[name]; !ok {
			t.Errorf("%s lacks the section %s", manPath, name)
		}
	}
}

// TestManPageDocumentsEveryFlag walks the table of settings, so that a
// flag added there without documentation fails here: each flag needs a
// .TP item under OPTIONS naming its long form and its shorthand, and a
// line in --help; and each item there must name a flag that exists.
func TestManPageDocumentsEveryFlag(t *testing.T) {
	tags := tagLines(manSections(t)["OPTIONS"])
	help := Usage()
	table := settings.Table()
	if len(table) == 0 {
		t.Fatal("the table has no flags")
	}
	for _, f := range table {
		long := bold("--" + f.Name)
		var found []string
		for _, tag := range tags {
			if strings.Contains(tag, long) {
				found = append(found, tag)
			}
		}
		switch {
		case len(found) == 0:
			t.Errorf("%s: OPTIONS has no .TP item for --%s (want a tag line with %s)", manPath, f.Name, long)
		case len(found) > 1:
			t.Errorf("%s: OPTIONS has %d .TP items for --%s: %q", manPath, len(found), f.Name, found)
		case f.Short != "" && !strings.Contains(found[0], bold("-"+f.Short)):
			t.Errorf("%s: the item for --%s lacks its shorthand %s: %q", manPath, f.Name, bold("-"+f.Short), found[0])
		}
		if !strings.Contains(help, "--"+f.Name+" ") {
			t.Errorf("--help lacks --%s", f.Name)
		}
		if f.Short != "" && !strings.Contains(help, "-"+f.Short+", --"+f.Name+" ") {
			t.Errorf("--help lacks -%s, --%s", f.Short, f.Name)
		}
	}

	// Every flag a tag names must exist, with the shorthand it is given.
	fs := newFlagSet()
	flagRe := regexp.MustCompile(`\\fB\\-(\\-)?((?:[A-Za-z0-9]|\\-)+)\\fR`)
	for _, tag := range tags {
		for _, m := range flagRe.FindAllStringSubmatch(tag, -1) {
			name := strings.ReplaceAll(m[2], `\-`, "-")
			if m[1] != "" {
				if fs.Lookup(name) == nil {
					t.Errorf("%s: OPTIONS documents --%s, which is no flag: %q", manPath, name, tag)
				}
			} else if f := fs.ShorthandLookup(name); len(name) != 1 || f == nil || !strings.Contains(tag, bold("--"+f.Name)) {
				t.Errorf("%s: OPTIONS documents -%s, which is no shorthand of the flag in %q", manPath, name, tag)
			}
		}
	}
}

// TestManPageDocumentsEveryKey checks that each key of the table in
// internal/keys, for the main screen and the options window, is a bold key name in a .TP tag of the
// matching part of KEYS: the main screen first, then, after a .PP, the
// options window.
func TestManPageDocumentsEveryKey(t *testing.T) {
	section := manSections(t)["KEYS"]
	split := -1
	for i, line := range section {
		if line == ".PP" {
			split = i
			break
		}
	}
	if split < 0 {
		t.Fatalf("%s: KEYS needs the main screen's keys, a .PP, then the options window's", manPath)
	}
	for _, part := range []struct {
		where    string
		bindings []keys.Binding
		lines    []string
	}{
		{"main screen", keys.Main(), section[:split]},
		{"options window", keys.Window(), section[split:]},
	} {
		tags := strings.Join(tagLines(part.lines), "\n")
		for _, m := range regexp.MustCompile(`\\fB(.*?)\\fR`).FindAllStringSubmatch(tags, -1) {
			if key := strings.ReplaceAll(m[1], `\-`, "-"); keys.Lookup(part.bindings, key) == keys.None {
				t.Errorf("%s: KEYS lists %s for the %s, which internal/keys does not bind there", manPath, key, part.where)
			}
		}
		for _, b := range part.bindings {
			for _, key := range b.Keys {
				if !strings.Contains(tags, bold(key)) {
					t.Errorf("%s: KEYS does not list %s for the %s (want %s in a .TP tag); internal/keys binds it to %q",
						manPath, key, part.where, bold(key), b.Help)
				}
			}
		}
	}
}

// TestManPageFiles checks the facts of FILES and ENVIRONMENT that the
// code decides: the settings file's name, the traffic log's header and
// NO_COLOR.
func TestManPageFiles(t *testing.T) {
	sections := manSections(t)
	files := strings.Join(sections["FILES"], "\n")
	if want := roff("winload/" + config.FileName); !strings.Contains(files, want) {
		t.Errorf("%s: FILES does not name the settings file %s", manPath, want)
	}
	if want := strings.TrimSpace(report.LogHeader); !strings.Contains(files, want) {
		t.Errorf("%s: FILES does not show the traffic log header %q", manPath, want)
	}
	for _, key := range settings.Names() {
		if !regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(roff(key)) + `([,;]| and)`).MatchString(files) {
			t.Errorf("%s: FILES does not list the setting %s", manPath, key)
		}
	}
	if env := strings.Join(sections["ENVIRONMENT"], "\n"); !strings.Contains(env, ".B NO_COLOR") {
		t.Errorf("%s: ENVIRONMENT does not describe NO_COLOR", manPath)
	}
}

// nloadFlags are nload's options and keys, which the man page's and the
// README's "Coming from nload" tables must each cover.
var nloadFlags = []string{"-a", "-f", "-i", "-m", "-o", "-t", "-u", "-U", "devices", "F2", "F5", "F6"}

// TestComingFromNload checks that the tables for nload users in the man
// page and README.md name every nload option and key.
func TestComingFromNload(t *testing.T) {
	section := manSections(t)["COMING FROM NLOAD"]
	rows := map[string]bool{}
	for _, line := range section {
		first, _, _ := strings.Cut(line, "\t")
		first = strings.ReplaceAll(strings.ReplaceAll(first, `\fI`, ""), `\fR`, "")
		name, _, _ := strings.Cut(strings.ReplaceAll(first, `\-`, "-"), " ")
		rows[name] = true
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(readme), "## Coming from nload")
	if !ok {
		t.Fatal("README.md has no section \"## Coming from nload\"")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	for _, f := range nloadFlags {
		if !rows[f] {
			t.Errorf("%s: COMING FROM NLOAD has no row for nload's %s", manPath, f)
		}
		if !regexp.MustCompile("(?m)^\\| `?" + regexp.QuoteMeta(f) + "[` |]").MatchString(table) {
			t.Errorf("README.md: Coming from nload has no row for nload's %s", f)
		}
	}
}
