package gpx

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// charsetDecoder returns a function wrapping a reader so that it yields
// UTF-8, for the encoding an XML declaration names; nil when the input is
// already UTF-8 (or ASCII, a subset).
func charsetDecoder(name string) (func(io.Reader) io.Reader, error) {
	var enc encoding.Encoding
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil, nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		enc = charmap.ISO8859_1
	case "windows-1252", "cp1252":
		enc = charmap.Windows1252
	case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
		enc = charmap.ISO8859_15
	case "utf-16", "utf-16le", "utf-16be":
		return nil, fmt.Errorf("encoding %s without a byte-order mark is not supported", name)
	default:
		e, err := ianaindex.IANA.Encoding(name)
		if err != nil || e == nil {
			return nil, fmt.Errorf("unsupported encoding %q", name)
		}
		enc = e
	}
	return func(r io.Reader) io.Reader { return transform.NewReader(r, enc.NewDecoder()) }, nil
}

// utf16Decoder returns a function decoding UTF-16 with a byte-order mark.
func utf16Decoder(bigEndian bool) func(io.Reader) io.Reader {
	e := unicode.LittleEndian
	if bigEndian {
		e = unicode.BigEndian
	}
	enc := unicode.UTF16(e, unicode.ExpectBOM)
	return func(r io.Reader) io.Reader { return transform.NewReader(r, enc.NewDecoder()) }
}
