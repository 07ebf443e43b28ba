// Hostile #26 (build time): cgo with linker flags that would run code at
// link time. Builds have CGO_ENABLED=0: a compile error.
//
// expect: c1=compile-error
package main

import (
	"fmt"
)

// #cgo LDFLAGS: -Wl,--wrap=main
// int hostile(void) { return 42; }
import "C"

func main() {
	fmt.Println(C.hostile())
}
