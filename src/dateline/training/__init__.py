"""Training programs (run from the command line, never by the pipeline): they sit above
the extractors and the evaluation, which they use, so nothing below imports them."""
