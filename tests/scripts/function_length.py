#!/usr/bin/env python3
"""Fails when a C++ function in a directory is longer than a number of lines.

    tests/scripts/function_length.py MAX DIR [--except FILE ...] [--list]

Counts each function definition of DIR/*.cpp from the first line of its signature to its
closing brace (lambdas inside a function count toward it; member functions defined inside a
class count on their own). Comments and string literals are ignored when matching braces.
Prints the longest function, and every one over MAX; exits 1 if there is one.
"""
import pathlib
import re
import sys


def blank_out(text):
    """The text with comments, strings and character literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = ")" + m.group(1) + '"'
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator: 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j += 1
        else:
            out.append(c)
            i += 1
            continue
        out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
        i = j
    return "".join(out)


def functions(path):
    text = blank_out(path.read_text(encoding="utf-8"))
    found = []
    stack = []  # "container" (namespace, class) or ("function", start_line) or "other"
    head_start = 0
    for i, c in enumerate(text):
        if c in ";":
            head_start = i + 1
        elif c == "{":
            head = text[head_start:i]
            in_function = any(isinstance(b, tuple) or b == "other" for b in stack)
            if in_function:
                stack.append("other")
            elif re.search(r"\b(namespace|class|struct|union|enum)\b", head) and "(" not in head.split("{")[0].split(":")[0]:
                stack.append("container")
            elif "(" in head and not re.search(r"=\s*$", head.strip()) and not head.strip().startswith("="):
                stripped = head.lstrip()
                start = head_start + (len(head) - len(stripped))
                stack.append(("function", text.count("\n", 0, start) + 1))
            else:
                stack.append("other")
            head_start = i + 1
        elif c == "}":
            block = stack.pop() if stack else "other"
            if isinstance(block, tuple):
                end_line = text.count("\n", 0, i) + 1
                found.append((block[1], end_line - block[1] + 1))
            head_start = i + 1
    return found


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    limit, directory = int(argv[1]), pathlib.Path(argv[2])
    rest = argv[3:]
    listing = "--list" in rest
    excepted = set(rest[rest.index("--except") + 1:]) - {"--list"} if "--except" in rest else set()
    longest = (0, None)
    over = []
    for path in sorted(directory.glob("*.cpp")):
        if path.name in excepted:
            continue
        for line, length in functions(path):
            where = f"{path}:{line}"
            if listing:
                print(f"{length:5d} {where}")
            if length > longest[0]:
                longest = (length, where)
            if length > limit:
                over.append((length, where))
    print(f"longest function: {longest[0]} lines ({longest[1]})")
    for length, where in sorted(over, reverse=True):
        print(f"{where}: {length} lines (at most {limit})", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
