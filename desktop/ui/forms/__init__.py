"""The form pages of the main window, one small module each."""
