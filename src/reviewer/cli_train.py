"""``reviewer train``: learn a spaCy pipeline from the reviewed transcripts of a project.

The trained model is then an extractor: ``reviewer extract FILE --extractor spacy:MODEL_DIR``
(or ``combined:MODEL_DIR`` for rules ∪ model), and ``--db`` runs it over a project.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("train")
@click.option("--db", "db_path", required=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The project whose reviewed transcripts are the gold.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False,
                                                                  path_type=Path),
              help="The model folder to write (model-best, config, corpus, scores).")
@click.option("--split", type=float, default=0.8, show_default=True,
              help="Share of reviewed transcripts to train on; the rest is held out.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the split and of spaCy's training.")
@click.option("--labels", type=click.Choice(["figure", "metric"]), default="figure",
              show_default=True,
              help="What the model learns: where figures are, or their metric too.")
@click.option("--epochs", type=int, default=20, show_default=True,
              help="Training epochs at most (spaCy stops earlier when it stops improving).")
def train(db_path: Path, out_dir: Path, split: float, seed: int, labels: str,
          epochs: int) -> None:
    """Train a spaCy span categorizer (CPU) on the reviewed transcripts and print its
    held-out scores next to the rules' and the two combined."""
    from reviewer.core.learn.train import TrainOptions, train_model
    from reviewer.core.store import open_project

    project = open_project(db_path)
    try:
        result = train_model(project, out_dir, TrainOptions(split, seed, labels, epochs),
                             log=lambda m: click.echo(m, err=True))
    finally:
        project.close()
    click.echo(f"model saved to {out_dir} ({len(result.train)} transcript(s) trained on, "
               f"{len(result.held_out)} held out)")
    click.echo(f"held-out scores   {'P':>6} {'R':>6} {'F1':>6}   (strict; exact F1)")
    for name, s in result.scores.items():
        click.echo(f"  {name:15} {s['strict_p']:6.3f} {s['strict_r']:6.3f} "
                   f"{s['strict_f1']:6.3f}   {s['exact_f1']:.3f}")
    click.echo(f"use it: reviewer extract FILE --extractor spacy:{out_dir}")
