package route

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// maxJSON bounds what ParseRally and ParseRules read: a manifest or a rules
// file is a few kilobytes.
const maxJSON = 16 << 20

// readJSON reads a whole JSON document of at most maxJSON bytes from r; what
// names the document in errors ("rally manifest", "rules").
func readJSON(r io.Reader, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxJSON+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if len(data) > maxJSON {
		return nil, fmt.Errorf("%s: larger than %d MiB", what, maxJSON>>20)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))) == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrEmpty) // not encoding/json's "EOF"
	}
	return data, nil
}

// jsonError returns err, from decoding the JSON data, with the line where it
// was found ("line 3: …"), and a value of the wrong type said in the file's
// words ("stages.file: a number where a string is expected") rather than
// Go's.
func jsonError(data []byte, err error) error {
	line := jsonErrorLine(data, err)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" && te.Type != nil {
		if n, ok := strings.CutPrefix(te.Value, "number "); ok && jsonKind(te.Type) == "a number" {
			// A number Go's type cannot hold (1e400): not "number 1e400
			// where a number is expected".
			err = fmt.Errorf("%s: %s out of range", te.Field, n)
		} else {
			err = fmt.Errorf("%s: %s where %s is expected", te.Field, jsonValue(te.Value), jsonKind(te.Type))
		}
	}
	if line > 0 {
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// jsonKind says what a Go type reads, in JSON's words.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Bool:
		return "true or false"
	}
	return "a " + t.Kind().String()
}

// jsonValue says what a JSON value of the kind json.UnmarshalTypeError
// names ("number", "string"…) is.
func jsonValue(v string) string {
	switch v {
	case "number", "string":
		return "a " + v
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return v
}

// jsonErrorLine returns the line of data where the JSON error err (a syntax
// or type error, possibly wrapped) was found, 0 when err gives no offset.
func jsonErrorLine(data []byte, err error) int {
	var off int64
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	default:
		return 0
	}
	if off <= 0 || off > int64(len(data)) {
		return 0
	}
	return 1 + bytes.Count(data[:off-1], []byte("\n"))
}
