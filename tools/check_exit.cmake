# Runs a command and checks its exit status and output (CTest's WILL_FAIL cannot tell exit
# status 3 from 4). Variables:
#   COMMAND        the command and its arguments, separated by '|'
#   EXPECT_STATUS  the exit status it must return
#   STDOUT_REGEX   optional: a regular expression its standard output must match
#   STDERR_REGEX   optional: a regular expression its standard error must match
#   STDERR_EMPTY   optional: ON when nothing may be written to standard error
#   WORK_DIR       the working directory
string(REPLACE "|" ";" command "${COMMAND}")
execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                WORKING_DIRECTORY "${WORK_DIR}" TIMEOUT 300)
set(report "command: ${command}\nexit status: ${status}\n--- stdout:\n${out}--- stderr:\n${err}")
if(NOT status STREQUAL "${EXPECT_STATUS}")
  message(FATAL_ERROR "expected exit status ${EXPECT_STATUS}\n${report}")
endif()
if(DEFINED STDOUT_REGEX AND NOT out MATCHES "${STDOUT_REGEX}")
  message(FATAL_ERROR "stdout does not match '${STDOUT_REGEX}'\n${report}")
endif()
if(DEFINED STDERR_REGEX AND NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}'\n${report}")
endif()
if(STDERR_EMPTY AND NOT err STREQUAL "")
  message(FATAL_ERROR "stderr should be empty\n${report}")
endif()
message(STATUS "ok: exit status ${status}")
