# Optional distributed module (issue 17): the target spectrakit::slepc = spectrakit::spectrakit +
# PETSc + SLEPc + MPI, for include/spectrakit/distributed.hpp. Included by the top-level
# CMakeLists.txt after the spectrakit target exists, when SPECTRAKIT_WITH_SLEPC is ON.
#
# PETSc and SLEPc are found through pkg-config (Debian's petsc-dev / slepc-dev install PETSc.pc
# and SLEPc.pc; a PETSc built from source installs petsc.pc and slepc.pc: both spellings are
# tried; set PKG_CONFIG_PATH for a PETSc elsewhere, e.g. Debian's petsc64-dev for 64-bit
# indices), MPI through find_package(MPI) (the C API only: the deprecated C++ bindings are
# skipped).
#
# Only pkg-config's include directories and libraries are used, not its other flags: Debian's
# PETSc.pc carries -D_FORTIFY_SOURCE=2 -Wdate-time, which would warn (and fail -Werror builds)
# at -O0. The include directories are SYSTEM: PETSc's and SLEPc's warnings are not ours.
include_guard(GLOBAL)

find_package(PkgConfig REQUIRED)
set(MPI_CXX_SKIP_MPICXX ON CACHE BOOL "Skip the deprecated MPI C++ bindings")
find_package(MPI REQUIRED COMPONENTS CXX)

pkg_search_module(SPECTRAKIT_PETSC PETSc petsc)
pkg_search_module(SPECTRAKIT_SLEPC SLEPc slepc)
if(NOT SPECTRAKIT_PETSC_FOUND OR NOT SPECTRAKIT_SLEPC_FOUND)
  message(FATAL_ERROR "SPECTRAKIT_WITH_SLEPC=ON needs PETSc and SLEPc with their pkg-config files "
                      "(Debian: apt-get install petsc-dev slepc-dev openmpi-bin)")
endif()
message(STATUS "spectrakit::slepc: PETSc ${SPECTRAKIT_PETSC_VERSION}, SLEPc ${SPECTRAKIT_SLEPC_VERSION}, "
               "MPI ${MPI_CXX_VERSION} (${MPIEXEC_EXECUTABLE})")

add_library(spectrakit_slepc INTERFACE)
add_library(spectrakit::slepc ALIAS spectrakit_slepc)
set_target_properties(spectrakit_slepc PROPERTIES EXPORT_NAME slepc)
target_compile_definitions(spectrakit_slepc INTERFACE SPECTRAKIT_WITH_SLEPC=1)

# The same absolute paths in the build and the install interface (as for CHOLMOD): the installed
# package uses the PETSc it was built against. One generator expression per list element, so
# that a list never splits an expression.
set(_spectrakit_slepc_includes ${SPECTRAKIT_SLEPC_INCLUDE_DIRS} ${SPECTRAKIT_PETSC_INCLUDE_DIRS})
list(REMOVE_DUPLICATES _spectrakit_slepc_includes)
set(_spectrakit_slepc_libraries ${SPECTRAKIT_SLEPC_LINK_LIBRARIES} ${SPECTRAKIT_PETSC_LINK_LIBRARIES})
list(REMOVE_DUPLICATES _spectrakit_slepc_libraries)
foreach(_dir IN LISTS _spectrakit_slepc_includes)
  target_include_directories(spectrakit_slepc SYSTEM INTERFACE "$<BUILD_INTERFACE:${_dir}>" "$<INSTALL_INTERFACE:${_dir}>")
endforeach()
target_link_libraries(spectrakit_slepc INTERFACE spectrakit ${_spectrakit_slepc_libraries} MPI::MPI_CXX)

# The launcher and its flags for the tests, the tool's tests and the benchmark: Open MPI refuses
# to run as root without --allow-run-as-root, and more ranks than cores without --oversubscribe.
set(SPECTRAKIT_MPIEXEC_FLAGS ${MPIEXEC_PREFLAGS})
execute_process(COMMAND "${MPIEXEC_EXECUTABLE}" --version OUTPUT_VARIABLE _spectrakit_mpi_version ERROR_QUIET)
if(_spectrakit_mpi_version MATCHES "Open MPI|OpenRTE")
  list(APPEND SPECTRAKIT_MPIEXEC_FLAGS --oversubscribe)
  execute_process(COMMAND id -u OUTPUT_VARIABLE _spectrakit_uid OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_spectrakit_uid STREQUAL "0")
    list(APPEND SPECTRAKIT_MPIEXEC_FLAGS --allow-run-as-root)
  endif()
endif()

if(SPECTRAKIT_INSTALL)
  # Same export set as spectrakit::spectrakit; spectrakitConfig.cmake then finds MPI.
  install(TARGETS spectrakit_slepc EXPORT spectrakitTargets)
endif()
