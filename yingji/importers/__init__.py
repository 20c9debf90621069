"""Getting content in: official law texts and village spreadsheets → content/ YAML files.

These are tools for the county staff, not pipeline stages: they write content files that
`yingji check` then validates like any hand-written file.
"""
