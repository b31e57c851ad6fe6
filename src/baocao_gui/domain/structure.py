"""The report's structure as data: its parts, where they sit (A, A.I, A.II.n, A.III, B, B.I, B.II.n) and what
each holds. Compose walks this table to number headings; the checks name places with it; the window builds
its text tabs from it. Renaming or adding a part is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .model import Part, Role


class Group(StrEnum):
    """Where a clerk edits a part: the report-wide opening and assessment, the direction, or a sector."""

    GENERAL = "general"  # the header, signature and recipients
    ASSESSMENT = "assessment"
    DIRECTION = "direction"
    SECTOR = "sector"


@dataclass(frozen=True)
class PartInfo:
    part: Part
    name: str  # what a clerk calls it: "Khó khăn, vướng mắc"
    group: Group


PARTS: tuple[PartInfo, ...] = (
    PartInfo(Part.INTRO, "Mở đầu", Group.ASSESSMENT),
    PartInfo(Part.ADVANTAGES, "Thuận lợi", Group.ASSESSMENT),
    PartInfo(Part.DIFFICULTIES, "Khó khăn, vướng mắc", Group.ASSESSMENT),
    PartInfo(Part.CAUSES, "Nguyên nhân", Group.ASSESSMENT),
    PartInfo(Part.OBJECTIVE, "Mục tiêu chung", Group.DIRECTION),
    PartInfo(Part.MAIN_TARGETS, "Chỉ tiêu chủ yếu", Group.DIRECTION),
    PartInfo(Part.TASKS_INTRO, "Mở đầu phần nhiệm vụ, giải pháp", Group.DIRECTION),
    PartInfo(Part.RESULTS, "Kết quả thực hiện", Group.SECTOR),
    PartInfo(Part.TASKS, "Nhiệm vụ kỳ tới", Group.SECTOR),
)
PART_INFO = {p.part: p for p in PARTS}


def parts_of(group: Group) -> tuple[PartInfo, ...]:
    return tuple(p for p in PARTS if p.group == group)


class Holds(StrEnum):
    """Sectors listed under a node: each sector with text in that part becomes one heading."""

    STAFF_RESULTS = "staff_results"  # công tác tham mưu: results, each its own mục
    SECTOR_RESULTS = "sector_results"  # lĩnh vực: results, one khoản each
    STAFF_TASKS = "staff_tasks"
    SECTOR_TASKS = "sector_tasks"


HOLDS = {  # what a sector entry shows: (role, part, its heading from the sector's title or task title)
    Holds.STAFF_RESULTS: (Role.STAFF, Part.RESULTS, "title"),
    Holds.SECTOR_RESULTS: (Role.SECTOR, Part.RESULTS, "title"),
    Holds.STAFF_TASKS: (Role.STAFF, Part.TASKS, "task_title"),
    Holds.SECTOR_TASKS: (Role.SECTOR, Part.TASKS, "task_title"),
}


@dataclass(frozen=True)
class Node:
    """A heading of the report and what comes under it, in order: its part's paragraphs, then its children.

    ``label`` is the catalogue's key for the heading text; a node without a label has no heading of its own
    (its sectors stand at its level). A node is printed only when something under it has text, except
    ``always``. Levels follow depth: section (A.), mục (I.), khoản (1.), khoản nhỏ (1.1.).
    """

    key: str
    label: str | None = None
    part: Part | None = None
    holds: Holds | None = None
    children: tuple[Node, ...] = ()
    always: bool = False


PART_ONE = "part_one"  # PHẦN THỨ NHẤT and its title, then the opening (Part.INTRO)
SECTIONS: tuple[Node, ...] = (
    Node("A", "results", always=True, children=(
        Node("A.staff", holds=Holds.STAFF_RESULTS),
        Node("A.sectors", "sector_results", holds=Holds.SECTOR_RESULTS),
        Node("A.assessment", "assessment", children=(
            Node("advantages", "advantages", Part.ADVANTAGES),
            Node("difficulties", "difficulties", Part.DIFFICULTIES),
            Node("causes", "causes", Part.CAUSES),
        )),
    )),
    Node("B", "direction", always=True, children=(
        Node("B.objectives", "objectives", children=(
            Node("objective", "objective", Part.OBJECTIVE),
            Node("main_targets", "main_targets", Part.MAIN_TARGETS),
        )),
        Node("B.tasks", "tasks", Part.TASKS_INTRO, children=(
            Node("B.tasks.staff", holds=Holds.STAFF_TASKS),
            Node("B.tasks.sectors", "sector_tasks", holds=Holds.SECTOR_TASKS),
        )),
    )),
)
