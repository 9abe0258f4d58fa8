// Package gpx reads and writes GPX 1.0 and 1.1 files, with the rally
// waypoints of OpenRally extensions and of plain-GPX naming conventions, into
// and from route.File values.
package gpx

import (
	"errors"
	"io"

	"github.com/roadbook/roadbook/route"
)

// Decoder decodes GPX. The zero Decoder is strict.
type Decoder struct {
	// Lenient skips bad points (a latitude out of range, a non-numeric
	// elevation) instead of failing, and lists each in File.Skipped.
	Lenient bool
}

// Decode reads a GPX file strictly. PLACEHOLDER: being written.
func Decode(r io.Reader) (*route.File, error) { return (&Decoder{}).Decode(r) }

// Decode reads a GPX file. PLACEHOLDER: being written.
func (d *Decoder) Decode(r io.Reader) (*route.File, error) {
	return nil, errors.New("gpx: decoder not written yet")
}
