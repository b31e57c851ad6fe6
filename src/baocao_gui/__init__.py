"""baocao-gui: the annual report of a Vietnamese provincial department, in the Decree-30 layout."""

__version__ = "0.1.0"
