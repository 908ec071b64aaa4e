//go:build !winload_inject_panic

package ui

// injectPanic is a test hook: builds tagged winload_inject_panic panic here
// (see inject_panic.go); normal builds do nothing.
func injectPanic(string) {}
