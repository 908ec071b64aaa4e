package capture

// setupError is an error a person fixes by installing or configuring
// something: callers recognise it through its SetupProblem method without
// importing this package (and the packet decoders it links).
type setupError struct{ msg string }

func (e *setupError) Error() string { return e.msg }

// SetupProblem marks the error as one of the machine's setup.
func (e *setupError) SetupProblem() bool { return true }

// The ways opening Npcap's loopback capture can fail before the screen
// starts. They are defined on every system so that callers can test for
// them with errors.Is anywhere; only Windows returns them. The errors
// returned wrap one of these and carry the whole advice for the user.
var (
	// ErrNpcapMissing: wpcap.dll could not be loaded from Npcap's
	// directory, or it lacks a function winload needs.
	ErrNpcapMissing = error(&setupError{"the Npcap capture library is not available"})
	// ErrNoLoopbackAdapter: Npcap runs but offers no loopback adapter.
	ErrNoLoopbackAdapter = error(&setupError{"no loopback adapter in Npcap"})
	// ErrAccessDenied: the Npcap driver refused to open the adapter.
	ErrAccessDenied = error(&setupError{"access to the Npcap driver was denied"})
	// ErrNpcapFailed: Npcap is installed but does not work as expected
	// (its service is not running, its loopback adapter delivers frames of
	// another kind).
	ErrNpcapFailed = error(&setupError{"the Npcap driver does not work as expected"})
)

// Advice appended to the errors above.
const (
	npcapDownloadURL = "https://npcap.com/#download"
	installAdvice    = "install Npcap from " + npcapDownloadURL +
		` and tick "Support loopback traffic capture" in its installer`
	reinstallAdvice = "reinstall Npcap from " + npcapDownloadURL +
		` with "Support loopback traffic capture" ticked`
	accessAdvice = "run winload as administrator, or reinstall Npcap without " +
		`"Restrict Npcap driver's access to Administrators only"`
)
