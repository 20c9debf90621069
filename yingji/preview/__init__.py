"""`yingji serve`: the preview that follows the clerk's edits.

session.py is the loop (a save → which pages changed → rebuild them → the browser reloads);
site.py keeps mkdocs' build in memory so that one changed page is rebuilt alone; server.py
serves it with the error overlay (overlay.py) and the status (status.py); pdfs.py runs
pdf_job.py in the background; watch.py notices saved files; console.py is what the terminal
shows.
"""
