package report

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"time"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/plainfile"
	"github.com/winload/winload/internal/printable"
)

// LogHeader is the first line of a traffic log, spelled as nload spells
// it (DataOutAverge included) so that scripts written for nload's logs
// read winload's.
const LogHeader = "Date Time DeviceName DataInTotal DataOutTotal DataInPerSecond DataOutPerSecond " +
	"DataInAverage DataOutAverge DataInMin DataOutMin DataInMax DataOutMax TimeSeconds TimeMicroSeconds \n"

// Log appends nload-format lines to a file: one per device per sample,
// every field followed by one space, data in bytes and bytes per second.
type Log struct {
	file *os.File
	buf  []byte
}

// OpenLog opens path for appending, creating it if needed, and writes the
// header when the file is new or empty. Only a regular file (or the null
// device) is opened: a FIFO is refused at once instead of blocking.
func OpenLog(path string) (*Log, error) {
	f, err := plainfile.Open(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening traffic log: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("opening traffic log: %w", err)
	}
	l := &Log{file: f}
	if info.Size() == 0 {
		if err := l.commit([]byte(LogHeader)); err != nil {
			f.Close()
			return nil, err
		}
	}
	return l, nil
}

// Write implements monitor.Sink. Devices without rates yet are skipped.
func (l *Log) Write(now time.Time, readings []monitor.Reading) error {
	b := l.buf[:0]
	for _, r := range readings {
		if r.Valid {
			b = AppendLogLine(b, now, r)
		}
	}
	l.buf = b
	if len(b) == 0 {
		return nil
	}
	return l.commit(b)
}

// commit writes b in one call; see commit.
func (l *Log) commit(b []byte) error {
	return commit(l.file, b, "traffic log "+l.file.Name())
}

// Close closes the file.
func (l *Log) Close() error { return l.file.Close() }

// AppendLogLine appends one nload log line for r at now.
func AppendLogLine(b []byte, now time.Time, r monitor.Reading) []byte {
	b = now.AppendFormat(b, "2006-01-02 15:04:05 ")
	b = printable.Append(b, r.Device)
	b = append(b, ' ')
	b = strconv.AppendUint(b, r.In.Total, 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, r.Out.Total, 10)
	b = append(b, ' ')
	for _, v := range [...]float64{r.In.Curr, r.Out.Curr, r.In.Avg, r.Out.Avg, r.In.Min, r.Out.Min, r.In.Max, r.Out.Max} {
		b = strconv.AppendUint(b, uint64(math.Round(max(v, 0))), 10)
		b = append(b, ' ')
	}
	b = strconv.AppendInt(b, now.Unix(), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(now.Nanosecond()/1000), 10)
	return append(b, " \n"...)
}
