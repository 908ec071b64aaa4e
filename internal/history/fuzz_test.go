package history

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
)

func FuzzParseQuota(f *testing.F) {
	for _, s := range []string{"eth0=1TB", "wlan0=500GiB", "x=1", "=1T", "eth0=", "eth0", "a=b=c", "eth0=1TB/s", "eth0=-5G", "eth0=0.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dev, n, err := ParseQuota(s)
		if err != nil {
			if dev != "" || n != 0 {
				t.Fatalf("ParseQuota(%q) failed but returned %q, %d", s, dev, n)
			}
			return
		}
		if dev == "" || n == 0 || strings.Contains(dev, "=") {
			t.Fatalf("ParseQuota(%q) = %q, %d", s, dev, n)
		}
	})
}

func FuzzDecodeRecord(f *testing.F) {
	rec := &Record{Total: Amount{5, 6}, Last: Counters{Boot: "b", Amount: Amount{1, 2}}}
	at := utc.span(t0)
	rec.addAt(&at, Amount{3, 4})
	f.Add(encodeRecord(rec))
	f.Add([]byte{recordVersion})
	f.Add(append(encodeRecord(rec), 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeRecord(data)
		if err != nil {
			return
		}
		for _, bs := range [][]Bucket{r.Hours, r.Days, r.Months} {
			for i := 1; i < len(bs); i++ {
				if bs[i-1].Start >= bs[i].Start {
					t.Fatalf("buckets out of order: %+v", bs)
				}
			}
		}
		if len(r.Hours) > keepHours || len(r.Days) > keepDays || len(r.Months) > keepMonths {
			t.Fatal("more buckets than kept")
		}
		// What decodes encodes and decodes to the same.
		again, err := decodeRecord(encodeRecord(r))
		if err != nil || string(encodeRecord(again)) != string(encodeRecord(r)) {
			t.Fatalf("round trip changed the record: %v", err)
		}
	})
}

func FuzzDecodeFile(f *testing.F) {
	rec := &Record{Last: Counters{Boot: "b"}}
	at := utc.span(t0)
	rec.addAt(&at, Amount{3, 4})
	f.Add(fileOf(map[string]*Record{"eth0": rec, "lo": {}}))
	f.Add([]byte(magic + "\x01\x00"))
	f.Add([]byte(magic + "\x07\x00"))
	f.Add([]byte("\x01\x00\x00\x00\x04\x00eth0\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Also as the body of a file with a good header and checksum, so
		// that the layout behind the checksum is explored too.
		body := append([]byte(magic+"\x01\x00"), data...)
		if _, err := decodeFile(binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))); err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("decodeFile of a checksummed body: error %v is not ErrCorrupt", err)
		}
		recs, err := decodeFile(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNewer) {
				t.Fatalf("decodeFile error %v is neither ErrCorrupt nor ErrNewer", err)
			}
			return
		}
		again, err := decodeFile(fileOf(recs))
		if err != nil || len(again) != len(recs) {
			t.Fatalf("round trip: %v, %d of %d devices", err, len(again), len(recs))
		}
	})
}
