"""Content models, one module per content type."""
