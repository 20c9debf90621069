"""Quizzes: the data and pages of the browser quiz engine, and question import/export."""
