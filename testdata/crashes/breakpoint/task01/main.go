// runtime.Breakpoint() left in: without a debugger the program dies of
// SIGTRAP (the Go counterpart of the seed's hanging pdb.set_trace()).
//
// expect: c1=runtime-error
// explain: c1=runtime.Breakpoint\(\) stops the program without a debugger
package main

import (
	"fmt"
	"os"
	"runtime"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func main() {
	runtime.Breakpoint()
	s, _ := ReadContents("filename.txt")
	fmt.Print(s)
}
