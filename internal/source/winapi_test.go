package source

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoWindows1703OnlyCalls reads the Windows files and refuses the IP
// Helper calls that need Windows 10 1703: Go still runs on Windows 10 1607
// and Server 2016, where they fail (GetIfEntry2 and MibIfTableNormal give
// the same data).
func TestNoWindows1703OnlyCalls(t *testing.T) {
	files, err := filepath.Glob("*_windows.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Windows files found: %v", err)
	}
	banned := map[string]bool{"GetIfEntry2Ex": true, "MibIfTableNormalWithoutStatistics": true, "MibIfEntryNormalWithoutStatistics": true}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if banned[n.Sel.Name] {
					t.Errorf("%s: %s needs Windows 10 1703", fset.Position(n.Pos()), n.Sel.Name)
				}
			case *ast.BasicLit:
				if banned[strings.Trim(n.Value, `"`)] {
					t.Errorf("%s: %s needs Windows 10 1703", fset.Position(n.Pos()), n.Value)
				}
			}
			return true
		})
	}
}
