"""``python -m summarygen``: the command line."""

from summarygen.cli import main

if __name__ == "__main__":
    main()
