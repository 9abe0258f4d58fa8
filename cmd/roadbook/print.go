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
		legend bool
	}
	opts.paper = paperFlag(pdf.A5)
	return &command{
		name:    "print",
		summary: "print a stage's or a whole rally's roadbook as a PDF (A5, A4 or a 150 mm roll)",
		usage:   "roadbook print [-o OUT.pdf] [--paper a5|a4|roll|roll-a4|roll-a3] [--legend] [--tracks FILE]... [--redraw] [--rules FILE] [--lenient] FILE|DIR",
		help: `
Print builds the roadbook of one stage file (GPX, OpenRally, KML or KMZ, "-" for
standard input) or of every stage of a rally folder (one holding rally.json),
and writes it as one PDF: for each stage a first page with the stage's name,
date and towns, its section table and an overview map (sections coloured,
waypoints, km ticks, scale bar, north arrow), then the boxes in the FIA
layout, read top to bottom: the distance box (the section's odometer large,
from 0 at each section's start, the partial boxed bottom-left, the box
number bottom-right, the waypoint badges and radii, green when the previous
box is closer than 300 m, the closed section's total over 0.00 at a reset),
the tulip, and the notes (text and lexicon symbols, the CAP bottom-left,
danger ! to !!!, the speed limit in a red circle). A CAP the file does not
give, measured on the route, is grey in a dashed frame, the file's black on
yellow; notes roadbook wrote are grey; the first page's key says so. Every
page has a header with the rally, the stage and "page n of N".

--paper chooses the format: a5 (148 × 210 mm, 5 boxes a page, the
default), a4 (210 × 297 mm, 6 larger boxes a page), roll (a strip 150 mm
wide for bike roadbook holders, 15 boxes a page, the last page cut to its
boxes, for a roll printer), or the same roll as strips to cut out and glue
end to end: roll-a4 (one strip of 6 boxes on each A4 sheet) or roll-a3 (9
boxes on each A3 sheet); each strip is numbered, with dashed cut lines, a
grey glue tab for the next strip and join marks, half diamonds that make
whole ones when two strips are joined straight. A box is never split
across pages. The fonts (DejaVu Sans) are embedded; the drawings are
vectors. The same input gives the same bytes.

--legend adds the legend sheet after the roadbooks: every symbol notes can
use ({village}, {danger-2}…), drawn with its code and meaning, as
"roadbook lexicon -o" prints it.

The output is -o OUT.pdf ("-" for standard output); without -o it is the
input's name with .pdf, in the current folder: 07-stage7.gpx gives
07-stage7.pdf, the folder dakar2026 gives dakar2026.pdf, standard input
goes to standard output. The file is written whole or not at all, even
when the program is interrupted. No input is ever written: -o naming one
(the stage, a --tracks or --rules file, a rally's files), by any name or
link, is an error; a FIFO or a device (/dev/null) is written in place.
--rules gives the event's radii where the file gives none (else the
defaults below), printed under the waypoint badges and used as by the
other commands to place the waypoints on the route.

--tracks FILE (repeatable; GPX, KML or KMZ) gives the other tracks around
the route, a recce log or a map export of the roads and pistes: the tulips
draw them thin where they pass, so a junction shows its real branches
instead of a dashed straight-on stub.

The author's drawings are the roadbook: a box whose file gives its own tulip
or notes drawing (PNG, JPEG or SVG, inline or as a data URL, as Tulip and
Rally Navigator export them) prints that drawing (SVG as vectors); the tulip
is drawn from the route only where the file has none, or everywhere with
--redraw. A notes drawing's empty margins are left out so its marks print
large, and our own danger marks and speed sign are not stacked on it (the
author drew them). A drawing that cannot be read is a warning on standard
error naming the box, and a red line in the box; an SVG drawing printed
without some of its parts (gradients, filters, images outside the file…)
is a warning naming the box and what is missing. See docs/print.md.
` + radiiHelp,
		examples: `
roadbook print examples/dakar2026/07-stage7.gpx          # writes 07-stage7.pdf
roadbook print --paper roll -o stage7-roll.pdf 07-stage7.gpx
roadbook print --paper roll-a4 --legend 07-stage7.gpx     # strips to cut and glue, and the symbols
roadbook print --paper a4 roadbook-demo                   # the whole rally: roadbook-demo.pdf
`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&opts.out, "o", "", "write the PDF to `OUT.pdf` (\"-\": standard output; default: the input's name with .pdf)")
			fs.Var(&opts.paper, "paper", "the paper: `a5`, a4, roll, roll-a4 or roll-a3")
			fs.BoolVar(&opts.legend, "legend", false, "add the legend sheet of the roadbook symbols after the roadbooks")
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
			po := pdf.Options{Paper: pdf.Paper(opts.paper)}.WithRally(in.rally)
			po.Redraw = opts.redraw
			po.Rules = opts.load.rules
			po.Legend = opts.legend
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
				fmt.Fprintf(e.stdout, "%s: %s, %s, %s %s, %d KB\n", out,
					route.Plural(len(books), "stage", "stages"), route.Plural(boxes, "box", "boxes"),
					route.Plural(po.PageCount(books), "page", "pages"), paperText(po.Paper), (size+1023)/1024)
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
		return fmt.Errorf("unknown paper %q: want a5, a4, roll, roll-a4 or roll-a3", s)
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
	case pdf.RollA4:
		return "A4, a 150 mm roll in strips"
	case pdf.RollA3:
		return "A3, a 150 mm roll in strips"
	}
	return "A5 (148 × 210 mm)"
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
