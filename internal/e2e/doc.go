// Package e2e holds end-to-end tests that build the winload binary and run
// it in tmux, as a person would in a terminal. It has no code of its own.
package e2e
