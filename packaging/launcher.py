"""The frozen program's entry: the same `main` as the `baocao-gui` console script (baocao_gui.cli:main)."""

import sys

from baocao_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
