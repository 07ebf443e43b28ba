package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func Fib(n int) int {
	a, b := 0, 1
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	return a
}

func trace(w io.Writer, n, depth int) int {
	io.WriteString(w, strings.Repeat("| ", depth)+"|-- fib "+strconv.Itoa(n)+"\n")
	r := n
	if n > 1 {
		r = trace(w, n-1, depth+1) + trace(w, n-2, depth+1)
	}
	io.WriteString(w, strings.Repeat("| ", depth+1)+"|-- return "+strconv.Itoa(r)+"\n")
	return r
}

func TraceFib(w io.Writer, n int) int { return trace(w, n, 0) }

func main() {
	n := 4
	switch len(os.Args) {
	case 1:
	case 2:
		v, err := strconv.Atoi(os.Args[1])
		if err != nil || v < 0 || v > 20 {
			fmt.Fprintln(os.Stderr, "error: bad N", os.Args[1])
			os.Exit(1)
		}
		n = v
	default:
		fmt.Fprintln(os.Stderr, "error: usage: task20 [N]")
		os.Exit(1)
	}
	fmt.Println(TraceFib(os.Stdout, n))
}
