"""`python -m cadomaestro.server run --model … --port …`: Rasa's own command line, in a process
without JAX.

TensorFlow, which Rasa imports whatever the pipeline, imports JAX when it is installed (for
TensorFlow Lite's optional JAX export: `try: from jax import … except ImportError`), and the
environment has it (a dependency of the TensorFlow build uv resolves). Nothing the assistant runs
uses it, and it costs the Rasa server 66 MB of memory (measured: `import tensorflow` 436 MB of
RSS with JAX, 370 MB without). Marking the module as absent makes that import fail, as without
the package: TensorFlow goes on without it."""

from __future__ import annotations

import sys


def main() -> None:
    sys.modules["jax"] = None  # type: ignore[assignment]  # `import jax` raises ImportError
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
