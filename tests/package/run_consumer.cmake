# Driver for the package tests: cmake -DMODE=... -DSOURCE_DIR=... -DBUILD_DIR=... -DWORK_DIR=...
#   -DCXX_COMPILER=... -DGENERATOR=... [-DTARGET=spectrakit::spectrakit_compiled] -P run_consumer.cmake
# find_package:     installs BUILD_DIR into WORK_DIR/prefix, checks the pkg-config file, then
#                   configures, builds and runs tests/package against the installed tree.
# add_subdirectory, fetchcontent: builds tests/package against SOURCE_DIR.
cmake_minimum_required(VERSION 3.16)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "command failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(consumer_args -S "${SOURCE_DIR}/tests/package" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release -DSPECTRAKIT_CONSUME_MODE=${MODE})
if(TARGET)
  list(APPEND consumer_args "-DSPECTRAKIT_CONSUME_TARGET=${TARGET}")
endif()

if(MODE STREQUAL "find_package")
  set(prefix "${WORK_DIR}/prefix")
  run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
  foreach(f include/spectrakit/spectrakit.hpp include/spectrakit/version.hpp
            share/cmake/spectrakit/spectrakitConfig.cmake
            share/cmake/spectrakit/spectrakitConfigVersion.cmake
            share/cmake/spectrakit/spectrakitTargets.cmake
            share/pkgconfig/spectrakit.pc)
    if(NOT EXISTS "${prefix}/${f}")
      message(FATAL_ERROR "the install tree lacks ${f}")
    endif()
  endforeach()
  find_program(PKG_CONFIG pkg-config)
  if(PKG_CONFIG)
    set(ENV{PKG_CONFIG_PATH} "${prefix}/share/pkgconfig")
    run("${PKG_CONFIG}" --cflags spectrakit)
    string(REGEX MATCHALL "-I[^ \n]+" include_flags "${last_output}")
    set(found_header OFF)
    foreach(flag IN LISTS include_flags)
      string(SUBSTRING "${flag}" 2 -1 dir)
      if(EXISTS "${dir}/spectrakit/spectrakit.hpp")
        set(found_header ON)
      endif()
    endforeach()
    if(NOT found_header)
      message(FATAL_ERROR "pkg-config --cflags spectrakit gave '${last_output}', without the installed headers")
    endif()
  endif()
  list(APPEND consumer_args "-DCMAKE_PREFIX_PATH=${prefix}")
else()
  list(APPEND consumer_args "-DSPECTRAKIT_SOURCE_DIR=${SOURCE_DIR}")
endif()

run("${CMAKE_COMMAND}" ${consumer_args})
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
message(STATUS "${MODE}: ${last_output}")
