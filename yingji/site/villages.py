"""Village pages: villages/index.md (townships), villages/<township>/index.md, and one page per
village plan that a village cadre can act on: who watches, which signal, which way, where to.

The village view (presentation.villages) is the same one the printed 明白卡 reads; this module
only adds the links of the site.
"""

from __future__ import annotations

from ..presentation.villages import township_view, village_view
from ..render import render, render_page
from .context import SiteContext
from .plans import village_plans_task


def villages_index(ctx: SiteContext) -> dict:
    knowledge = ctx.knowledge
    page = ctx.routes.path("villages")
    rows = []
    for township in knowledge.townships.values():
        villages = knowledge.villages_of(township.id)
        rows.append({
            "name": township.name,
            "href": ctx.link(page, "township", township.id),
            "kind": township.kind,
            "villages": len(villages),
            "threatened": sum(v.threatened for v in villages),
        })
    task = village_plans_task(knowledge)
    return {
        "townships": rows,
        "village_count": len(knowledge.villages),
        "sample": any(v.sample for v in knowledge.villages.values()),
        "task": {"number": task.number, "title": task.title, "href": ctx.link(page, "task", task.id)} if task else None,
    }


def township_page(ctx: SiteContext, township_id: str) -> dict:
    page = ctx.routes.path("township", township_id)
    view = township_view(ctx.knowledge, township_id)
    for plan in view["plans"]:
        plan["href"] = ctx.link(page, "contingency-plan", plan["id"])
    for row in view["villages"]:
        row["href"] = ctx.link(page, "village", row["id"])
    return {**view, "index_href": ctx.link(page, "villages")}


def village_page(ctx: SiteContext, village) -> dict:
    page = ctx.routes.path("village", village.id)
    view = village_view(ctx.knowledge, village, ctx.profile)
    parent = view["parent"]
    return {
        **view,
        "township_href": ctx.link(page, "township", village.township),
        "parent_href": ctx.link(page, "contingency-plan", parent["id"]) if parent else None,
    }


def produce(ctx: SiteContext) -> dict[str, str]:
    if not ctx.routes.generates("villages"):
        return {}
    knowledge, path = ctx.knowledge, ctx.routes.path
    pages = {path("villages"): render("site/villages_index.md.j2", index=villages_index(ctx), profile=ctx.profile)}
    for township_id in knowledge.townships:
        pages.update([render_page(ctx.routes, "township", township_id, "site/township.md.j2", township=township_page(ctx, township_id))])
    for village in knowledge.villages.values():
        pages.update([render_page(ctx.routes, "village", village.id, "site/village.md.j2", village=village_page(ctx, village))])
    return pages
