"""Checks of content/search.yml: a correction leads from a word people type to a name the site has.

A `right` that names nothing would send searches nowhere; a `wrong` that is itself a name of
the site would hide that name. Both are content errors, pointing at the line.
"""

from __future__ import annotations

from ..diagnostics import Collector, format_key_path


def site_names(files) -> set[str]:
    """Every name a search can land on: terms and aliases, units, laws, tasks, places, plans."""
    names: set[str] = set()
    for file in files["glossary"]:
        for term in file.model.terms:
            names |= {term.term, *term.aliases}
    for file in files["units"]:
        for unit in file.model.units:
            names |= {unit.name, unit.full_name, *unit.aliases}
    for file in files["law"]:
        names |= {file.model.title, file.model.short_title}
    for file in files["plan"]:
        names |= {task.title for task in file.model.tasks}
    for file in files["townships"]:
        names |= {township.name for township in file.model.townships}
    for file in files["village"]:
        names.add(file.model.name)
    for file in files["plans"]:
        names |= {plan.title for plan in file.model.plans}
    return names


def check(files, collector: Collector) -> None:
    if not files["search"]:
        return
    names = site_names(files)
    file = files["search"][0]
    for i, correction in enumerate(file.model.corrections):
        if correction.right not in names:
            path = ("corrections", i, "right")
            collector.error(file.location(*path), format_key_path(path),
                            f"“{correction.right}”不是本站的术语、单位、法规、任务、地名或预案名称，搜索无处可去")
        if correction.wrong in names:
            path = ("corrections", i, "wrong")
            collector.error(file.location(*path), format_key_path(path),
                            f"“{correction.wrong}”本身就是本站的名称，改写它会让人搜不到它")
