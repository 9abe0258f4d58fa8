package route

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestDecodeRegistry checks the order formats are tried in, the fallback,
// and ErrFormat without one. Not parallel: it replaces the registered
// formats for its duration.
func TestDecodeRegistry(t *testing.T) {
	formatsMu.Lock()
	saved := formats
	formats = nil
	formatsMu.Unlock()
	defer func() {
		formatsMu.Lock()
		formats = saved
		formatsMu.Unlock()
	}()
	decoder := func(name string) DecodeFunc {
		return func(r io.Reader, _ DecodeOptions) (*File, error) {
			b, err := io.ReadAll(r)
			return &File{Creator: name + ":" + string(b)}, err
		}
	}
	if _, _, err := Decode(strings.NewReader("x"), DecodeOptions{}); !errors.Is(err, ErrFormat) {
		t.Errorf("Decode with no format = %v; want ErrFormat", err)
	}
	prefix := func(p string) func([]byte) bool {
		return func(h []byte) bool { return strings.HasPrefix(string(h), p) }
	}
	RegisterFormat("fallback", nil, decoder("fallback"))
	RegisterFormat("a", prefix("a"), decoder("a"))
	RegisterFormat("ab", prefix("ab"), decoder("ab")) // "a" claims first
	RegisterFormat("b", prefix("b"), decoder("b"))
	RegisterFormat("second fallback", nil, decoder("second"))
	for in, want := range map[string]string{"abc": "a:abc", "bc": "b:bc", "c": "fallback:c"} {
		f, _, err := Decode(strings.NewReader(in), DecodeOptions{})
		if err != nil || f.Creator != want {
			t.Errorf("Decode(%q) read %v, %v; want %q", in, f, err, want)
		}
	}
}
