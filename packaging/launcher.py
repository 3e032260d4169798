"""Entry script of the packaged application: the `reviewer` command (no argument: the app)."""

from reviewer.cli import main

if __name__ == "__main__":
    main()
