package source

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// loopbackRow identifies Windows' loopback interface.
type loopbackRow struct {
	name string
	luid uint64
}

// findLoopbackRow looks up the interface of type IF_TYPE_SOFTWARE_LOOPBACK
// (24) in the IP Helper interface table.
func findLoopbackRow() (loopbackRow, error) {
	var table *windows.MibIfTable2
	// MibIfTableNormal: MibIfTableNormalWithoutStatistics needs Windows 10
	// 1703, and Go still runs on 1607 and Server 2016.
	if err := windows.GetIfTable2Ex(windows.MibIfTableNormal, &table); err != nil {
		return loopbackRow{}, fmt.Errorf("listing the network interfaces (GetIfTable2Ex): %w", err)
	}
	defer windows.FreeMibTable(unsafe.Pointer(table))
	rows := unsafe.Slice(&table.Table[0], table.NumEntries)
	for i := range rows {
		if rows[i].Type == windows.IF_TYPE_SOFTWARE_LOOPBACK {
			return loopbackRow{
				name: windows.UTF16ToString(rows[i].Alias[:]),
				luid: rows[i].InterfaceLuid,
			}, nil
		}
	}
	return loopbackRow{}, errors.New("no loopback interface (type 24) in the Windows interface table")
}

// loopbackName returns the loopback interface's name as Windows reports
// it, or its usual name when the table cannot be read.
func loopbackName() string {
	if row, err := findLoopbackRow(); err == nil && row.name != "" {
		return row.name
	}
	return windowsLoopbackName
}
