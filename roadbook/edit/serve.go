package edit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"time"
)

// NewToken returns a new secret token for Config.Token: 32 hex digits
// from the system's random source.
func NewToken() string {
	key := make([]byte, 16)
	rand.Read(key) // never fails (crypto/rand)
	return hex.EncodeToString(key)
}

// Hosts returns the Host header values a browser may use to reach a server
// listening on addr, for Config.Hosts, the first one the address to open
// on this computer: on loopback, "127.0.0.1:PORT" (the address as given)
// and "localhost:PORT"; on another address, that address; on an
// unspecified one (0.0.0.0, ::, which serve every network interface),
// "127.0.0.1:PORT" and "localhost:PORT" first (a browser cannot open
// "[::]:PORT"), then every address of this computer's network interfaces
// and its host name. public reports that the server is reachable from
// other computers.
func Hosts(addr *net.TCPAddr) (hosts []string, public bool) {
	port := fmt.Sprint(addr.Port)
	if addr.IP.IsLoopback() {
		return []string{addr.String(), net.JoinHostPort("localhost", port)}, false
	}
	if !addr.IP.IsUnspecified() {
		return []string{addr.String()}, true
	}
	hosts = []string{net.JoinHostPort("127.0.0.1", port), net.JoinHostPort("localhost", port)}
	ifaddrs, _ := net.InterfaceAddrs()
	for _, a := range ifaddrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.Equal(net.IPv4(127, 0, 0, 1)) {
			hosts = append(hosts, net.JoinHostPort(ipn.IP.String(), port))
		}
	}
	if h, err := os.Hostname(); err == nil {
		hosts = append(hosts, net.JoinHostPort(h, port))
	}
	return append(hosts, addr.String()), true
}

// Serve serves the editor on ln until ctx is done (the command's Ctrl-C),
// then stops: it lets the requests being served finish (a save in progress
// is never cut short, for up to 10 seconds) and refuses any later one. It
// returns nil after such a stop, else the error that stopped serving.
// After Serve returns, Doc and Dirty tell what was left unsaved.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("edit: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		hs.Close()
	}
	// A request still running past the timeout holds the Doc: wait for it.
	s.mu.Lock()
	defer s.mu.Unlock()
	return nil
}

// OpenBrowser opens url in the user's web browser (open on macOS, the URL
// handler on Windows, xdg-open elsewhere) without waiting for it.
func OpenBrowser(url string) error {
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
		return err
	}
	go cmd.Wait()
	return nil
}
