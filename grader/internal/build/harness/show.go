package harness

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Show renders a value the way the grader compares it: strings and byte
// slices Go-quoted, numbers and booleans with %v, slices, arrays and maps of
// those element by element. The second result is false for values that
// cannot be compared across processes (pointers, readers, funcs, channels):
// their rendering is only their type.
func Show(v any) (string, bool) {
	if v == nil {
		return "nil", true
	}
	switch x := v.(type) {
	case string:
		return strconv.Quote(x), true
	case []byte:
		return strconv.Quote(string(x)), true
	case error:
		return strconv.Quote(x.Error()), true
	case fmt.Stringer:
		// A value with a name (slog.Level shows as "INFO") is shown quoted,
		// like the spec's YAML string for it.
		if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer {
			return strconv.Quote(x.String()), true
		}
	}
	return show(reflect.ValueOf(v))
}

func show(rv reflect.Value) (string, bool) {
	switch rv.Kind() {
	case reflect.String:
		return strconv.Quote(rv.String()), true
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return fmt.Sprintf("%v", rv.Interface()), true
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8 {
			return strconv.Quote(string(rv.Bytes())), true
		}
		parts := make([]string, rv.Len())
		for i := range parts {
			s, ok := show(rv.Index(i))
			if !ok {
				return "<" + rv.Type().String() + ">", false
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, " ") + "]", true
	case reflect.Map:
		parts := make([]string, 0, rv.Len())
		for _, k := range rv.MapKeys() {
			ks, ok1 := show(k)
			vs, ok2 := show(rv.MapIndex(k))
			if !ok1 || !ok2 {
				return "<" + rv.Type().String() + ">", false
			}
			parts = append(parts, ks+":"+vs)
		}
		sort.Strings(parts) // map order is random; the rendering is not
		return "map[" + strings.Join(parts, " ") + "]", true
	case reflect.Interface:
		if rv.IsNil() {
			return "nil", true
		}
		return Show(rv.Elem().Interface())
	}
	return "<" + rv.Type().String() + ">", false
}
