package gpx

import (
	"errors"
	"io"

	"github.com/roadbook/roadbook/route"
)

// Encode writes f as GPX 1.1 with OpenRally v1.0.3 extensions. PLACEHOLDER.
func Encode(w io.Writer, f *route.File) error {
	return errors.New("gpx: encoder not written yet")
}
