"""Stage 3a: Knowledge → Markdown pages in docs/ (then `mkdocs build` makes the site)."""
