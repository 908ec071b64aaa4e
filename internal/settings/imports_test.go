package settings

import (
	"go/build"
	"strings"
	"testing"
)

// The model knows nothing of the screen, and the command line reads it
// without the screen, as does the key table: none of them imports tcell
// or internal/ui.
func TestNoScreenImports(t *testing.T) {
	for _, dir := range []string{".", "../cli", "../config", "../keys"} {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range pkg.Imports {
			if strings.Contains(imp, "tcell") || strings.HasSuffix(imp, "/internal/ui") {
				t.Errorf("%s imports %s", pkg.ImportPath, imp)
			}
		}
	}
}
