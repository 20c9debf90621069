"""Everything that cites a task or an article, ready to show: "who refers to this?".

`Knowledge.cited_by` gives ids; here they become titled links, grouped by kind. Questions are
many, so they are grouped by quiz topic: a link to the topic's practice page when that page
exists (opening exactly those questions), otherwise a few stems as plain text (the quiz engine may not be part of the build).
"""

from __future__ import annotations

from collections import defaultdict

from ..render import md_inline
from .context import SiteContext

STEMS_SHOWN = 3  # per topic, when there is no practice page to link to


def citations(ctx: SiteContext, target_id: str, page: str, linker=None) -> dict:
    knowledge = ctx.knowledge
    indicators = {ind.id: ind for ind in knowledge.plan.goals.indicators}
    found: dict[str, list] = {"tasks": [], "terms": [], "indicators": [], "plans": []}
    questions: dict[str, list] = defaultdict(list)
    for source_id in knowledge.cited_by.get(target_id, []):
        if source_id in knowledge.terms:
            term = knowledge.terms[source_id]
            found["terms"].append({"title": term.term, "href": ctx.link(page, "term", term.id)})
        elif source_id in knowledge.questions:
            entry = knowledge.questions[source_id]
            questions[entry.topic].append(entry.question)
        elif source_id in indicators:
            found["indicators"].append(
                {"title": indicators[source_id].name, "target": indicators[source_id].target,
                 "href": ctx.link(page, "indicator", source_id)}
            )
        elif source_id in knowledge.tasks:
            task = knowledge.tasks[source_id]
            found["tasks"].append({"title": f"{task.number}. {task.title}", "href": ctx.link(page, "task", task.id)})
        elif ctx.has("contingency-plan", source_id):
            plan = knowledge.contingency_plans[source_id]
            found["plans"].append({"title": plan.title, "href": ctx.link(page, "contingency-plan", source_id)})
    found["questions"] = _question_groups(ctx, questions, page, linker)
    found["count"] = sum(len(v) for k, v in found.items() if k != "questions") + sum(
        g["count"] for g in found["questions"]
    )
    return found


def _question_groups(ctx: SiteContext, by_topic: dict[str, list], page: str, linker) -> list[dict]:
    topics = ctx.knowledge.topics
    order = {topic_id: i for i, topic_id in enumerate(topics)}
    groups = []
    for topic_id in sorted(by_topic, key=lambda t: (order.get(t, len(order)), t)):
        questions = sorted(by_topic[topic_id], key=lambda q: q.id)
        linked = ctx.has("practice", topic_id)
        shown = [] if linked else questions[:STEMS_SHOWN]
        groups.append(
            {
                "title": topics[topic_id].title if topic_id in topics else topic_id,
                "count": len(questions),
                "href": ctx.routes.questions_link(page, topic_id, [q.id for q in questions]) if linked else None,
                "stems": [linker.inline(q.stem) if linker else md_inline(q.stem) for q in shown],
                "more": len(questions) - len(shown) if not linked else 0,
            }
        )
    return groups
