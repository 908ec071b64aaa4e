//go:build darwin || windows

package history

import "strconv"

// bootTimeID names a boot by its start, Unix seconds; sameBoot compares
// two such names with some slack.
func bootTimeID(sec int64) string { return "t:" + strconv.FormatInt(sec, 10) }
