"""yingji: turns a county's emergency-management YAML into a training site, quizzes and PDFs."""

__version__ = "0.1.0"
