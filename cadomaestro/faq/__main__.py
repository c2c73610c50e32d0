"""Command line: `python -m cadomaestro.faq check|generate`."""

from __future__ import annotations

import argparse
import sys

from cadomaestro.faq.corpus import entry_problems, load_corpus


def _check() -> int:
    failures = 0
    for entry in load_corpus():
        for problem in entry_problems(entry):
            failures += 1
            print(f"{entry.path}: {problem}")
    print(f"{failures} problem(s)")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cadomaestro.faq")
    parser.add_argument("command", choices=["check", "generate"])
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check()
    from cadomaestro.faq.generate import generate

    return generate()


if __name__ == "__main__":
    sys.exit(main())
