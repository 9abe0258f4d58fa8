// Package bomb generates hostile inputs for the decoders' tests: a head, a
// unit repeated many times (or without end), a tail, read as a stream so
// that a test never holds the bomb it throws. The project keeps these
// generators, never bomb files.
package bomb

import (
	"archive/zip"
	"bytes"
	"io"
)

// Reader returns a reader of head, then unit n times (forever when n < 0),
// then tail.
func Reader(head, unit string, n int64, tail string) io.Reader {
	return &reader{parts: [3][]byte{[]byte(head), []byte(unit), []byte(tail)}, n: n}
}

type reader struct {
	parts [3][]byte
	part  int   // 0 head, 1 units, 2 tail
	off   int   // in the current part (unit)
	n     int64 // units left; < 0 without end
	chunk []byte
}

func (r *reader) Read(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		switch r.part {
		case 0, 2:
			k := copy(p[written:], r.parts[r.part][r.off:])
			written += k
			r.off += k
			if r.off < len(r.parts[r.part]) {
				return written, nil
			}
			if r.part == 2 {
				if written == 0 {
					return 0, io.EOF
				}
				return written, nil
			}
			r.part, r.off = 1, 0
		case 1:
			unit := r.parts[1]
			if r.n == 0 || len(unit) == 0 {
				r.part, r.off = 2, 0
				continue
			}
			// Copy whole units fast from a prepared chunk.
			if r.chunk == nil {
				r.chunk = bytes.Repeat(unit, max(1, (64<<10)/len(unit)))
			}
			if r.off == 0 {
				units := int64(min(len(p)-written, len(r.chunk)) / len(unit))
				if r.n >= 0 {
					units = min(units, r.n)
				}
				if units > 0 {
					written += copy(p[written:], r.chunk[:units*int64(len(unit))])
					if r.n > 0 {
						r.n -= units
					}
					continue
				}
			}
			k := copy(p[written:], unit[r.off:])
			written += k
			r.off += k
			if r.off == len(unit) {
				r.off = 0
				if r.n > 0 {
					r.n--
				}
			}
		}
	}
	return written, nil
}

// Size returns how many bytes Reader(head, unit, n, tail) gives.
func Size(head, unit string, n int64, tail string) int64 {
	return int64(len(head)) + int64(len(unit))*n + int64(len(tail))
}

// Zip returns a zip archive holding one file, name, whose content is
// read from r and deflated as it is read: a KMZ bomb of a few MB inflates
// to what r gives.
func Zip(name string, r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(w, r); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
