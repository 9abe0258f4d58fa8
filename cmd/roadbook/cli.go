package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/roadbook/roadbook/internal/safefile"
)

// Exit codes.
const (
	exitOK        = 0
	exitFailure   = 1
	exitUsage     = 2
	exitDeviation = 3 // check found excursions or penalties
)

// env is what a command may touch: its standard streams, the command it
// runs (for usage messages), and the files it read.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	out            *checkedWriter // stdout
	cmd            *command
	// inputs are the files the run read (open, readStdin, loadRally),
	// which writeOutput refuses to replace.
	inputs safefile.Inputs
}

// errorf prints "roadbook: msg" on stderr and returns exitFailure.
func (e *env) errorf(format string, a ...any) int {
	fmt.Fprintf(e.stderr, "roadbook: "+format+"\n", a...)
	return exitFailure
}

// usagef prints a usage error of the command running, with its synopsis,
// and returns exitUsage.
func (e *env) usagef(format string, a ...any) int {
	fmt.Fprintf(e.stderr, "roadbook %s: %s\nusage: %s\nrun \"roadbook help %s\" for more\n",
		e.cmd.name, fmt.Sprintf(format, a...), e.cmd.usage, e.cmd.name)
	return exitUsage
}

// command is a subcommand: a value built by its file's constructor
// (infoCommand, checkCommand…) each time Main runs, its options local to
// that value, so that Main can run twice at once.
type command struct {
	name    string
	summary string // one line for the command list
	usage   string // the synopsis, "roadbook info [--json] FILE..."
	help    string // paragraphs after the synopsis
	// examples are command lines with a comment each, printed under
	// "examples:" after the flags; empty for none.
	examples string
	// flags declares the command's flags on fs, bound to the command's own
	// options; nil for none.
	flags func(fs *flag.FlagSet)
	// run runs the command on the positional arguments left after flag
	// parsing and returns the exit code.
	run func(e *env, args []string) int
	// signals says the command handles SIGINT and SIGTERM itself (edit
	// stops serving); for the others, they remove the temporary file of
	// an output being written and end the program as they would have.
	signals bool
}

// commands returns the program's commands, built afresh. Adding a command
// is a file with its constructor and one line here.
func commands() []*command {
	return []*command{
		checkCommand(),
		demoCommand(demoProducts()),
		editCommand(),
		infoCommand(),
		kmlCommand(),
		lexiconCommand(),
		openRallyCommand(),
		printCommand(),
		validateCommand(),
	}
}

// Main runs the program with the given arguments (without the program name)
// and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(commands(), args, stdin, stdout, stderr)
}

// run is Main with the commands given. Every write to stdout is checked: a
// failed one is exit 1 with its cause on stderr.
func run(cmds []*command, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	code := dispatch(cmds, args, stdin, out, stderr)
	if out.err != nil {
		if !out.reported {
			fmt.Fprintf(stderr, "roadbook: stdout: %v\n", out.err.(*fs.PathError).Err)
		}
		return exitFailure
	}
	return code
}

// dispatch runs the command args name, or help.
func dispatch(cmds []*command, args []string, stdin io.Reader, out *checkedWriter, stderr io.Writer) int {
	var stdout io.Writer = out
	if len(args) == 0 {
		printUsage(stderr, cmds)
		return exitUsage
	}
	find := func(name string) *command {
		for _, c := range cmds {
			if c.name == name {
				return c
			}
		}
		return nil
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := find(args[1]); c != nil {
				printCommandHelp(stdout, c, newFlagSet(c))
				return exitOK
			}
			for _, t := range topics {
				if t.name == args[1] {
					fmt.Fprintln(stdout, strings.TrimSpace(t.text()))
					return exitOK
				}
			}
			fmt.Fprintf(stderr, "roadbook: unknown command or topic %q\n", args[1])
			return exitUsage
		}
		printUsage(stdout, cmds)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "roadbook", version)
		return exitOK
	}
	c := find(name)
	if c == nil {
		fmt.Fprintf(stderr, "roadbook: unknown command %q\n\n", name)
		printUsage(stderr, cmds)
		return exitUsage
	}
	e := &env{stdin: stdin, stdout: out, stderr: stderr, out: out, cmd: c}
	fs := newFlagSet(c)
	rest, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printCommandHelp(stdout, c, fs)
		return exitOK
	}
	if err != nil {
		return e.usagef("%v", err)
	}
	if n := stdinUses(fs, rest); n > 1 {
		fmt.Fprintf(stderr, "roadbook %s: standard input (-) given %d times: it can be read once\nusage: %s\n", c.name, n, c.usage)
		return exitUsage
	}
	if !c.signals {
		defer safefile.RemoveOnSignal()()
	}
	return c.run(e, rest)
}

// stdinUses counts the inputs that name standard input ("-"): the
// arguments, and the values of the flags that name input files (--rules,
// --ride, --tracks; -o names an output).
func stdinUses(fs *flag.FlagSet, args []string) int {
	n := 0
	for _, x := range args {
		if x == "-" {
			n++
		}
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "o" {
			return
		}
		if l, ok := f.Value.(*stringList); ok {
			for _, x := range *l {
				if x == "-" {
					n++
				}
			}
		} else if f.Value.String() == "-" {
			n++
		}
	})
	return n
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func newFlagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		c.flags(fs)
	}
	return fs
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments ("roadbook info FILE --json"); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagDash finds the flag package's single-dash spelling of a flag name in
// its messages ("for flag -paper", "not defined: -x").
// One-letter flags keep one dash (-o), as the usage lines spell them.
var flagDash = regexp.MustCompile(`(flag|defined:|argument:) -([A-Za-z][A-Za-z0-9-]+)`)

// flagError rewrites the flag package's error in this tool's terms: flags
// spelled --name as the help spells them, "not a number" for a value that
// does not parse.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := flagDash.ReplaceAllString(err.Error(), "$1 --$2")
	msg = strings.Replace(msg, ": parse error", ": not a number", 1)
	return errors.New(msg)
}

func printUsage(w io.Writer, cmds []*command) {
	fmt.Fprint(w, `roadbook: rally-raid navigation toolkit

usage: roadbook COMMAND [flags] [arguments]

commands:
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `  help       show help for a command or topic: roadbook help COMMAND|TOPIC
  version    print the version

topics:
`)
	for _, t := range topics {
		fmt.Fprintf(w, "  %-10s %s\n", t.name, t.summary)
	}
	fmt.Fprint(w, `
Flags may come before or after the file names. "-" reads standard input or
writes standard output where a file is expected.

New here? "roadbook demo" writes the Dakar 2026 example into ./roadbook-demo;
then try "roadbook info roadbook-demo/07-stage7.gpx".
`)
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", c.usage, strings.TrimSpace(c.help))
	var names, texts []string
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		if arg != "" {
			name += " " + arg
		}
		// A default of "-" (standard input or output) is said by the text.
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool && f.DefValue != "" && f.DefValue != "0" && f.DefValue != "-" {
			text += " (default " + f.DefValue + ")"
		}
		names = append(names, name)
		texts = append(texts, text)
	})
	if len(names) > 0 {
		fmt.Fprint(w, "\nflags:\n")
		width := 0
		for _, n := range names {
			width = max(width, utf8.RuneCountInString(n))
		}
		for i, n := range names {
			fmt.Fprintf(w, "  %s%s  %s\n", n, strings.Repeat(" ", width-utf8.RuneCountInString(n)), texts[i])
		}
	}
	if ex := strings.Trim(c.examples, "\n"); ex != "" {
		fmt.Fprint(w, "\nexamples:\n")
		for _, line := range strings.Split(ex, "\n") {
			fmt.Fprintln(w, strings.TrimRight("  "+line, " "))
		}
	}
}

// open opens the input file name, and records it among the run's inputs,
// which no output may replace (standard output included: checkStdout).
func (e *env) open(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, pathError(err)
	}
	e.inputs.AddFile(name, f)
	if err := e.checkStdout(); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// readStdin returns standard input, to be read once, and records it among
// the run's inputs when it is a file ("roadbook openrally - < stage.gpx").
func (e *env) readStdin() (io.Reader, error) {
	if f, ok := e.stdin.(*os.File); ok {
		e.inputs.AddFile("stdin", f)
		if err := e.checkStdout(); err != nil {
			return nil, err
		}
	}
	return e.stdin, nil
}

// checkStdout refuses to go on when standard output is a file that is one
// of the inputs recorded: the shell opened it, appending
// ("roadbook info stage.gpx >> stage.gpx") or in place (1<>), and anything
// printed would write into the input. Call it after recording inputs,
// before anything is printed.
func (e *env) checkStdout() error {
	if e.out == nil {
		return nil
	}
	f, ok := e.out.w.(*os.File)
	if !ok {
		return nil
	}
	if err := e.inputs.CheckFile("stdout", f); err != nil {
		return fmt.Errorf("%v: redirect standard output to another file", err)
	}
	return nil
}

// writeOutput writes the output out with write: "-" is standard output;
// a file is written whole or not at all, and refused when it is one of the
// run's inputs (package safefile). Report its error with outputError.
func (e *env) writeOutput(out string, write func(w io.Writer) error) error {
	if out == "-" {
		return write(e.stdout)
	}
	if err := e.inputs.Check(out); err != nil {
		return err
	}
	return safefile.Write(out, write)
}

// outputError returns the failure err to write out as the command prints
// it: "OUT: no space left on device", "stdout: …", naming the output once
// and never a temporary file.
func (e *env) outputError(out string, err error) error {
	if errors.Is(err, safefile.ErrInput) {
		return fmt.Errorf("%v: write the output to another file", err)
	}
	name := out
	if out == "-" {
		name = "stdout"
		e.out.reported = true
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", name, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// defaultOutput returns the default output of a command for its input arg:
// the input's name with ext (".pdf", ".kmz") in the current folder, a
// file's without its extension, a folder's whole ("07-stage7.gpx" and
// "rallies/dakar2026/" give "07-stage7.pdf" and "dakar2026.pdf"); "-"
// (standard output) for standard input.
func defaultOutput(arg, ext string) string {
	if arg == "-" {
		return "-"
	}
	base := filepath.Base(arg)
	if abs, err := filepath.Abs(arg); err == nil {
		base = filepath.Base(abs)
	}
	if fi, err := os.Stat(arg); err != nil || !fi.IsDir() {
		base = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if base == "" || base == "." || base == string(filepath.Separator) {
		base = "roadbook"
	}
	return base + ext
}

// printJSON prints v on stdout as one indented JSON document.
func (e *env) printJSON(v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.errorf("%v", e.outputError("-", err))
	}
	return exitOK
}

// checkedWriter is standard output: it keeps the first write error, which
// Main reports if the command did not, so that a report cut short is a
// failure (exit 1), not a success.
type checkedWriter struct {
	w        io.Writer
	err      error // the first write error, as *fs.PathError naming stdout
	reported bool  // a command reported a failure to write stdout
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		c.err = &fs.PathError{Op: "write", Path: "stdout", Err: err}
		return n, c.err
	}
	return n, nil
}
