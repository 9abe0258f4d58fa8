package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/roadbook/pdf"
	"github.com/roadbook/roadbook/route"
)

func printCommand() *command {
	var opts struct {
		out    string
		paper  paperFlag
		load   loadOptions
		tracks stringList
		redraw bool
	}
	opts.paper = paperFlag(pdf.A5)
	return &command{
		name:    "print",
		summary: "print a stage's or a whole rally's roadbook as a PDF (A5, A4 or a 150 mm roll)",
		usage:   "roadbook print [-o OUT.pdf] [--paper a5|a4|roll] [--tracks FILE]... [--redraw] [--rules FILE] [--lenient] FILE|DIR",
		help: `
Print builds the roadbook of one stage file (GPX, OpenRally, KML or KMZ, "-" for
standard input) or of every stage of a rally folder (one holding rally.json),
and writes it as one PDF: for each stage a first page with the stage's name,
date and towns, its section table and an overview map (sections coloured,
waypoints, km ticks, scale bar, north arrow), then the boxes in the FIA
layout, read top to bottom: the distance box (total km large, partial km
boxed bottom-left, box number bottom-right, the waypoint badge, grey when
the next box is closer than 300 m, the reset mark at the DSS), the tulip,
and the notes (the CAP on yellow, danger ! to !!!, the speed limit in a red
circle). Every page has a header with the rally, the stage and "page n of
N".

--paper chooses the format: a5 (148 × 210 mm, 5 boxes a page, the
default), a4 (210 × 297 mm, 6 larger boxes a page) or roll (a strip 150 mm
wide for bike roadbook holders, 15 boxes a page, the last page cut to its
boxes). A box is never split across pages. The fonts (DejaVu Sans) are
embedded; the drawings are vectors. The same input gives the same bytes.

The output is -o OUT.pdf ("-" for standard output); without -o it is the
input's name with .pdf, in the current folder: 07-stage7.gpx gives
07-stage7.pdf, the folder dakar2026 gives dakar2026.pdf, standard input
goes to standard output. The file is written whole or not at all, even
when the program is interrupted. No input is ever written: -o naming one
(the stage, a --tracks or --rules file, a rally's files), by any name or
link, is an error; a FIFO or a device (/dev/null) is written in place.
--rules gives the event's radii where the file gives none (else the
defaults below), used as by the other commands to place the waypoints on
the route.

--tracks FILE (repeatable; GPX, KML or KMZ) gives the other tracks around
the route, a recce log or a map export of the roads and pistes: the tulips
draw them thin where they pass, so a junction shows its real branches
instead of a dashed straight-on stub.

The author's drawings are the roadbook: a box whose file gives its own tulip
or notes drawing (PNG, JPEG or SVG, inline or as a data URL, as Tulip and
Rally Navigator export them) prints that drawing (SVG as vectors); the tulip
is drawn from the route only where the file has none, or everywhere with
--redraw. A drawing that cannot be read is a warning on standard error
naming the box, and a red line in the box. See docs/print.md.
` + radiiHelp,
		examples: `
roadbook print examples/dakar2026/07-stage7.gpx          # writes 07-stage7.pdf
roadbook print --paper roll -o stage7-roll.pdf 07-stage7.gpx
roadbook print --paper a4 roadbook-demo                   # the whole rally: roadbook-demo.pdf
`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&opts.out, "o", "", "write the PDF to `OUT.pdf` (\"-\": standard output; default: the input's name with .pdf)")
			fs.Var(&opts.paper, "paper", "the paper: `a5`, a4 or roll")
			fs.Var(&opts.tracks, "tracks", "draw the other tracks of `FILE` (GPX, KML, KMZ) in the tulips (repeatable)")
			fs.BoolVar(&opts.redraw, "redraw", false, "draw every tulip from the route, even where the file gives its own drawing")
			opts.load.flags(fs)
			opts.load.rulesFlag(fs)
		},
		run: func(e *env, args []string) int {
			if len(args) != 1 {
				return e.usagef("want exactly one input file or rally folder, got %d", len(args))
			}
			out := opts.out
			if out == "" {
				out = defaultOutput(args[0], ".pdf")
			}
			inputs, ok := opts.load.loadAll(e, args)
			if !ok {
				return exitFailure
			}
			in := inputs[0]
			tracks, err := loadTracks(e, opts.tracks, opts.load.lenient)
			if err != nil {
				return e.errorf("%v", err)
			}
			po := printOptions(in.rally, pdf.Paper(opts.paper))
			po.Redraw = opts.redraw
			po.Warn = func(msg string) { fmt.Fprintf(e.stderr, "roadbook: warning: %s\n", msg) }
			books, size, err := writePrint(e, out, in.stages, po, roadbook.Options{Tracks: tracks})
			boxes := 0
			for i, b := range books {
				boxes += len(b.Boxes)
				for _, c := range b.Checks {
					fmt.Fprintf(e.stderr, "roadbook: %s: warning: %s\n", in.stages[i].Path, c.Message)
				}
			}
			if err != nil {
				return e.errorf("%v", e.outputError(out, err))
			}
			if out != "-" {
				paper := pdf.Paper(opts.paper)
				pages := 0
				for _, b := range books {
					pages += paper.Pages(len(b.Boxes))
				}
				fmt.Fprintf(e.stdout, "%s: %s, %s, %s %s, %d KB\n", out,
					route.Plural(len(books), "stage", "stages"), route.Plural(boxes, "box", "boxes"),
					route.Plural(pages, "page", "pages"), paperText(paper), (size+1023)/1024)
			}
			return exitOK
		},
	}
}

// writePrint builds the roadbook of each stage (roadbook.Build with rbOpts)
// and writes them as one PDF to path ("-" for standard
// output) with env.writeOutput. The print command and the demo both print
// through it. It returns the roadbooks, with their checks for the caller to
// report, also when the write fails, and the PDF's size in bytes.
func writePrint(e *env, path string, stages []route.LoadedStage, opts pdf.Options, rbOpts roadbook.Options) ([]*roadbook.Book, int64, error) {
	books := make([]*roadbook.Book, len(stages))
	for i, st := range stages {
		books[i] = roadbook.Build(st.Stage, rbOpts)
	}
	var size int64
	err := e.writeOutput(path, func(w io.Writer) error {
		cw := &countingWriter{w: w}
		err := pdf.Encode(cw, books, opts)
		size = cw.n
		return err
	})
	return books, size, err
}

// paperFlag is the --paper flag: a pdf.Paper that the flag parser sets from
// its name, so a wrong name is a usage error.
type paperFlag pdf.Paper

func (p *paperFlag) String() string { return pdf.Paper(*p).String() }

func (p *paperFlag) Set(s string) error {
	v, err := pdf.ParsePaper(s)
	if err != nil {
		return fmt.Errorf("unknown paper %q: want a5, a4 or roll", s)
	}
	*p = paperFlag(v)
	return nil
}

// paperText says what a paper is, for the command's summary line.
func paperText(p pdf.Paper) string {
	switch p {
	case pdf.A4:
		return "A4 (210 × 297 mm)"
	case pdf.Roll:
		return "of a 150 mm roll"
	}
	return "A5 (148 × 210 mm)"
}

// printOptions returns the PDF options for a print on paper: for a rally
// (nil for a single stage file), its name in every header and under each
// stage's name its date and towns ("Sunday 11 January 2026 · Riyadh >
// Wadi ad-Dawasir").
func printOptions(rally *route.Rally, paper pdf.Paper) pdf.Options {
	o := pdf.Options{Paper: paper}
	if rally == nil {
		return o
	}
	o.Rally = rally.Name
	for _, rs := range rally.Stages {
		o.Subtitles = append(o.Subtitles, rs.Subtitle())
	}
	return o
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
