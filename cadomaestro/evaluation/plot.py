"""Confusion matrices of one system's held-out predictions, as PNG files (matplotlib, Agg).

Two files, so that each stays readable: one over the intents (about 15 rows, every one), and
one over the full labels (about 70) restricted to the labels involved in at least one error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from cadomaestro.evaluation.metrics import Prediction


def labels_with_errors(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The labels that are the gold or the prediction of at least one wrong pair, sorted."""
    return sorted({label for gold, pred in pairs if gold != pred for label in (gold, pred)})


def plot_confusion(
    pairs: Sequence[tuple[str, str]], labels: Sequence[str], path: Path, title: str
) -> Path:
    """Rows: expected label; columns: predicted; cells: counts, coloured by share of the row."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), len(labels)), dtype=int)
    for (gold, pred), n in Counter(pairs).items():
        if gold in index and pred in index:
            counts[index[gold], index[pred]] += n
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)

    size = max(6.0, 0.32 * len(labels) + 3)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title(title, fontsize=10)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if counts[i, j]:
                colour = "white" if shares[i, j] > 0.5 else ("black" if i == j else "red")
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=7, color=colour)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_report(
    predictions: Sequence[Prediction], folder: Path, prefix: str, system: str
) -> list[Path]:
    """`<prefix>_intents.png` and `<prefix>_labels.png` in `folder`."""
    intents = [(p.gold_intent, p.intent) for p in predictions]
    labels = [(p.gold, p.full_intent) for p in predictions]
    intent_names = sorted({label for pair in intents for label in pair})
    legend = f"held-out, {len(predictions)} messages; counts, colour = share of the row"
    return [
        plot_confusion(
            intents, intent_names, folder / f"{prefix}_intents.png", f"{system}: intents\n{legend}"
        ),
        plot_confusion(
            labels,
            labels_with_errors(labels),
            folder / f"{prefix}_labels.png",
            f"{system}: the full labels of its errors\n{legend}",
        ),
    ]
