// Package history keeps per-device traffic totals across restarts and
// reboots: per hour for the last 48 hours, per day for the last 62 days,
// per billing month for the last 24 months, and all time.
//
// A Recorder is a monitor sink: after each sample it adds what the
// kernel counted since the last reading to buckets in memory, and a
// goroutine of its own writes them to a file at most once a minute and
// on exit, replacing it whole (a synced temporary file, then a rename). Between runs it adds the difference of the kernel counters
// when the machine has not rebooted (a boot identity per system), and the
// whole new counter after a reboot or a counter reset. Of several
// processes one holds a lock and writes; the others read the file and add
// only for display what the kernel counted since the writer's last flush.
package history
