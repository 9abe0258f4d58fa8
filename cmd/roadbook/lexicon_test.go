package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLexiconList(t *testing.T) {
	t.Parallel()
	code, out, errOut := runMain(t, "", "lexicon")
	if code != exitOK || errOut != "" {
		t.Fatalf("lexicon: exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 101 {
		t.Errorf("lexicon: %d lines; want a header and 100 symbols or more", len(lines))
	}
	for _, want := range []string{"village ", "wadi ", "OUED", "speed-limit-N", "danger-2", "dss "} {
		if !strings.Contains(out, want) {
			t.Errorf("lexicon: no %q", want)
		}
	}

	code, out, _ = runMain(t, "", "lexicon", "--json")
	if code != exitOK {
		t.Fatalf("lexicon --json: exit %d", code)
	}
	var list []struct{ Code, Meaning, Category string }
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(lines)-1 {
		t.Errorf("--json has %d symbols, the list %d", len(list), len(lines)-1)
	}
	for _, e := range list {
		if e.Code == "" || e.Meaning == "" || e.Category == "" {
			t.Errorf("--json entry %+v incomplete", e)
		}
	}
}

func TestLexiconSheet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "lexicon.pdf")
	code, stdout, errOut := runMain(t, "", "lexicon", "-o", out, "--paper", "a4")
	if code != exitOK {
		t.Fatalf("lexicon -o: exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "lexicon.pdf: legend of") {
		t.Errorf("stdout %q", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("legend: %v, %.8q", err, b)
	}
	for _, args := range [][]string{
		{"lexicon", "--paper", "a3"},
		{"lexicon", "extra"},
		{"lexicon", "--json", "-o", out},
	} {
		if code, _, _ := runMain(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d; want %d", args, code, exitUsage)
		}
	}
	// A folder that does not exist fails and leaves nothing.
	if code, _, errOut := runMain(t, "", "lexicon", "-o", filepath.Join(dir, "no", "x.pdf")); code != exitFailure || !strings.Contains(errOut, "does not exist") {
		t.Errorf("-o into a missing folder: exit %d, %q", code, errOut)
	}
}
