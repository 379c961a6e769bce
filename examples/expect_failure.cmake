# SPDX-License-Identifier: MIT
# Runs COMMAND (a ;-list) and passes when it exits with EXIT_CODE and its stderr matches
# STDERR_REGEX: for examples whose contract includes how they fail.
#   cmake -DCOMMAND=<prog;args> -DEXIT_CODE=<n> -DSTDERR_REGEX=<re> -P expect_failure.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXIT_CODE)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT_CODE}; stderr: ${err}")
endif()
if(NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr '${err}' does not match '${STDERR_REGEX}'")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "expected nothing on stdout, got '${out}'")
endif()
string(REGEX MATCHALL "\n" lines "${err}")
list(LENGTH lines n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one line on stderr, got ${n}: ${err}")
endif()
