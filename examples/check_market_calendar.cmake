# SPDX-License-Identifier: MIT
# Runs `market_calendar 2019-01-01 2019-12-31` and compares its output, line for line, with
# exchange_calendars' XNYS sessions for 2019 (../shared/data/calendar/xnys_2019.csv, whose
# rows read `2019-01-02T00:00:00Z,<open>,<close>,,`).
#   cmake -DEXE=<market_calendar> -DREFERENCE=<xnys_2019.csv> -P check_market_calendar.cmake
execute_process(COMMAND "${EXE}" 2019-01-01 2019-12-31 OUTPUT_VARIABLE ours RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "market_calendar exited with ${rc}")
endif()
file(STRINGS "${REFERENCE}" rows)
list(REMOVE_AT rows 0)  # header
set(expected "")
foreach(row IN LISTS rows)
  string(REGEX REPLACE "^([0-9-]+)T00:00:00Z,([^,]+),([^,]+),," "\\1,\\2,\\3" line "${row}")
  string(APPEND expected "${line}\n")
endforeach()
if(NOT ours STREQUAL expected)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/market_calendar_2019.txt" "${ours}")
  message(FATAL_ERROR "market_calendar output differs from ${REFERENCE}; see market_calendar_2019.txt")
endif()
list(LENGTH rows n)
message(STATUS "market_calendar: all ${n} sessions of 2019 equal exchange_calendars'")
