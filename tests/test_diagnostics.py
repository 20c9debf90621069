"""Problems are listed in the order a person reads them: files and cells naturally, sheets in
workbook order, and each one formatted in the one place that formats them."""

from __future__ import annotations

from yingji.diagnostics import ContentError, Location, Problem


def ordered(*locations: Location) -> list[str]:
    return [str(p.location) for p in ContentError([Problem(loc, "", "错") for loc in locations]).problems]


def test_cells_sort_row_by_row_with_numbers_as_numbers():
    assert ordered(Location("村.xlsx!人员!A10"), Location("村.xlsx!人员!B3"), Location("村.xlsx!人员!A3")) == [
        "村.xlsx!人员!A3", "村.xlsx!人员!B3", "村.xlsx!人员!A10",
    ]


def test_columns_beyond_z_come_after_z():
    assert ordered(Location("a.xlsx!S!AA2"), Location("a.xlsx!S!Z2")) == ["a.xlsx!S!Z2", "a.xlsx!S!AA2"]


def test_sheets_of_one_workbook_keep_workbook_order_when_given():
    sheets = [Location("村.xlsx!转移路线!A2", sheet_index=3), Location("村.xlsx!村（社区）!C9", sheet_index=0),
              Location("村.xlsx!人员!B4", sheet_index=1)]
    assert ordered(*sheets) == ["村.xlsx!村（社区）!C9", "村.xlsx!人员!B4", "村.xlsx!转移路线!A2"]


def test_files_sort_by_name_then_line_and_column_with_numbers_as_numbers():
    locations = [Location("content/plan.yml", 44, 20), Location("content/plan.yml", 9, 5), Location("quizzes/q10.yml", 1, 1),
                 Location("quizzes/q9.yml", 3, 1), Location("content/plan.yml", 9, 12)]
    assert ordered(*locations) == [
        "content/plan.yml:9:5", "content/plan.yml:9:12", "content/plan.yml:44:20", "quizzes/q9.yml:3:1", "quizzes/q10.yml:1:1",
    ]


def test_the_same_problem_twice_is_listed_once():
    problem = Problem(Location("content/units.yml", 2, 9), "units[0].id", "编号重复")
    assert len(ContentError([problem, problem]).problems) == 1
