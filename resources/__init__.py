"""Bundled data (fonts, examples, icons, translations), read through importlib.resources."""
