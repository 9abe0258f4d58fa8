package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/roadbook/roadbook/roadbook/edit"
)

func editCommand() *command {
	var opts struct {
		addr, tiles string
		noBrowser   bool
	}
	return &command{
		name:    "edit",
		summary: "edit a stage's roadbook in the browser (a local web page)",
		signals: true, // Ctrl-C stops serving, after the request in flight
		usage:   "roadbook edit [--addr HOST:PORT] [--no-browser] [--tiles URL-TEMPLATE] FILE",
		help: `
Edit serves the roadbook editor for one stage file (GPX, OpenRally, KML or
KMZ) as a web page on this computer, prints the page's address (with its
secret token) on the first line of standard output, and opens it in the
browser. A plain track becomes a draft roadbook with the boxes found on it.
The page shows the map of the stage beside the roadbook as it prints; add,
move and delete boxes on the track, write notes with the lexicon's symbols,
set danger, CAP, the tulip's exit and other tracks with their surfaces,
waypoints, radii, speed zones, neutralisations and time controls. Every edit
can be undone; validate's checks show beside the boxes.

Save writes OpenRally v1.0.3 over FILE, whole or not at all; the first save
keeps the original beside it as FILE.orig. A KML or KMZ file is never
changed: Save writes OpenRally beside it, stage.kmz to stage.gpx (an
existing stage.gpx is first kept as stage.gpx.orig). Save refuses when the
file changed on disk since it was read. "Write PDF" prints the roadbook
beside it (stage.gpx gives stage.pdf). The editor writes no other file.

The page works offline: everything it needs is inside the program. The
server answers only on this computer (127.0.0.1, a free port) unless --addr
says otherwise, and only to requests that carry the token and name the
address served. With --addr 0.0.0.0:PORT (every interface) the address
printed is 127.0.0.1's, and standard error lists those other computers may
use. Stop it with Ctrl-C; unsaved edits are then lost (it says so).

--tiles gives an XYZ tile source for the map's background, for example
https://tile.example.org/{z}/{x}/{y}.png (satellite or topographic, where
you have one; without it the map shows the stage on a plain background).
`,
		examples: `
roadbook edit examples/dakar2026/07-stage7.gpx
roadbook edit --no-browser --addr 127.0.0.1:8765 stage.gpx
`,
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&opts.addr, "addr", "127.0.0.1:0", "serve on `HOST:PORT` (port 0: a free one)")
			fs.BoolVar(&opts.noBrowser, "no-browser", false, "do not open the browser")
			fs.StringVar(&opts.tiles, "tiles", "", "the map's background tiles, an XYZ `URL-TEMPLATE` with {z}, {x} and {y}")
		},
		run: func(e *env, args []string) int {
			if len(args) != 1 || args[0] == "-" {
				return e.usagef("want one stage file to edit (it is saved over)")
			}
			return runEdit(e, args[0], opts.addr, opts.tiles, !opts.noBrowser)
		},
	}
}

func runEdit(e *env, path, addr, tiles string, browser bool) int {
	// The address is printed on standard output: never into the file.
	e.inputs.Add(path)
	if err := e.checkStdout(); err != nil {
		return e.errorf("%v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return e.errorf("edit: --addr %s: %v", addr, err)
	}
	defer ln.Close()
	tcp := ln.Addr().(*net.TCPAddr)
	hosts, public := edit.Hosts(tcp)
	if public {
		fmt.Fprintf(e.stderr, "roadbook: warning: the editor is served on %s, not only on this computer: anyone who can reach it and has the token can change %s\n", addr, path)
	}
	token := edit.NewToken()
	srv, err := edit.NewServer(edit.Config{Path: path, Token: token, Hosts: hosts, Tiles: tiles})
	if err != nil {
		return e.errorf("%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	url := "http://" + hosts[0] + "/?token=" + token
	fmt.Fprintln(e.stdout, url)
	fs := srv.Files()
	fmt.Fprintf(e.stderr, "roadbook: editing %s (%d boxes); Ctrl-C stops\n", path, len(srv.Doc().Book().Boxes))
	if tcp.IP.IsUnspecified() {
		// Every interface: the addresses another computer may use.
		var others []string
		for _, h := range hosts[2:] {
			if hh, _, _ := net.SplitHostPort(h); hh != "::" && hh != "0.0.0.0" && !strings.HasPrefix(hh, "127.") && hh != "::1" && !strings.HasPrefix(hh, "fe80:") {
				others = append(others, "http://"+h+"/?token="+token)
			}
		}
		if len(others) > 0 {
			fmt.Fprintf(e.stderr, "roadbook: from another computer: %s\n", strings.Join(others, " or "))
		}
	}
	if fs.Save != fs.Open {
		fmt.Fprintf(e.stderr, "roadbook: %s is %s: saving writes OpenRally to %s beside it (%s is not changed)\n", path, strings.ToUpper(fs.Format), fs.Save, path)
	}
	if browser {
		if err := edit.OpenBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "roadbook: cannot open a browser (%v): open the address above\n", err)
		}
	}
	if err := srv.Serve(ctx, ln); err != nil {
		return e.errorf("%v", err)
	}
	if srv.Doc().Dirty() {
		fmt.Fprintf(e.stderr, "roadbook: stopped; the edits not saved are lost (%s is as last saved)\n", fs.Save)
	} else {
		fmt.Fprintln(e.stderr, "roadbook: stopped")
	}
	return exitOK
}
