package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/examples/dakar2026"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/pdf"
	"github.com/roadbook/roadbook/route"
)

// poppler runs a poppler-utils tool (pdfinfo, pdftotext, pdffonts,
// pdftoppm) and returns its output; without it the test skips, unless
// CI=true, where it fails.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found and CI=true (install poppler-utils)", tool)
		}
		t.Skipf("%s not found (poppler-utils not installed): PDF checks skipped", tool)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(p, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// pdfPageCount returns the page count pdfinfo reads in file.
func pdfPageCount(t *testing.T, file string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(poppler(t, "pdfinfo", file))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", file)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// printStage is a stage whose names and notes need Latin-extended glyphs.
const printStage = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="print test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:openrally="http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3">
 <metadata><name>Étape 5 · Ha'il > Wādī ad-Dawāsir</name></metadata>
 <wpt lat="27.5200" lon="41.7208"><name>DSS</name><desc>Baciuška, piste à droite</desc><extensions><openrally:dss/></extensions></wpt>
 <wpt lat="27.5600" lon="41.7208"><name>WPM 12</name><extensions><openrally:wpm name="WPM 12"/></extensions></wpt>
 <wpt lat="27.5600" lon="41.7700"><name>ASS</name><extensions><openrally:ass/></extensions></wpt>
 <trk><trkseg>
%s </trkseg></trk>
</gpx>
`

// printStageGPX returns printStage with its track: 6 km north from Ha'il
// then 6 km east, a point every 100 m.
func printStageGPX() string {
	var b strings.Builder
	for i := 0; i <= 60; i++ {
		fmt.Fprintf(&b, "  <trkpt lat=\"%.7f\" lon=\"41.7208000\"/>\n", 27.5114+float64(i)*0.0009)
	}
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "  <trkpt lat=\"27.5654000\" lon=\"%.7f\"/>\n", 41.7208+float64(i)*0.00102)
	}
	return fmt.Sprintf(printStage, b.String())
}

// TestPrintCommand prints a stage on each paper and checks what readers
// see: the page count for its boxes, every box's total on the page its
// number puts it on, the names with diacritics, every font embedded.
func TestPrintCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "05-stage5.gpx")
	if err := os.WriteFile(in, []byte(printStageGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	rb := roadbook.Build(rbLoadStage(t, in), roadbook.Options{})
	if len(rb.Boxes) < 6 {
		t.Fatalf("the test stage has %d boxes; want at least 6 (a second box page on roll is not tested otherwise)", len(rb.Boxes))
	}
	for _, paper := range []pdf.Paper{pdf.A5, pdf.A4, pdf.Roll, pdf.RollA4, pdf.RollA3} {
		t.Run(paper.String(), func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(dir, paper.String()+".pdf")
			code, stdout, stderr := runMain(t, "", "print", "--paper", paper.String(), "-o", out, in)
			if code != exitOK {
				t.Fatalf("roadbook print --paper %v: exit %d\n%s", paper, code, stderr)
			}
			pages := paper.Pages(len(rb.Boxes))
			if want := fmt.Sprintf("%s: 1 stage, %s, %s ", out, route.Plural(len(rb.Boxes), "box", "boxes"), route.Plural(pages, "page", "pages")); !strings.HasPrefix(stdout, want) {
				t.Errorf("stdout %q; want it to start %q", stdout, want)
			}
			if got := pdfPageCount(t, out); got != pages {
				t.Errorf("pdfinfo: %d pages; want %d for %d boxes", got, pages, len(rb.Boxes))
			}
			per := paper.BoxesPerPage()
			for i, b := range rb.Boxes {
				pg := strconv.Itoa(2 + i/per)
				text := poppler(t, "pdftotext", "-f", pg, "-l", pg, out, "-")
				total := strconv.FormatFloat(b.Total/1000, 'f', 2, 64)
				if !strings.Contains(text, total) {
					t.Errorf("page %s: no total %s of box %d", pg, total, b.Number)
				}
			}
			text := poppler(t, "pdftotext", out, "-")
			first := "page 1 of "
			if paper == pdf.RollA4 || paper == pdf.RollA3 {
				first = "strip 1 of "
			}
			for _, want := range []string{"Étape 5 · Ha'il > Wādī ad-Dawāsir", "Baciuška", "WPM 12", "DSS", first + strconv.Itoa(pages)} {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext: no %q", want)
				}
			}
			fonts := strings.Split(strings.TrimSpace(poppler(t, "pdffonts", out)), "\n")
			if len(fonts) < 3 {
				t.Errorf("pdffonts: no fonts listed")
			}
			for _, l := range fonts[min(2, len(fonts)):] {
				if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
					t.Errorf("pdffonts: font not embedded: %s", l)
				}
			}
		})
	}
}

// TestPrintLegend prints a stage with --legend: the legend sheet follows
// the roadbook, every page counted in the summary line, its bookmark in
// the outline, its symbols' codes in the text.
func TestPrintLegend(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "05-stage5.gpx")
	if err := os.WriteFile(in, []byte(printStageGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	rb := roadbook.Build(rbLoadStage(t, in), roadbook.Options{})
	for _, paper := range []pdf.Paper{pdf.A5, pdf.RollA4} {
		out := filepath.Join(dir, paper.String()+".pdf")
		code, stdout, stderr := runMain(t, "", "print", "--legend", "--paper", paper.String(), "-o", out, in)
		if code != exitOK {
			t.Fatalf("roadbook print --legend --paper %v: exit %d\n%s", paper, code, stderr)
		}
		book, legend := paper.Pages(len(rb.Boxes)), paper.LegendPages()
		if legend < 2 {
			t.Fatalf("%v.LegendPages() = %d; want the sheet's pages", paper, legend)
		}
		if want := route.Plural(book+legend, "page", "pages"); !strings.Contains(stdout, want) {
			t.Errorf("--paper %v: stdout %q; want %q", paper, stdout, want)
		}
		if got := pdfPageCount(t, out); got != book+legend {
			t.Errorf("--paper %v: pdfinfo: %d pages; want %d of roadbook and %d of legend", paper, got, book, legend)
		}
		first := strconv.Itoa(book + 1)
		text := poppler(t, "pdftotext", "-f", first, "-l", strconv.Itoa(book+legend), out, "-")
		for _, code := range []string{"village", "danger-3", "wadi", "Roadbook symbols"} {
			if !strings.Contains(text, code) {
				t.Errorf("--paper %v: the legend pages have no %q", paper, code)
			}
		}
	}
}

// TestPrintDefaultName prints without -o: the output is the input's name
// with .pdf in the current folder, for a file and for a rally folder.
// Not parallel: it changes the current folder (t.Chdir).
func TestPrintDefaultName(t *testing.T) {
	dir := t.TempDir()
	rally := filepath.Join(dir, "dakar2026")
	if err := os.CopyFS(rally, dakar2026.FS); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, stdout, stderr := runMain(t, "", "print", "dakar2026/07-stage7.gpx")
	if code != exitOK || !strings.HasPrefix(stdout, "07-stage7.pdf: 1 stage, ") {
		t.Fatalf("roadbook print dakar2026/07-stage7.gpx: exit %d, stdout %q, stderr %q; want 0 and 07-stage7.pdf", code, stdout, stderr)
	}
	if _, err := os.Stat("07-stage7.pdf"); err != nil {
		t.Errorf("no 07-stage7.pdf in the current folder: %v", err)
	}

	code, stdout, stderr = runMain(t, "", "print", "--paper=roll", "dakar2026")
	if code != exitOK || !strings.HasPrefix(stdout, "dakar2026.pdf: 14 stages, ") {
		t.Fatalf("roadbook print dakar2026: exit %d, stdout %q, stderr %q; want 0 and dakar2026.pdf with 14 stages", code, stdout, stderr)
	}
	_, stages, err := route.LoadRally(dakar2026.FS, ".", route.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, st := range stages {
		pages += pdf.Roll.Pages(len(roadbook.Build(st.Stage, roadbook.Options{}).Boxes))
	}
	if got := pdfPageCount(t, "dakar2026.pdf"); got != pages {
		t.Errorf("dakar2026.pdf: %d pages; want %d (the 14 stages' on roll)", got, pages)
	}
	text := poppler(t, "pdftotext", "-l", "1", "dakar2026.pdf", "-")
	for _, want := range []string{"Dakar 2026 · Prologue", "Saturday 3 January 2026 · Yanbu > Yanbu"} {
		if !strings.Contains(text, want) {
			t.Errorf("dakar2026.pdf page 1: no %q:\n%s", want, text)
		}
	}

	for _, arg := range []string{"dakar2026/", "dakar2026/.", "./dakar2026"} {
		if got := defaultOutput(arg, ".pdf"); got != "dakar2026.pdf" {
			t.Errorf("defaultOutput(%q, .pdf) = %q; want %q", arg, got, "dakar2026.pdf")
		}
	}
	t.Chdir(rally)
	if got := defaultOutput(".", ".pdf"); got != "dakar2026.pdf" {
		t.Errorf("defaultOutput(%q, .pdf) in dakar2026 = %q; want %q", ".", got, "dakar2026.pdf")
	}
}

func TestDefaultOutputPDF(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"examples/dakar2026/07-stage7.gpx", "07-stage7.pdf"},
		{"stage.GPX", "stage.pdf"},
		{"noext", "noext.pdf"},
		{"-", "-"},
		{"../x/roadbook.pdf", "roadbook.pdf"},
	}
	for _, tt := range tests {
		if got := defaultOutput(tt.in, ".pdf"); got != tt.want {
			t.Errorf("defaultOutput(%q, .pdf) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestPrintStdinStdout reads the stage from standard input and writes the
// PDF to standard output, the same bytes as -o FILE writes.
func TestPrintStdinStdout(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runMain(t, printStageGPX(), "print", "-")
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") || stderr != "" {
		t.Fatalf("roadbook print - < stage: exit %d, stdout %.20q, stderr %q; want 0 and a PDF", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "x.pdf")
	if code, _, stderr := runMain(t, printStageGPX(), "print", "-o", out, "-"); code != exitOK {
		t.Fatalf("roadbook print -o FILE -: exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if !bytes.Equal(b, []byte(stdout)) {
		t.Errorf("print to stdout and to a file differ: %d and %d bytes", len(stdout), len(b))
	}
}

// TestPrintErrors checks print's failures. Not parallel: the default output
// goes to the current folder (t.Chdir).
func TestPrintErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf") // a GPX file named .pdf: its default output is itself
	if err := os.WriteFile(in, []byte(printStageGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"print"}, exitUsage, "want exactly one input file or rally folder, got 0"},
		{"two files", []string{"print", "in.pdf", "in.pdf"}, exitUsage, "want exactly one input file or rally folder, got 2"},
		{"bad paper", []string{"print", "--paper", "letter", "in.pdf"}, exitUsage, `unknown paper "letter": want a5, a4, roll, roll-a4 or roll-a3`},
		{"bad flag", []string{"print", "--color", "in.pdf"}, exitUsage, "flag provided but not defined: --color"},
		{"missing file", []string{"print", "-o", "x.pdf", "nope.gpx"}, exitFailure, "roadbook: nope.gpx: no such file or directory"},
		{"output is the input", []string{"print", "-o", "./in.pdf", "in.pdf"}, exitFailure, "roadbook: ./in.pdf: is an input (in.pdf): write the output to another file"},
		{"default output is the input", []string{"print", "in.pdf"}, exitFailure, "roadbook: in.pdf: is an input: write the output to another file"},
		{"output in a missing folder", []string{"print", "-o", "no-such-dir/x.pdf", "in.pdf"}, exitFailure, "no-such-dir/x.pdf: folder no-such-dir does not exist"},
		{"missing rules", []string{"print", "--rules", "nope.json", "-o", "x.pdf", "in.pdf"}, exitFailure, "nope.json: no such file or directory"},
		{"not a rally folder", []string{"print", "-o", "x.pdf", "."}, exitFailure, "a folder without rally.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runMain(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("roadbook %s: exit %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), code, stderr, tt.code, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(in); string(b) != printStageGPX() {
		t.Errorf("the input file was changed")
	}
	if _, err := os.Stat("x.pdf"); err == nil {
		t.Errorf("a failed print left x.pdf behind")
	}
}

// TestDemoPrint runs the demo's printed roadbooks alone: one A5 PDF per
// stage under roadbooks/, with the page count of its boxes, the rally's
// name and the stage's date and towns.
func TestDemoPrint(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	d, err := loadDemo(e, dir)
	if err != nil {
		t.Fatal(err)
	}
	written, err := demoPrint(d)
	if err != nil {
		t.Fatalf("demoPrint: %v", err)
	}
	if want := "roadbooks/00-prologue.pdf … 13-stage13.pdf (14 files)"; len(written) != 1 || written[0] != want {
		t.Errorf("demoPrint wrote %q; want [%q]", written, want)
	}
	for i, s := range d.rally.Stages {
		path := filepath.Join(dir, demoPrintDir, strings.TrimSuffix(s.File, ".gpx")+".pdf")
		if _, err := os.Stat(path); err != nil {
			t.Errorf("stage %s: %v", s.Name, err)
			continue
		}
		if s.Name != "Stage 7" && i != 0 {
			continue // poppler on two stages is enough
		}
		boxes := len(roadbook.Build(d.stages[i].Stage, roadbook.Options{}).Boxes)
		if got, want := pdfPageCount(t, path), pdf.A5.Pages(boxes); got != want {
			t.Errorf("%s: %d pages; want %d for %d boxes", path, got, want, boxes)
		}
		text := poppler(t, "pdftotext", "-l", "1", path, "-")
		if want := "Dakar 2026 · " + s.Name; !strings.Contains(text, want) {
			t.Errorf("%s: no %q on page 1", path, want)
		}
		if want := s.Start + " > " + s.Finish; !strings.Contains(text, want) {
			t.Errorf("%s: no %q on page 1", path, want)
		}
	}
}

// TestPrintRules: --rules gives the radii printed under a waypoint whose
// file gives none (the WPM of the test stage: 800/90 m by default).
func TestPrintRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in, rules := filepath.Join(dir, "stage.gpx"), filepath.Join(dir, "rules.json")
	if err := os.WriteFile(in, []byte(printStageGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rules, []byte(`{"radii": {"WPM": {"open_m": 1500, "clear_m": 250}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "800/90 m"},
		{[]string{"--rules", rules}, "1500/250 m"},
	} {
		out := filepath.Join(dir, fmt.Sprint(len(tc.args), ".pdf"))
		args := append(append([]string{"print", "-o", out}, tc.args...), in)
		if code, _, stderr := runMain(t, "", args...); code != exitOK {
			t.Fatalf("roadbook %v: exit %d\n%s", args, code, stderr)
		}
		if text := poppler(t, "pdftotext", out, "-"); !strings.Contains(text, tc.want) {
			t.Errorf("roadbook %v: the WPM's radii are not printed as %q", args, tc.want)
		}
	}
}
