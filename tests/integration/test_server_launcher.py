"""The Rasa server's launcher (cadomaestro/server/__main__.py): Rasa's command line, in a process
where TensorFlow runs without JAX. (Every test that starts the stack starts the Rasa server
through it.)"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

CHECK = """
import sys
from cadomaestro.server.__main__ import main
sys.argv = ["cadomaestro.server", "--version"]
try:
    main()
except SystemExit:
    pass
import tensorflow
import rasa.core.agent
print("jax loaded:", sys.modules.get("jax") is not None, "tensorflow:", tensorflow.__version__)
"""


def test_the_rasa_server_runs_rasas_command_line_without_jax() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=300, check=True
    )
    assert "3.6." in done.stdout  # Rasa's own `--version`
    assert "jax loaded: False" in done.stdout, done.stdout
    if importlib.util.find_spec("jax") is None:
        return  # nothing to prevent: the environment has no JAX
    with_jax = subprocess.run(
        [sys.executable, "-c", "import sys, tensorflow; print('jax' in sys.modules)"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    assert with_jax.stdout.strip() == "True"  # what the launcher prevents
