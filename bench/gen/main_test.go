package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	if code := run([]string{"-points", "3000", "-name", "x", "-seed", "7", "-out", dir}, &stderr); code != 0 {
		t.Fatalf("run = %d; want 0\n%s", code, &stderr)
	}
	for _, f := range []string{"route-x.gpx", "recorded-x.gpx", "truth-x.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.HasPrefix(stderr.String(), "x      route     3000 pts") {
		t.Errorf("stderr = %q; want the size's summary", &stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"-sizes", "huge", "-out", dir}, 2, `unknown size "huge"`},
		{[]string{"-out", dir, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-h"}, 0, "usage: go run ./bench/gen"},
		{[]string{"-points", "100", "-out", dir}, 1, "no junction suitable"},
	} {
		stderr.Reset()
		if code := run(c.args, &stderr); code != c.code || !strings.Contains(stderr.String(), c.says) {
			t.Errorf("run(%q) = %d, %q; want %d, %q", c.args, code, &stderr, c.code, c.says)
		}
	}
}
