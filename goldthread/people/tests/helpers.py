"""Small builders for the people tests."""

import datetime as dt

from goldthread.people.models import AppraisalCycle, Employee

HEADER = "employee number,name,job title,directorate,service,manager employee number,start date,leaving date,absence\n"


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def employee(council, directorate, number, *, manager=None, user=None, start=dt.date(2015, 1, 1), **extra):
    return Employee.objects.create(
        council=council,
        employee_number=number,
        name=f"Person {number}",
        directorate=directorate,
        manager=manager,
        user=user,
        start_date=start,
        **extra,
    )


def cycle(council, **extra):
    values = {
        "name": "My Sefton, My Way 2023-24",
        "slug": "msmw-2023",
        "window_start": dt.date(2023, 4, 1),
        "window_end": dt.date(2024, 3, 31),
        "period": "2023-24",
    }
    values.update(extra)
    return AppraisalCycle.objects.create(council=council, **values)
