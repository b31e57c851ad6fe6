"""The main window and its panes: the start screen, the preview, the findings, how it fits the screen."""
