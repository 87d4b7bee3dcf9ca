# Runs the serial tool and the distributed one (under mpiexec) on the same graph and checks that
# they write the same labels file. Variables:
#   SERIAL       the serial command, arguments separated by '|' (it must write serial.parts)
#   DISTRIBUTED  the distributed command, the same way (it must write distributed.parts)
#   WORK_DIR     the working directory
foreach(which SERIAL DISTRIBUTED)
  string(REPLACE "|" ";" command "${${which}}")
  execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                  WORKING_DIRECTORY "${WORK_DIR}" TIMEOUT 300)
  if(NOT status STREQUAL "0")
    message(FATAL_ERROR "${which} run failed (${status}): ${command}\n--- stdout:\n${out}--- stderr:\n${err}")
  endif()
  message(STATUS "${which}:\n${out}")
endforeach()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/serial.parts" "${WORK_DIR}/distributed.parts"
                RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "the distributed tool's labels differ from the serial tool's (${WORK_DIR})")
endif()
message(STATUS "ok: the same labels")
