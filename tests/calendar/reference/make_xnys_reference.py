#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Independent reference tables for tests/calendar, written with pandas' holiday machinery and
Python's zoneinfo (the system's tz database), not with bulwark's code.

xnys_special_days.csv: every weekday of 1990..2099 on which the NYSE is closed or closes
early, as `date,status` with status `closed`, `13:00` or `14:00` (New York time). The rules
are those of the exchange_calendars package (exchange_calendars/exchange_calendar_xnys.py
and us_holidays.py: regular_holidays, adhoc_holidays, special_closes,
special_closes_adhoc), restated below as pandas Holiday objects with pandas' own
observance functions; the one-off days since 1990 are its USNationalDaysofMourning,
September11Closings and HurricaneSandyClosings lists (2025-01-09, Jimmy Carter, as in
pandas_market_calendars' holidays/nyse.py).

us_eastern_dst.csv: for each year 1987..2100, the UTC instants at which America/New_York
enters and leaves daylight time, found by scanning zoneinfo's offsets hour by hour.

Run: /usr/bin/python3 tests/calendar/reference/make_xnys_reference.py
"""
import datetime as dt
import pathlib
import zoneinfo

import pandas as pd
from dateutil.relativedelta import MO, TH
from pandas import DateOffset, Timestamp
from pandas.tseries.holiday import (AbstractHolidayCalendar, Easter, Holiday,
                                    nearest_workday, sunday_to_monday)
from pandas.tseries.offsets import Day

HERE = pathlib.Path(__file__).resolve().parent
START, END = Timestamp("1990-01-01"), Timestamp("2099-12-31")
MON, TUE, WED, THU, FRI = range(5)

# exchange_calendars' XNYS regular_holidays (the rules in force since 1990).
holidays = [
    Holiday("New Year", month=1, day=1, observance=sunday_to_monday),
    Holiday("MLK", month=1, day=1, start_date=Timestamp("1998-01-01"),
            offset=DateOffset(weekday=MO(3))),
    Holiday("Presidents", month=2, day=1, offset=DateOffset(weekday=MO(3))),
    Holiday("Good Friday", month=1, day=1, offset=[Easter(), Day(-2)]),
    Holiday("Memorial", month=5, day=25, offset=DateOffset(weekday=MO(1))),
    Holiday("Juneteenth", month=6, day=19, start_date=Timestamp("2022-01-01"),
            observance=nearest_workday),
    Holiday("July 4th", month=7, day=4, observance=nearest_workday),
    Holiday("Labor", month=9, day=1, offset=DateOffset(weekday=MO(1))),
    Holiday("Thanksgiving", month=11, day=1, offset=DateOffset(weekday=TH(4))),
    Holiday("Christmas", month=12, day=25, observance=nearest_workday),
]
adhoc_closed = ["1994-04-27", "2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14",
                "2004-06-11", "2007-01-02", "2012-10-29", "2012-10-30", "2018-12-05",
                "2025-01-09"]

# special_closes: 13:00 and 14:00 rules.
close_1300 = [
    Holiday("Mon/Tue/Thu before July 4th", month=7, day=3, days_of_week=(MON, TUE, THU),
            start_date=Timestamp("1995-01-01")),
    Holiday("Friday after July 4th", month=7, day=5, days_of_week=(FRI,),
            start_date=Timestamp("1995-01-01"), end_date=Timestamp("2013-01-01")),
    Holiday("Wednesday before July 4th", month=7, day=3, days_of_week=(WED,),
            start_date=Timestamp("2013-01-01")),
    Holiday("Black Friday", month=11, day=1, start_date=Timestamp("1993-01-01"),
            offset=[DateOffset(weekday=TH(4)), Day(1)]),
    Holiday("Christmas Eve", month=12, day=24, days_of_week=(MON, TUE, WED, THU),
            start_date=Timestamp("1993-01-01")),
]
close_1400 = [
    Holiday("Christmas Eve", month=12, day=24, days_of_week=(MON, TUE, WED, THU),
            end_date=Timestamp("1993-01-01")),
    Holiday("Black Friday", month=11, day=1, start_date=Timestamp("1992-01-01"),
            end_date=Timestamp("1993-01-01"), offset=[DateOffset(weekday=TH(4)), Day(1)]),
]
adhoc_1300 = ["1997-12-26", "1999-12-31", "2003-12-26"]


def dates(rules):
    class Calendar(AbstractHolidayCalendar):
        pass
    Calendar.rules = rules
    return set(Calendar().holidays(START, END))


status = {}
for day in dates(close_1400):
    status[day] = "14:00"
for day in dates(close_1300) | {Timestamp(d) for d in adhoc_1300}:
    status[day] = "13:00"
for day in dates(holidays) | {Timestamp(d) for d in adhoc_closed}:
    status[day] = "closed"  # a closure wins over an early close

with open(HERE / "xnys_special_days.csv", "w") as out:
    out.write("date,status\n")
    for day in sorted(status):
        if day.dayofweek < 5:
            out.write(f"{day:%Y-%m-%d},{status[day]}\n")

ny = zoneinfo.ZoneInfo("America/New_York")
with open(HERE / "us_eastern_dst.csv", "w") as out:
    out.write("year,begin_utc,end_utc\n")
    for year in range(1987, 2101):
        t = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc)
        changes = []
        previous = t.astimezone(ny).utcoffset()
        while t.year == year:
            t += dt.timedelta(hours=1)
            offset = t.astimezone(ny).utcoffset()
            if offset != previous:
                changes.append(t)
                previous = offset
        assert len(changes) == 2, (year, changes)
        out.write(f"{year},{changes[0]:%Y-%m-%dT%H:%M:%SZ},{changes[1]:%Y-%m-%dT%H:%M:%SZ}\n")
