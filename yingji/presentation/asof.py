"""The build date: what "today" means for deadlines (逾期) and the 截至 line of every page.

SOURCE_DATE_EPOCH when it is set (reproducible builds; tests inject a date this way), else the
day of the build. The same content built with the same SOURCE_DATE_EPOCH gives the same site.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def build_date() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def epoch_of(day: date) -> str:
    """The SOURCE_DATE_EPOCH of a day (midnight UTC), for tools run by the build (mkdocs)."""
    return str(int(datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc).timestamp()))
