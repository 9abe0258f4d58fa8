package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSameAsPython generates the small and medium rallies and compares them
// with what the generator's first, Python version wrote for the same sizes
// and seed: the SHA-256 of each GPX file (testdata/SHA256SUMS) and the truth
// file (testdata/truth-*.json) byte for byte, except the generator's name.
//
// The large size was compared once, by hand: the recorded log and the truth
// are the same; the route differs in one digit of one of its 2,000,000
// coordinates (lon 39.6479817 here, 39.6479816 there, at point 524,512,
// whose unrounded value is 39.64798165 within 1e-14), because Go's
// math.Sin and math.Cos differ from glibc's in the last bit at times and the
// heading accumulates them.
func TestSameAsPython(t *testing.T) {
	sums := map[string]string{}
	b, err := os.ReadFile("testdata/SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		sum, file, _ := strings.Cut(line, "  ")
		sums[file] = sum
	}
	for _, size := range []string{"small", "medium"} {
		t.Run(size, func(t *testing.T) {
			if testing.Short() && size != "small" {
				t.Skip("-short")
			}
			n, _ := SizePoints(size)
			g, err := Generate(size, n, DefaultSeed)
			if err != nil {
				t.Fatal(err)
			}
			for file, write := range map[string]func(w *bytes.Buffer) error{
				"route-" + size + ".gpx":    func(w *bytes.Buffer) error { return g.WriteRoute(w) },
				"recorded-" + size + ".gpx": func(w *bytes.Buffer) error { return g.WriteRecorded(w) },
			} {
				var buf bytes.Buffer
				if err := write(&buf); err != nil {
					t.Fatal(err)
				}
				h := sha256.Sum256(buf.Bytes())
				if got := hex.EncodeToString(h[:]); got != sums[file] {
					t.Errorf("%s: SHA-256 %s; want %s (%d bytes)", file, got, sums[file], buf.Len())
				}
			}
			var buf bytes.Buffer
			if err := g.WriteTruth(&buf); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile("testdata/truth-" + size + ".json")
			if err != nil {
				t.Fatal(err)
			}
			want = bytes.Replace(want, []byte(`"gen_rally_gpx.py"`), []byte(`"roadbook bench/synth"`), 1)
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("truth-%s.json:\n%s\nwant:\n%s", size, buf.Bytes(), want)
			}
		})
	}
}

// TestWriteFiles writes the files of a custom size and reads the truth back:
// the JSON written is the Truth returned, and no temporary file is left.
func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	truth, err := WriteFiles(dir, "custom", 3000, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "truth-custom.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back Truth
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, truth) {
		t.Errorf("truth-custom.json reads back as\n%+v\nwant\n%+v", back, *truth)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := "recorded-custom.gpx route-custom.gpx truth-custom.json"; strings.Join(names, " ") != want {
		t.Errorf("files %v; want %s", names, want)
	}
	x := truth.Recorded.Excursion
	if x.First <= x.StartIndex || x.Last >= x.EndIndex || x.FarIndex <= x.First || x.FarIndex >= x.Last || x.MaxOffroute < 2500 {
		t.Errorf("excursion %+v; want fixes start < first < far < last < end, at least 2,500 m off", x)
	}
}

func TestGenerateErrors(t *testing.T) {
	if _, err := Generate("tiny", 2, DefaultSeed); err == nil {
		t.Error("Generate(tiny, 2 points) succeeded; want an error")
	}
	// 100 points (1.5 km) have no junction past 40 % of the route.
	if _, err := Generate("short", 100, DefaultSeed); err == nil || !strings.Contains(err.Error(), "no junction suitable") {
		t.Errorf("Generate(short, 100 points) = %v; want no junction suitable", err)
	}
}

func TestFloatRepr(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{2500, "2500.0"}, {0, "0.0"}, {75012.3, "75012.3"}, {-3.5, "-3.5"}, {24.1234567, "24.1234567"},
		{1e16, "1e+16"}, {1.5e-5, "1.5e-05"}, {0.0001, "0.0001"},
	} {
		if got := floatRepr(c.x); got != c.want {
			t.Errorf("floatRepr(%v) = %s; want %s", c.x, got, c.want)
		}
	}
}
