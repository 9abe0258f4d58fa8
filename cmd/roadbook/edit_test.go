package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEditServes runs "roadbook edit --no-browser" on a copy of Stage 7:
// the first line of standard output is the page's address with its token;
// the page answers with it and refuses without it; Ctrl-C (SIGINT) stops the
// command with exit 0, and the file is as it was.
func TestEditServes(t *testing.T) {
	data, err := os.ReadFile("../../examples/dakar2026/07-stage7.gpx")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stage7.gpx")
	os.WriteFile(path, data, 0o644)
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- Main([]string{"edit", "--no-browser", "--addr", "127.0.0.1:0", path}, strings.NewReader(""), pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address: %v; stderr %s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimSpace(line)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(url, "/?token=") {
		t.Fatalf("first line %q; want http://127.0.0.1:PORT/?token=…", url)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte("roadbook edit")) {
		t.Errorf("the page: %d %.100q", resp.StatusCode, page)
	}
	base := url[:strings.Index(url, "/?")]
	resp, err = http.Get(base + "/api/state")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("without the token: %d; want 401", resp.StatusCode)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d; stderr %s", c, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Ctrl-C did not stop roadbook edit")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
		t.Error("viewing changed the file")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("the folder holds %d files; want 1", len(entries))
	}
	if !strings.Contains(stderr.String(), "roadbook: stopped") {
		t.Errorf("stderr %q", stderr.String())
	}
}
