package bomb

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReader(t *testing.T) {
	for _, n := range []int64{0, 1, 7, 10000, 100003} {
		for _, unit := range []string{"x", "<a/>", strings.Repeat("0,0 ", 3)} {
			want := "<head>" + strings.Repeat(unit, int(n)) + "</tail>"
			for name, r := range map[string]io.Reader{
				"whole":    Reader("<head>", unit, n, "</tail>"),
				"one byte": iotest.OneByteReader(Reader("<head>", unit, n, "</tail>")),
				"half":     iotest.HalfReader(Reader("<head>", unit, n, "</tail>")),
			} {
				got, err := io.ReadAll(r)
				if err != nil || string(got) != want {
					t.Errorf("%s: Reader(%q × %d) gave %d bytes, %v; want %d", name, unit, n, len(got), err, len(want))
				}
			}
			if s := Size("<head>", unit, n, "</tail>"); s != int64(len(want)) {
				t.Errorf("Size = %d; want %d", s, len(want))
			}
		}
	}
	// Without end: any amount can be read.
	r := Reader("<a>", "b", -1, "")
	b := make([]byte, 1<<20)
	if n, err := io.ReadFull(r, b); n != len(b) || err != nil || !bytes.Equal(b[3:10], []byte("bbbbbbb")) {
		t.Errorf("endless Reader: %d, %v", n, err)
	}
}
