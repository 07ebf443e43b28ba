package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

const headBytes = 16

func main() {
	args := os.Args[1:]
	if len(args) > 1 {
		bail("usage: task04 [FILE]")
	}
	src := "example.bin"
	if len(args) == 1 {
		src = args[0]
	}

	blob, err := ReadBinary(src)
	if err != nil {
		bail(err.Error())
	}
	fmt.Print(report(blob))
}

// report renders the three summary lines for blob.
func report(blob []byte) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "size: %d bytes\n", len(blob))

	sb.WriteString("head:")
	head := blob
	if len(head) > headBytes {
		head = head[:headBytes]
	}
	for _, b := range head {
		fmt.Fprintf(&sb, " %02x", b)
	}
	sb.WriteByte('\n')

	sum := sha256.Sum256(blob)
	sb.WriteString("sha256: " + hex.EncodeToString(sum[:]) + "\n")
	return sb.String()
}

func bail(msg string) {
	fmt.Fprintln(os.Stderr, "error: "+msg)
	os.Exit(1)
}
