package gpx

import (
	"io"

	"github.com/roadbook/roadbook/route"
)

// GPX registers itself with route.Decode as the fallback format "gpx": a
// file no other format claims is read as GPX, whose errors then say what is
// wrong with it ("gpx: line 1: not XML: text before the root element").
func init() {
	route.RegisterFormat("gpx", nil, func(r io.Reader, opts route.DecodeOptions) (*route.File, error) {
		return (&Decoder{Lenient: opts.Lenient}).Decode(r)
	})
}
