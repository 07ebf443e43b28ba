# My own rendering of the corrected trace decorator (task 20).
import sys


def traced(func):
    depth = [0]

    def wrapper(n):
        print("| " * depth[0] + "|--", func.__name__, n)
        depth[0] += 1
        result = func(n)
        print("| " * depth[0] + "|--", "return", repr(result))
        depth[0] -= 1
        return result

    return wrapper


@traced
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
print(fib(n))
