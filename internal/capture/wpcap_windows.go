package capture

import (
	"bytes"
	"fmt"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// libpcap's PCAP_ERRBUF_SIZE, and PCAP_CHAR_ENC_UTF_8, the option of
// pcap_init.
const (
	pcapErrbufSize  = 256
	pcapCharEncUTF8 = 1
	// cpACP is Windows' CP_ACP, the system's ANSI code page.
	cpACP = 0
)

// pcapIf mirrors libpcap's struct pcap_if up to the fields read here.
type pcapIf struct {
	next        *pcapIf
	name        *byte
	description *byte
	addresses   uintptr
	flags       uint32
}

// pcapPkthdr mirrors struct pcap_pkthdr on Windows, where the timeval
// fields are 32-bit longs on amd64 and arm64 alike.
type pcapPkthdr struct {
	sec, usec int32
	caplen    uint32
	len       uint32
}

// wpcap holds the wpcap.dll functions that the loopback capture calls.
// Every required one is resolved when the DLL is loaded, so a missing
// function is a clear error before the capture starts, never a panic in
// the middle.
type wpcap struct {
	path string
	dll  *windows.DLL
	// procs holds every function resolved, by name; the ones called per
	// packet or by name in this file also have a field.
	procs map[string]*windows.Proc
	// utf8 is set once pcap_init has switched libpcap's texts to UTF-8;
	// until then they are in the ANSI code page.
	utf8 bool

	findalldevs, freealldevs, create, activate, close *windows.Proc
	datalink, nextEx, geterr, breakloop, libVersion   *windows.Proc
}

// npcapDLLPath returns where Npcap installs its wpcap.dll: the Npcap folder
// under the system directory (System32\Npcap).
func npcapDLLPath() (string, error) {
	sys, err := windows.GetSystemDirectory()
	if err != nil {
		return "", fmt.Errorf("finding the Windows system directory: %w", err)
	}
	return filepath.Join(sys, "Npcap", "wpcap.dll"), nil
}

// loadWpcap loads Npcap's wpcap.dll and resolves the functions winload
// uses.
//
// The DLL is loaded by its full path with LoadLibraryEx, asking Windows to
// look for its dependencies (Packet.dll) in the DLL's own folder and in
// System32 only. NewLazySystemDLL would search System32 alone and miss
// System32\Npcap; SetDllDirectory would change the search path of the whole
// process; a plain LoadLibrary would look for Packet.dll in the current
// and PATH folders, where an impostor could wait.
func loadWpcap() (*wpcap, error) {
	path, err := npcapDLLPath()
	if err != nil {
		return nil, err
	}
	h, err := windows.LoadLibraryEx(path, 0,
		windows.LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR|windows.LOAD_LIBRARY_SEARCH_SYSTEM32)
	if err != nil {
		return nil, loadError(path, err)
	}
	w := &wpcap{path: path, dll: &windows.DLL{Name: path, Handle: h}, procs: map[string]*windows.Proc{}}
	for _, name := range wpcapRequired {
		proc, err := w.dll.FindProc(name)
		if err != nil {
			w.release()
			return nil, missingFuncError(path, name)
		}
		w.procs[name] = proc
	}
	for _, names := range [][]string{wpcapOptional, wpcapAdapter} {
		for _, name := range names {
			if proc, err := w.dll.FindProc(name); err == nil {
				w.procs[name] = proc
			}
		}
	}
	for name, field := range map[string]**windows.Proc{
		"pcap_findalldevs": &w.findalldevs, "pcap_freealldevs": &w.freealldevs,
		"pcap_create": &w.create, "pcap_activate": &w.activate, "pcap_close": &w.close,
		"pcap_datalink": &w.datalink, "pcap_next_ex": &w.nextEx, "pcap_geterr": &w.geterr,
		"pcap_breakloop": &w.breakloop, "pcap_lib_version": &w.libVersion,
	} {
		*field = w.procs[name]
	}
	w.initUTF8()
	return w, nil
}

// initUTF8 asks libpcap for UTF-8 error texts (pcap_init, libpcap 1.10+)
// when the DLL has pcap_init. Without it the texts come in the ANSI code
// page. A failure leaves libpcap as it was, which is no reason to stop.
func (w *wpcap) initUTF8() {
	p, ok := w.procs["pcap_init"]
	if !ok {
		return
	}
	var errbuf [pcapErrbufSize]byte
	r, _, _ := p.Call(pcapCharEncUTF8, uintptr(unsafe.Pointer(&errbuf[0])))
	w.utf8 = int32(r) == 0
}

// text turns a string from libpcap into Go's UTF-8: as it is after
// pcap_init, else converted from the ANSI code page (without pcap_init,
// libpcap before 1.10 hands out localized texts in that code page).
func (w *wpcap) text(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	if w.utf8 || len(b) == 0 || isASCII(b) {
		return string(b)
	}
	n, err := windows.MultiByteToWideChar(cpACP, 0, &b[0], int32(len(b)), nil, 0)
	if err != nil || n <= 0 {
		return string(b)
	}
	u := make([]uint16, n)
	if _, err := windows.MultiByteToWideChar(cpACP, 0, &b[0], int32(len(b)), &u[0], n); err != nil {
		return string(b)
	}
	return windows.UTF16ToString(u)
}

// cText is text for a NUL-terminated C string.
func (w *wpcap) cText(p *byte) string {
	if p == nil {
		return ""
	}
	return w.text(unsafe.Slice(p, cStrLen(p)))
}

// cStrLen is the length of a NUL-terminated C string.
func cStrLen(p *byte) int {
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return n
}

// version returns pcap_lib_version's text, such as "Npcap version 1.79,
// based on libpcap version 1.10.4".
func (w *wpcap) version() string {
	r, _, _ := w.libVersion.Call()
	return windows.BytePtrToString(*(**byte)(unsafe.Pointer(&r)))
}

// release unloads the DLL.
func (w *wpcap) release() {
	_ = w.dll.Release()
}

// adapters lists the capture devices that Npcap offers.
func (w *wpcap) adapters() ([]Adapter, error) {
	var errbuf [pcapErrbufSize]byte
	var list *pcapIf
	r, _, _ := w.findalldevs.Call(uintptr(unsafe.Pointer(&list)), uintptr(unsafe.Pointer(&errbuf[0])))
	if int32(r) != 0 {
		return nil, openError("", 0, w.text(errbuf[:]))
	}
	if list == nil {
		return nil, nil
	}
	defer w.freealldevs.Call(uintptr(unsafe.Pointer(list)))
	var out []Adapter
	for d := list; d != nil; d = d.next {
		out = append(out, Adapter{
			Name:        windows.BytePtrToString(d.name),
			Description: w.cText(d.description),
		})
	}
	return out, nil
}

// open creates and activates a capture handle (a pcap_t*) on the named
// adapter with the given snap length, read timeout and kernel buffer size.
func (w *wpcap) open(name string, snaplen, timeoutMS, bufferBytes int) (uintptr, error) {
	cname, err := windows.BytePtrFromString(name)
	if err != nil {
		return 0, fmt.Errorf("adapter name %q: %w", name, err)
	}
	var errbuf [pcapErrbufSize]byte
	h, _, _ := w.create.Call(uintptr(unsafe.Pointer(cname)), uintptr(unsafe.Pointer(&errbuf[0])))
	if h == 0 {
		return 0, openError(name, 0, w.text(errbuf[:]))
	}
	for _, s := range captureSettings(snaplen, timeoutMS, bufferBytes) {
		if r, _, _ := w.procs[s.fn].Call(h, uintptr(s.value)); int32(r) != 0 {
			w.close.Call(h)
			return 0, fmt.Errorf("setting the %s of Npcap adapter %s failed (status %d)", s.what, name, int32(r))
		}
	}
	// pcap_activate returns a negative error, 0, or a positive warning.
	if r, _, _ := w.activate.Call(h); int32(r) < 0 {
		msg := w.errText(h)
		w.close.Call(h)
		return 0, openError(name, int(int32(r)), msg)
	}
	return h, nil
}

// errText returns libpcap's message about the last error on handle h.
func (w *wpcap) errText(h uintptr) string {
	r, _, _ := w.geterr.Call(h)
	// r is a char* into the pcap_t; reinterpret it without a uintptr to
	// unsafe.Pointer conversion, and copy the text out at once.
	return w.cText(*(**byte)(unsafe.Pointer(&r)))
}
