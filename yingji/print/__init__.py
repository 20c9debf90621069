"""Stage 3b: Knowledge → print HTML + print CSS → WeasyPrint → PDFs for site/downloads/.

See stage.py for the steps, cache.py for where PDFs are written and why, engine.py and pool.py
for how WeasyPrint is run fast (long-lived workers, one font configuration each).
"""
