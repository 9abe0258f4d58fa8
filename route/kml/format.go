package kml

import (
	"bytes"
	"io"
	"strings"

	"github.com/roadbook/roadbook/route"
)

// KML and KMZ register themselves with route.Decode: "kmz" for a zip file
// (a KMZ, or any other zip, which Decode then explains), "kml" for XML whose
// first element is <kml>.
func init() {
	decode := func(r io.Reader, opts route.DecodeOptions) (*route.File, error) {
		return (&Decoder{Lenient: opts.Lenient}).Decode(r)
	}
	route.RegisterFormat("kmz", isZip, decode)
	route.RegisterFormat("kml", isKMLHead, decode)
}

// kmzMagic starts every zip file with an entry; emptyZipMagic starts a zip
// file without entries (its end record alone).
var (
	kmzMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
)

// isZip reports whether head, the first bytes of a file, is a zip file.
func isZip(head []byte) bool {
	return bytes.HasPrefix(head, kmzMagic) || bytes.HasPrefix(head, emptyZipMagic)
}

// isKMLHead reports whether head, the first bytes of a file (512 are plenty), is
// XML whose first element is <kml>, with or without a namespace prefix.
func isKMLHead(head []byte) bool {
	root := firstElement(head)
	return root == "kml" || strings.HasSuffix(root, ":kml")
}

// firstElement returns the name of the first start tag in head, skipping
// the XML declaration, comments, processing instructions and a DOCTYPE.
func firstElement(head []byte) string {
	for {
		i := bytes.IndexByte(head, '<')
		if i < 0 || i+1 >= len(head) {
			return ""
		}
		head = head[i+1:]
		switch {
		case head[0] == '?' || head[0] == '!':
			end := []byte(">")
			if bytes.HasPrefix(head, []byte("!--")) {
				end = []byte("-->")
			}
			j := bytes.Index(head, end)
			if j < 0 {
				return ""
			}
			head = head[j+len(end):]
		default:
			j := bytes.IndexAny(head, " \t\r\n/>")
			if j < 0 {
				return ""
			}
			return string(head[:j])
		}
	}
}
