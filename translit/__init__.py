"""translit: offline Vietnamese→English translation of news articles."""

__version__ = "0.1.0"
