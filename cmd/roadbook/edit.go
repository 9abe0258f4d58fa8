package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/roadbook/roadbook/roadbook/edit"
	"github.com/roadbook/roadbook/route"
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
keeps the original beside it as FILE.orig. Save refuses when FILE changed on
disk since it was read. "Write PDF" prints the roadbook beside FILE
(stage.gpx gives stage.pdf). The editor writes no other file.

The page works offline: everything it needs is inside the program. The
server answers only on this computer (127.0.0.1, a free port) unless --addr
says otherwise, and only to requests that carry the token and name the
address served. Stop it with Ctrl-C; unsaved edits are then lost (it says
so).

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
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return e.errorf("edit: --addr %s: %v", addr, err)
	}
	defer ln.Close()
	tcp := ln.Addr().(*net.TCPAddr)
	hosts := []string{ln.Addr().String()}
	if tcp.IP.IsLoopback() {
		hosts = append(hosts, net.JoinHostPort("localhost", fmt.Sprint(tcp.Port)))
	} else {
		fmt.Fprintf(e.stderr, "roadbook: warning: the editor is served on %s, not only on this computer: anyone who can reach it and has the token can change %s\n", ln.Addr(), path)
		if tcp.IP.IsUnspecified() {
			hosts = append(hosts, interfaceHosts(tcp.Port)...)
		}
	}
	key := make([]byte, 16)
	rand.Read(key)
	token := hex.EncodeToString(key)
	srv, err := edit.NewServer(edit.Config{
		Path: path,
		Decode: func(r io.Reader) (*route.File, error) {
			f, _, err := route.Decode(r, route.DecodeOptions{})
			return f, err
		},
		Token: token,
		Hosts: hosts,
		Tiles: tiles,
	})
	if err != nil {
		return e.errorf("%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	url := "http://" + hosts[0] + "/?token=" + token
	fmt.Fprintln(e.stdout, url)
	fmt.Fprintf(e.stderr, "roadbook: editing %s (%d boxes); Ctrl-C stops\n", path, len(srv.Doc().Book().Boxes))
	if browser {
		openBrowser(e, url)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return e.errorf("edit: %v", err)
	case <-ctx.Done():
	}
	// Requests being served end first: a save is never cut short.
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		hs.Close()
	}
	srv.Lock()
	defer srv.Unlock()
	if srv.Doc().Dirty() {
		fmt.Fprintf(e.stderr, "roadbook: stopped; the edits not saved are lost (%s is as last saved)\n", path)
	} else {
		fmt.Fprintln(e.stderr, "roadbook: stopped")
	}
	return exitOK
}

// interfaceHosts returns host:port for every address of this computer's
// network interfaces, the names a browser elsewhere may use.
func interfaceHosts(port int) []string {
	var out []string
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok {
			out = append(out, net.JoinHostPort(ipn.IP.String(), fmt.Sprint(port)))
		}
	}
	if h, err := os.Hostname(); err == nil {
		out = append(out, net.JoinHostPort(h, fmt.Sprint(port)))
	}
	return out
}

// openBrowser opens url in the user's browser, saying so when it cannot.
func openBrowser(e *env, url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(e.stderr, "roadbook: cannot open a browser (%v): open the address above\n", err)
		return
	}
	go cmd.Wait()
}
