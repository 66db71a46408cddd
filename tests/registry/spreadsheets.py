"""Real import files for the tests: XLSX written by openpyxl, CSV in any encoding."""

import csv
import io

from openpyxl import Workbook

STAFF_ZH = ["单位编码", "工号", "姓名", "电话", "岗位", "状态", "入职日期", "合同编号"]
STAFF_EN = [
    "Company code",
    "Staff number",
    "Full name",
    "Phone",
    "Position",
    "Status",
    "Joined on",
    "Contract number",
]


def xlsx_bytes(rows, *, merge: str | None = None, formula: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    if formula:
        sheet[formula] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)
