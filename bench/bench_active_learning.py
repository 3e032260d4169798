"""Active-learning order against file order, with a simulated reviewer answering from a
hidden gold (core/learn/simulate.py), on our demo transcripts.

Setup: the demo project with its first two transcripts reviewed (every rule proposal
accepted); a model trained on one of them (the other held out); the three others are the
pending pool, pre-annotated by that model. The hidden gold of the pool is what the same review
gives there (the rule proposals, accepted). Orders compared:

- file: transcripts in import order, mentions in text order;
- uncertainty: the "Next most useful" order with the model's uncertainty alone — it never
  sees the rules, so never the hidden gold: the honest comparison;
- model vs rules: the app's full order (disagreement + uncertainty). Here the hidden gold IS
  the rules' output, so this one is an upper bound, not evidence.

Writes docs/active_learning.png (matplotlib; a CSV beside it either way) and prints how many
decisions each order needs to reach F1 targets.

    PYTHONPATH=src python bench/bench_active_learning.py [--epochs N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.core.active_setup import simulation_setup  # noqa: E402

from reviewer.core.learn.simulate import area, decisions_to_reach  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--learn-rate", type=float, default=0.001)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "active_learning.png")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        curves = simulation_setup(Path(d), args.epochs, args.learn_rate).curves()
    n = len(curves["file"]) - 1
    start, end = curves["file"][0], curves["file"][-1]
    print(f"{n} pending proposals; dataset F1 {start:.3f} before any decision, "
          f"{end:.3f} after all")
    print(f"{'order':30} {'mean F1':>8}" + "".join(
        f" {'to ' + format(t, '.0%'):>8}" for t in (0.25, 0.5, 0.75, 1.0)))
    for name, c in curves.items():
        row = [decisions_to_reach(c, start + t * (end - start)) for t in (0.25, 0.5, 0.75, 1.0)]
        print(f"{name:30} {area(c):8.3f}" + "".join(f" {r!s:>8}" for r in row))
    print("(to X%: decisions until the F1 has gone X% of the way from its start to its end)")
    csv_path = args.out.with_suffix(".csv")
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["decisions", *curves])
        for k in range(n + 1):
            w.writerow([k, *(f"{curves[name][k]:.4f}" for name in curves)])
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"matplotlib is not installed: curve written as {csv_path} only")
        return
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    for name, c in curves.items():
        ax.plot(range(n + 1), c, label=name)
    ax.set_xlabel("reviewer decisions")
    ax.set_ylabel("F1 of the dataset vs hidden gold")
    ax.set_title("Review order: demo pool, model trained on one demo call")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out)
    print(f"wrote {args.out} and {csv_path}")


if __name__ == "__main__":
    main()
