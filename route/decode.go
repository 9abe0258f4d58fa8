package route

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// DecodeOptions say how Decode reads a file. The zero value decodes
// strictly.
type DecodeOptions struct {
	// Lenient skips bad points and waypoints instead of failing, and lists
	// each in File.Skipped (what the format's decoder calls lenient).
	// Malformed XML or a broken archive fails either way.
	Lenient bool
}

// A DecodeFunc reads one file of a format from r.
type DecodeFunc func(r io.Reader, opts DecodeOptions) (*File, error)

// ErrFormat is returned by Decode when no registered format reads the input:
// none claims its first bytes and none is registered as the fallback
// (import route/gpx or route/kml to register theirs).
var ErrFormat = errors.New("unknown format")

// registered is a file format registered with RegisterFormat.
type registered struct {
	name   string
	match  func(head []byte) bool
	decode DecodeFunc
}

var (
	formatsMu sync.Mutex
	formats   []registered
)

// HeadSize is how many bytes of a file Decode reads ahead to tell its
// format: the match functions given to RegisterFormat see at most this
// many (fewer for a shorter file).
const HeadSize = 4096

// RegisterFormat registers a file format for Decode, as image.RegisterFormat
// does for images. The format packages call it from their init functions,
// so a program that imports them (route/gpx, route/kml) can Decode what
// they read.
//
// name is the format's short name ("gpx", "kml", "kmz"), returned by
// Decode. match reports whether head, the first bytes of a file (at most
// HeadSize), is of the format; it should look at the content, never guess
// from a name. A nil match registers the fallback: the format Decode uses
// for an input that no other format claims (GPX registers itself so, its
// decoder saying best what is wrong with a file that is not GPX either).
// The formats are tried in the order they were registered; the first
// fallback registered is used.
func RegisterFormat(name string, match func(head []byte) bool, decode DecodeFunc) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	formats = append(formats, registered{name, match, decode})
}

// Decode reads a file of any registered format from r, told from its
// content (names and extensions do not matter, standard input works too),
// and returns it with the name of its format.
//
// It reads up to HeadSize bytes ahead, offers them to each registered
// format's match function, and hands the whole input (those bytes, then
// the rest of r, without further buffering) to the decoder of the first
// format that claims it, else to the fallback. An input without a byte
// is ErrEmpty; without a format for it, ErrFormat. Errors from the
// decoder are returned as it gives them ("gpx: line 12: trkpt: latitude
// 91.2 out of range").
func Decode(r io.Reader, opts DecodeOptions) (f *File, format string, err error) {
	head := make([]byte, HeadSize)
	n, err := io.ReadFull(r, head)
	head = head[:n]
	var rest io.Reader = r
	switch {
	case n == 0 && err == io.EOF:
		return nil, "", ErrEmpty
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		rest = eofReader{}
	case err != nil:
		// The decoder reports the read error where it meets it.
		rest = errReader{err}
	}
	formatsMu.Lock()
	var use, fallback *registered
	for i := range formats {
		fm := &formats[i]
		if fm.match == nil {
			if fallback == nil {
				fallback = fm
			}
			continue
		}
		if fm.match(head) {
			use = fm
			break
		}
	}
	formatsMu.Unlock()
	if use == nil {
		use = fallback
	}
	if use == nil {
		return nil, "", ErrFormat
	}
	f, err = use.decode(io.MultiReader(bytes.NewReader(head), rest), opts)
	if err != nil {
		return nil, use.name, err
	}
	return f, use.name, nil
}

// errReader fails with err; eofReader is empty.
type (
	errReader struct{ err error }
	eofReader struct{}
)

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
func (eofReader) Read([]byte) (int, error)   { return 0, io.EOF }
