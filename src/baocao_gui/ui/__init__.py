"""Qt widgets only: the window, the generic sector tab, editors, dialogs, preview."""
